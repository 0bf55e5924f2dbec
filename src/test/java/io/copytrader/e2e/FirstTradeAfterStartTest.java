package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first trade after a start: the account's nonce was read once its start's protection run was done, so the
 * trade signs at once instead of first reading it from the exchange.
 */
@ExtendWith(VertxExtension.class)
class FirstTradeAfterStartTest {

  private static final String NEXT_NONCE = "/api/v1/nextNonce";
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 1, Map.of());
  }

  @Test
  void theNonceIsReadAheadSoTheFirstTradeDoesNotReadIt() {
    TestAccount account = harness.freshAccount();
    eventually("the account's nonce read ahead", Duration.ofSeconds(15), () -> harness.exchangeRequests(NEXT_NONCE),
      reads -> reads == 1);

    harness.filled(harness.trade(account, "ETH", "long", "0.1"));

    assertThat(harness.exchangeRequests(NEXT_NONCE)).isEqualTo(1);
    assertThat(harness.exchangeRequests("/api/v1/sendTx")).isPositive();
  }
}
