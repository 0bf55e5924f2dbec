package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals the service accepts but must not trade: each ends in a final state with its reason after one
 * attempt, sends nothing to the exchange, leaves the account flat and tells the operators why.
 */
@ExtendWith(VertxExtension.class)
class SignalRejectionTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 6, Map.of());
  }

  @BeforeEach
  void countFromZero() {
    harness.resetExchangeRequests();
  }

  private static void assertNothingTraded(TestAccount account) {
    assertThat(harness.exchangeRequests("/api/v1/sendTx")).isZero();
    assertThat(harness.position(account, ETH)).isEmpty();
    assertThat(harness.activeOrders(account, ETH)).isEmpty();
  }

  @Test
  void orderBelowTheMarketMinimumIsRejectedWithoutRetry() {
    TestAccount account = harness.freshAccount();

    // 10 000 × 0.001 × 0.8 = 8 USDC: 0.0026 ETH, under both the 0.005 ETH and the 10 USDC minimum
    String id = harness.trade(account, "ETH", "long", "0.001");

    JsonObject status = harness.awaitFinal(id);
    assertThat(status.getString("state")).isEqualTo("rejected");
    assertThat(status.getString("error_code")).isEqualTo("SIZE_BELOW_MINIMUM");
    assertThat(status.getInteger("attempts")).isEqualTo(1);
    assertThat(status.getJsonArray("orders")).isEmpty();
    assertNothingTraded(account);
    assertThat(harness.awaitTelegram(id, "Trade rejected"))
      .contains("<b>Code:</b> SIZE_BELOW_MINIMUM", "<b>Action:</b> LONG");
  }

  @Test
  void zeroRatioIsRejectedAsNothingToTrade() {
    TestAccount account = harness.freshAccount();

    String id = harness.trade(account, "ETH", "short", "0");

    JsonObject status = harness.awaitFinal(id);
    assertThat(status.getString("state")).isEqualTo("rejected");
    assertThat(status.getString("error_code")).isEqualTo("SIZE_BELOW_MINIMUM");
    assertThat(status.getInteger("attempts")).isEqualTo(1);
    assertNothingTraded(account);
    assertThat(harness.awaitTelegram(id, "Trade rejected")).contains("<b>Code:</b> SIZE_BELOW_MINIMUM");
  }

  @Test
  void closeWithoutAPositionIsRejected() {
    TestAccount account = harness.freshAccount();

    String id = harness.trade(account, "ETH", "close", null);

    JsonObject status = harness.awaitFinal(id);
    assertThat(status.getString("state")).isEqualTo("rejected");
    assertThat(status.getString("error_code")).isEqualTo("NO_POSITION");
    assertThat(status.getInteger("attempts")).isEqualTo(1);
    assertNothingTraded(account);
    assertThat(harness.awaitTelegram(id, "Trade rejected")).contains("<b>Code:</b> NO_POSITION", "<b>Action:</b> CLOSE");
  }

  @Test
  void adjustmentWithoutAPositionIsRefusedAtIntake() {
    TestAccount account = harness.freshAccount();

    HttpResponse<Buffer> response = harness.post("/api/trade/adjust",
      TradingHarness.adjustBody(account, "ETH", "increase", "0.25"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("NO_POSITION");
    assertThat(harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject()
      .getJsonArray("requests")).isEmpty();
    assertNothingTraded(account);
  }

  @Test
  void signalOlderThanItsMaximumLagIsExpiredNotExecuted() {
    TestAccount account = harness.freshAccount();
    JsonObject body = TradingHarness.tradeBody(account, "ETH", "long", "0.5")
      .put("signal_timestamp", System.currentTimeMillis() - 10_000).put("max_lag_ms", 1_000);

    String id = harness.submit("/api/trade", body);

    JsonObject status = harness.awaitFinal(id);
    assertThat(status.getString("state")).isEqualTo("expired");
    assertThat(status.getString("error_code")).isEqualTo("SIGNAL_EXPIRED");
    assertThat(status.getString("started_at")).isNull();
    assertThat(status.getJsonArray("orders")).isEmpty();
    assertNothingTraded(account);
    assertThat(harness.awaitTelegram(id, "Trade request expired")).contains("<b>Action:</b> LONG");
  }
}
