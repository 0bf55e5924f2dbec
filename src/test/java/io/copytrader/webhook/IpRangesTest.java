package io.copytrader.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangesTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "127.0.0.1              | 127.0.0.1                 | true",
    "127.0.0.1              | 127.0.0.2                 | false",
    "10.0.0.0/8             | 10.255.1.2                | true",
    "10.0.0.0/8             | 11.0.0.1                  | false",
    "192.168.1.128/25       | 192.168.1.200             | true",
    "192.168.1.128/25       | 192.168.1.127             | false",
    "0.0.0.0/0              | 8.8.8.8                   | true",
    "0.0.0.0/0              | ::1                       | false",
    "::1                    | 0:0:0:0:0:0:0:1           | true",
    "::1                    | 127.0.0.1                 | false",
    "2001:db8::/32          | 2001:db8:ffff::1          | true",
    "2001:db8::/32          | 2001:db9::1               | false",
    "fe80::/10              | fe80::1%eth0              | true",
    "tradingview            | 52.89.214.238             | true",
    "tradingview            | 34.212.75.30              | true",
    "tradingview            | 54.218.53.128             | true",
    "TradingView            | 52.32.178.7               | true",
    "tradingview            | 52.32.178.8               | false",
    "tradingview,127.0.0.1  | 127.0.0.1                 | true",
    "127.0.0.1              | localhost                 | false",
    "127.0.0.1              | not an address            | false"})
  void anAddressIsInTheRangesItFallsIn(String ranges, String address, boolean contained) {
    assertThat(IpRanges.parse(Arrays.asList(ranges.split(","))).contains(address)).isEqualTo(contained);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "example.com", "10.0.0.256", "010.0.0.1", "10.0.0.0/33", "::1/129",
    "10.0.0.0/", "10.0.0.0/-1", "", "1.2.3", "tradingview.com", "::g"})
  void anythingButALiteralAddressOrRangeIsRefused(String entry) {
    assertThatThrownBy(() -> IpRanges.parse(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("'");
  }
}
