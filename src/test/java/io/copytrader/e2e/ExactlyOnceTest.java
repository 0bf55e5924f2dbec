package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request's guarantees under faults of the exchange, against the paper exchange: a send whose answer is lost
 * is settled by evidence, never repeated on a guess, and exits are never dropped for their age.
 */
@ExtendWith(VertxExtension.class)
class ExactlyOnceTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 5, Map.of("MAX_SIGNAL_AGE", "10"));
  }

  @AfterEach
  void clearFaults() {
    harness.clearFaults();
  }

  @Test
  void lostAnswerWhoseLookupsFailAtFirstFillsOnceAndIsProtected() {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(new JsonObject().put("drop_response_count", 1).put("error_count", 3)
      .put("error_path", "/api/v1/accountOrders"));

    String id = harness.trade(account, "ETH", "long", "0.5");

    JsonObject status = harness.assertOneOpeningFill(account, id, "1.3333");
    assertThat(status.getInteger("attempts")).isEqualTo(1);
    assertThat(harness.stopLosses(account, ETH)).hasSize(1);
  }

  @Test
  void lostAnswerOfAQueuedEntryWhileLookupsLagFillsOnce() {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(new JsonObject().put("drop_response_count", 1).put("sequencer_delay_ms", 1_040)
      .put("lookup_lag_ms", 3_000));

    String id = harness.trade(account, "ETH", "long", "0.5");
    harness.filled(id);
    harness.clearFaults();

    harness.assertOneOpeningFill(account, id, "1.3333");
    assertThat(harness.stopLosses(account, ETH)).hasSize(1);
  }

  @Test
  void closeOlderThanItsAgeLimitStillCloses() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    JsonObject stale = TradingHarness.tradeBody(account, "ETH", "close", null)
      .put("signal_timestamp", System.currentTimeMillis() - 600_000).put("max_lag_ms", 1_000);

    String id = harness.submit("/api/trade", stale);

    harness.filled(id);
    assertThat(harness.signedPosition(account, ETH)).isZero();
    assertThat(harness.stopLosses(account, ETH)).isEmpty();
  }

  @Test
  void decreaseOlderThanItsAgeLimitStillReduces() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "short", "0.5"));
    JsonObject stale = TradingHarness.adjustBody(account, "ETH", "decrease", "0.5")
      .put("signal_timestamp", System.currentTimeMillis() - 600_000).put("max_lag_ms", 1_000);

    String id = harness.submit("/api/trade/adjust", stale);

    JsonObject status = harness.filled(id);
    assertThat(orders(status, "reduce")).hasSize(1);
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("-0.6667");
  }

  @Test
  void unansweredCloseIsSentAgainOnlyOnceItsExpiryProvesItNeverExecuted() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    harness.injectFaults(new JsonObject().put("error_count", 1_000_000).put("error_path", "/api/v1/sendTx"));

    String id = harness.trade(account, "ETH", "close", null);
    eventually("the unanswered close to be proven never executed", Duration.ofSeconds(30),
      () -> harness.requestStatus(id), status -> orders(status, "close").stream()
        .anyMatch(order -> "NEVER_APPLIED".equals(order.getString("error_code"))));
    harness.clearFaults();

    JsonObject status = harness.filled(id);
    assertThat(harness.signedPosition(account, ETH)).isZero();
    List<JsonObject> closes = orders(status, "close");
    assertThat(closes).extracting(order -> order.getString("state")).containsExactly("rejected", "filled");
    assertThat(closes).extracting(order -> order.getLong("nonce")).containsOnly(closes.get(0).getLong("nonce"));
    assertThat(closes).extracting(order -> order.getLong("client_order_index"))
      .containsOnly(closes.get(0).getLong("client_order_index"));
    assertThat(harness.ordersByClientIndex(account, List.of(closes.get(0).getLong("client_order_index"))))
      .hasSize(1);
  }
}
