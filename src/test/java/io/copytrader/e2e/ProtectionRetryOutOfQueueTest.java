package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.testing.Polling;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protection run that failed comes again after {@code RETRY_INTERVAL}, and waits for room while a start's runs
 * fill the budget's minute (30 accounts at the standard tier read for two minutes). The retry waits out of its
 * account's queue, as a run on the timer does, so a trade for that account goes at once instead of behind it.
 */
@ExtendWith(VertxExtension.class)
class ProtectionRetryOutOfQueueTest {

  private static final int ACCOUNTS = 30;

  @Test
  void aTradeForAnAccountWhoseFailedRunWaitsToRetryGoesAtOnce(Vertx vertx, @TempDir Path dir) throws Exception {
    TradingHarness harness = TradingHarness.withoutService(vertx, dir,
      Collections.nCopies(ACCOUNTS, new JsonObject()), Map.of("LIGHTER_ACCOUNT_TIER", "standard",
        "SHUTDOWN_GRACE", "0"), UnaryOperator.identity());
    // The first start run's account read fails, and so does the run: it comes again a second later.
    harness.injectFaults(new JsonObject().put("error_path", "/api/v1/account").put("error_count", 1)
      .put("error_status", 500));
    harness.node(vertx, Map.of());
    TestAccount first = harness.account(0);
    eventually("the first account's start run to have failed", Duration.ofSeconds(20),
      () -> harness.exchangeRequests("/api/v1/account"), reads -> reads >= 2);
    eventually("the first account taking requests", Duration.ofSeconds(20), () -> harness.accountHealth(first),
      health -> health != null && health.containsKey("queued"));
    // Past RETRY_INTERVAL (1 s): the retry is due and waits for room while the other accounts' start runs read.
    Polling.pause(Duration.ofSeconds(2));

    JsonObject status = harness.filled(harness.trade(first, "ETH", "long", "0.1"));

    assertThat(status.getString("state")).isEqualTo("filled");
    // The budget was binding: not every account's start run had read the account's orders when the trade filled.
    assertThat(harness.exchangeRequests("/api/v1/accountActiveOrders")).isLessThan(ACCOUNTS);
  }
}
