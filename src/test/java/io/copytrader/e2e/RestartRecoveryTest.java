package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service stopped while a request waits to learn whether its order reached the exchange: the next instance
 * looks the order up before sending anything, adopts it, and the signal fills exactly once.
 */
@ExtendWith(VertxExtension.class)
class RestartRecoveryTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    // RETRY_INTERVAL 5 s: the first instance is stopped long before it would look the order up itself
    harness = TradingHarness.start(vertx, dir, 2, Map.of("SHUTDOWN_GRACE", "0", "RETRY_INTERVAL", "5"));
  }

  @Test
  void orderWhoseAnswerWasLostBeforeAStopIsAdoptedByTheNextInstance() throws Exception {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(new JsonObject().put("drop_response_count", 1));
    String id = harness.trade(account, "ETH", "long", "0.5");
    harness.eventually("the entry order's outcome to be unknown", Duration.ofSeconds(10),
      () -> harness.requestStatus(id), status -> !orders(status, "entry").isEmpty()
        && "unknown".equals(orders(status, "entry").get(0).getString("state")));
    harness.clearFaults();

    harness.restartService();

    JsonObject status = harness.filled(id);
    List<JsonObject> entries = orders(status, "entry");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getString("state")).isEqualTo("filled");
    assertThat(entries.get(0).getString("filled_base")).isEqualTo("1.3333");
    List<Order> onExchange = harness.ordersByClientIndex(account,
      List.of(entries.get(0).getLong("client_order_index")));
    assertThat(onExchange).hasSize(1);
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.3333");
    assertThat(harness.stopLosses(account, ETH)).hasSize(1);
    assertThat(harness.awaitTelegram(id, "Stop-loss placed")).contains("<b>Size:</b> 1.3333");
    assertThat(harness.awaitTelegram(id, "Position opened")).contains("<b>Size:</b> 1.3333");
    assertThat(harness.telegramFor(id)).noneMatch(text -> text.contains("<b>Position increased</b>"));
  }

  @Test
  void closeWhoseAnswerWasLostBeforeAStopIsReportedAsAClose() throws Exception {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    harness.injectFaults(new JsonObject().put("drop_response_count", 1));
    String id = harness.trade(account, "ETH", "close", null);
    harness.eventually("the closing order's outcome to be unknown", Duration.ofSeconds(10),
      () -> harness.requestStatus(id), status -> !orders(status, "close").isEmpty()
        && "unknown".equals(orders(status, "close").get(0).getString("state")));
    harness.clearFaults();

    harness.restartService();

    harness.filled(id);
    assertThat(harness.signedPosition(account, ETH)).isZero();
    assertThat(harness.awaitTelegram(id, "Position closed")).contains("<b>Side:</b> LONG");
    assertThat(harness.telegramFor(id)).noneMatch(text -> text.contains("<b>Position opened</b>"));
  }
}
