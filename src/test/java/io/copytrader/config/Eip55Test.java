package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Eip55Test {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, true",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359, true",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB, true",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb, true",
    "0xA52458D77266a7b8566D0CCE608a0eCC72229A60, true",
    "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed, true",
    "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED, true",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD, false",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe, false",
    "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00, false"
  })
  void checksumIsValidated(String address, boolean valid) {
    assertThat(Eip55.isValid(address)).isEqualTo(valid);
  }
}
