package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start's protection run that failed is tried again after {@code RETRY_INTERVAL} ahead of the start's runs still
 * waiting. At the standard tier 30 accounts' start runs read for two minutes; retried at the periodic reads' priority,
 * the first account's run came after all of them, its position without a stop-loss meanwhile.
 */
@ExtendWith(VertxExtension.class)
class ProtectionRetryAheadOfStartTest {

  private static final int ACCOUNTS = 30;
  /** Past the minute the first start runs fill, and short of the second one. */
  private static final Duration WITHIN = Duration.ofSeconds(100);

  @Test
  void aFailedStartRunIsRetriedBeforeTheStartRunsStillWaiting(Vertx vertx, @TempDir Path dir) throws Exception {
    TradingHarness harness = TradingHarness.withoutService(vertx, dir,
      Collections.nCopies(ACCOUNTS, new JsonObject()), Map.of("LIGHTER_ACCOUNT_TIER", "standard",
        "PROTECT_EXTERNAL_POSITIONS", "protect", "SHUTDOWN_GRACE", "0"), UnaryOperator.identity());
    TestAccount first = harness.account(0);
    TestAccount last = harness.account(ACCOUNTS - 1);
    // Shorts the service did not open: the first and the last account's runs each have a stop-loss to place.
    harness.shortOutsideTheService(first);
    harness.shortOutsideTheService(last);
    // The first start run's account read fails, and so does the run.
    harness.injectFaults(new JsonObject().put("error_path", "/api/v1/account").put("error_count", 1)
      .put("error_status", 500));
    harness.node(vertx, Map.of());

    JsonObject retried = protected_(harness, first);
    JsonObject lastStart = protected_(harness, last);

    assertThat(orders(retried, "stop_loss_place")).isNotEmpty();
    assertThat(Instant.parse(retried.getString("created_at")))
      .isBefore(Instant.parse(lastStart.getString("created_at")));
  }

  /** The account's protection run, once it has placed the position's stop-loss. */
  private static JsonObject protected_(TradingHarness harness, TestAccount account) {
    return eventually("account " + account.index() + "'s position protected", WITHIN,
      () -> harness.protectionRuns(account),
      runs -> !runs.isEmpty() && "completed".equals(runs.get(0).getString("state"))).get(0);
  }
}
