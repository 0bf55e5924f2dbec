package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account's queue holds MAX_QUEUE_PER_ACCOUNT requests besides the one executing; beyond that intake
 * answers 429 and journals nothing, while what was accepted still executes.
 */
@ExtendWith(VertxExtension.class)
class QueueCapacityTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 2, Map.of("MAX_QUEUE_PER_ACCOUNT", "1"));
  }

  @Test
  void requestBeyondAFullQueueIsRefusedWith429() {
    TestAccount account = harness.freshAccount();
    // every exchange call takes 500 ms, so the first request is still executing when the others arrive
    harness.injectFaults(new JsonObject().put("latency_ms", 500));
    HttpResponse<Buffer> refused;
    String executing;
    String waiting;
    try {
      executing = harness.trade(account, "ETH", "long", "0.5");
      waiting = harness.trade(account, "ETH", "long", "0.25");
      refused = harness.post("/api/trade", TradingHarness.tradeBody(account, "ETH", "long", "0.25"));
    } finally {
      harness.clearFaults();
    }

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("QUEUE_FULL");
    JsonObject first = harness.filled(executing);
    JsonObject second = harness.filled(waiting);
    BigDecimal traded = new BigDecimal(TradingHarness.orders(first, "entry").get(0).getString("filled_base"))
      .add(new BigDecimal(TradingHarness.orders(second, "entry").get(0).getString("filled_base")));
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(traded);
    assertThat(harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject()
      .getJsonArray("requests")).hasSize(2);
    assertThat(harness.awaitTelegram(executing, "Position opened")).contains("<b>Size:</b> 1.3333");
    assertThat(harness.awaitTelegram(waiting, "Position increased")).contains("<b>Side:</b> LONG");
  }

  @Test
  void repeatOfAWaitingRequestGetsItsIdWhileTheQueueIsFull() {
    TestAccount account = harness.freshAccount();
    JsonObject waitingBody = TradingHarness.tradeBody(account, "ETH", "long", "0.25");
    harness.injectFaults(new JsonObject().put("latency_ms", 500));
    String waiting;
    HttpResponse<Buffer> repeat;
    try {
      harness.trade(account, "ETH", "long", "0.5");
      waiting = harness.api(HttpMethod.POST, "/api/trade").putHeader("Idempotency-Key", "waiting-signal")
        .sendJsonObject(waitingBody).await().bodyAsJsonObject().getString("request_id");
      repeat = harness.api(HttpMethod.POST, "/api/trade").putHeader("Idempotency-Key", "waiting-signal")
        .sendJsonObject(waitingBody).await();
    } finally {
      harness.clearFaults();
    }

    assertThat(repeat.statusCode()).as(repeat.bodyAsString()).isEqualTo(200);
    assertThat(repeat.bodyAsJsonObject().getString("request_id")).isEqualTo(waiting);
    assertThat(harness.filled(waiting).getString("idempotency_key")).isEqualTo("waiting-signal");
    assertThat(harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject()
      .getJsonArray("requests")).hasSize(2);
    assertThat(harness.awaitTelegram(waiting, "Position increased")).contains("<b>Side:</b> LONG");
  }
}
