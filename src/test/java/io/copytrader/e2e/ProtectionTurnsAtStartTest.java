package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
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
 * A start whose protection runs outlast the REST budget's minute: at the standard tier (60 reads a minute, a quarter
 * kept for sends) the start runs of 30 accounts read 90 times, so the later accounts' runs wait for room for a
 * minute or more. Past the node's turns they wait out of their account's queue, and a trade for such an account goes
 * at once instead of behind its run; so do the runs an operator asks for meanwhile. A turn lasts until the run's
 * reads have left, not until they are answered, so a slow exchange does not pace the runs.
 */
@ExtendWith(VertxExtension.class)
class ProtectionTurnsAtStartTest {

  private static final int ACCOUNTS = 30;
  private static final int SLOW_ACCOUNTS = 10;
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(2);

  @Test
  void aTradeForAnAccountWhoseStartRunWaitsForItsTurnGoesAtOnce(Vertx vertx, @TempDir Path dir) throws Exception {
    TradingHarness harness = startAtTheStandardTier(vertx, dir);
    TestAccount last = harness.account(ACCOUNTS - 1);

    JsonObject status = harness.filled(harness.trade(last, "ETH", "long", "0.1"));

    assertThat(status.getString("state")).isEqualTo("filled");
    // The budget was binding: not every account's start run had read the account's orders when the trade filled.
    assertThat(harness.exchangeRequests("/api/v1/accountActiveOrders")).isLessThan(ACCOUNTS);
  }

  @Test
  void aTradeForAnAccountWhoseAskedRunWaitsForItsTurnGoesAtOnce(Vertx vertx, @TempDir Path dir) throws Exception {
    TradingHarness harness = startAtTheStandardTier(vertx, dir);
    TestAccount last = harness.account(ACCOUNTS - 1);
    for (int position = 0; position < ACCOUNTS; position++) {
      assertThat(harness.post("/api/protect", new JsonObject().put("account_index",
        harness.account(position).index())).statusCode()).isEqualTo(202);
    }

    JsonObject status = harness.filled(harness.trade(last, "ETH", "long", "0.1"));

    assertThat(status.getString("state")).isEqualTo("filled");
    // The budget was binding: the runs asked for had not all read the accounts' orders when the trade filled.
    assertThat(harness.exchangeRequests("/api/v1/accountActiveOrders")).isLessThan(ACCOUNTS);
  }

  @Test
  void onASlowExchangeTheStartRunsArePacedByTheBudgetNotByTheAnswers(Vertx vertx, @TempDir Path dir)
    throws Exception {
    TradingHarness harness = TradingHarness.withoutService(vertx, dir,
      Collections.nCopies(SLOW_ACCOUNTS, new JsonObject()), Map.of("SHUTDOWN_GRACE", "0"), UnaryOperator.identity());
    // Every REST answer takes this long; the builder tier's budget has room for every run at once.
    harness.injectFaults(new JsonObject().put("latency_ms", SLOW_ANSWER.toMillis()));
    harness.node(vertx, Map.of());
    eventually("the first start run's reads", Duration.ofSeconds(30),
      () -> harness.exchangeRequests("/api/v1/accountActiveOrders"), reads -> reads >= 1);

    // One run after the other, each holding its turn until its answers, would take SLOW_ACCOUNTS answers' time.
    eventually("every start run's reads", SLOW_ANSWER.multipliedBy(SLOW_ACCOUNTS / 2),
      () -> harness.exchangeRequests("/api/v1/accountActiveOrders"), reads -> reads >= SLOW_ACCOUNTS);
  }

  /** The service with its accounts at the standard tier, once the last account takes requests. */
  private static TradingHarness startAtTheStandardTier(Vertx vertx, Path dir) throws Exception {
    // No drain at the end: the runs still waiting for room would hold the shutdown for its whole grace.
    TradingHarness harness = TradingHarness.start(vertx, dir, ACCOUNTS, Map.of("LIGHTER_ACCOUNT_TIER", "standard",
      "SHUTDOWN_GRACE", "0"));
    TestAccount last = harness.account(ACCOUNTS - 1);
    eventually("the last account taking requests", Duration.ofSeconds(20), () -> harness.accountHealth(last),
      health -> health != null && health.containsKey("queued"));
    return harness;
  }
}
