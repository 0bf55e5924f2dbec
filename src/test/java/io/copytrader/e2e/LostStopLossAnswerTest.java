package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop-loss change whose send was answered 5xx may or may not have reached the exchange; the service sends the
 * same signed bytes again while it watches for the change, so one refused before it was taken is in place a second
 * or two later, not after the watch's 15 s and another run.
 */
@ExtendWith(VertxExtension.class)
class LostStopLossAnswerTest {

  /** Well short of the 15 s the watch waits before the stop-loss is sent anew. */
  private static final Duration WITHIN = Duration.ofSeconds(6);

  @Test
  void aStopLossChangeWhoseSendWasAnswered5xxIsInPlaceWithinSeconds(Vertx vertx, @TempDir Path dir) throws Exception {
    TradingHarness harness = TradingHarness.start(vertx, dir, 1, Map.of());
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    // The position grows by a trade of the account's own (not a transaction of its key): its stop-loss is short.
    harness.paperControl(HttpMethod.POST, "/paper/accounts/" + account.index() + "/position",
      new JsonObject().put("market_id", ETH).put("position", "2.0"));
    // The protection run's change of the stop-loss is the next transaction sent: refused with a 503 before the
    // exchange took it.
    harness.injectFaults(new JsonObject().put("error_path", "/api/v1/sendTx").put("error_count", 1));

    assertThat(harness.post("/api/protect", new JsonObject().put("account_index", account.index())).statusCode())
      .isEqualTo(202);

    List<Order> resized = eventually("the stop-loss covering the whole position", WITHIN,
      () -> harness.stopLosses(account, ETH),
      stops -> stops.size() == 1 && stops.get(0).remainingBaseAmount().compareTo(new BigDecimal("2.0")) == 0);
    assertThat(resized.get(0).reduceOnly()).isTrue();
    // One change signed: a copy of it got there. Without copies it was watched for 15 s, then signed anew.
    JsonObject run = eventually("the run to end", WITHIN, () -> harness.protectionRuns(account),
      runs -> !runs.isEmpty() && "completed".equals(runs.get(0).getString("state"))).get(0);
    assertThat(orders(run, "stop_loss_modify")).hasSize(1);
    // A 5xx may have applied: the row says so rather than that the exchange refused the change.
    assertThat(orders(run, "stop_loss_modify").get(0).getString("state")).isEqualTo("unknown");
    assertThat(harness.exchangeRequests("/api/v1/sendTx")).isGreaterThanOrEqualTo(2);
  }
}
