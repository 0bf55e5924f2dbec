package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class SignerWarmUpTest {

  @Test
  void warmUpSignsAndVerifiesWithoutError() {
    assertThatCode(() -> SignerWarmUp.run(TxSigner.MAINNET_CHAIN_ID, 5)).doesNotThrowAnyException();
  }
}
