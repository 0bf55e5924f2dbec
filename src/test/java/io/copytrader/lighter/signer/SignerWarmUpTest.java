package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignerWarmUpTest {

  @Test
  void warmUpSignsAndVerifiesWithoutError() {
    assertThatCode(() -> SignerWarmUp.run(TxSigner.MAINNET_CHAIN_ID, 5, () -> false)).doesNotThrowAnyException();
  }

  @Test
  void warmUpEndsAtTheFirstRoundAfterItIsStopped() {
    AtomicInteger asked = new AtomicInteger();

    SignerWarmUp.run(TxSigner.MAINNET_CHAIN_ID, 1_000_000, () -> asked.incrementAndGet() > 3);

    assertThat(asked).hasValue(4);
  }
}
