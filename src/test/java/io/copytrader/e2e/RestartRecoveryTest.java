package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.BTC;
import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service stopped while a request waits to learn whether its order reached the exchange: the next instance
 * looks the order up before sending anything, adopts it, and the signal fills exactly once.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartRecoveryTest {

  private TradingHarness harness;

  @BeforeAll
  void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 3, settings());
  }

  /** What the service runs with beyond the harness's own settings; PgRestartRecoveryTest adds its journal. */
  Map<String, String> settings() {
    return Map.of("SHUTDOWN_GRACE", "0", "RETRY_INTERVAL", "5");
  }

  @Test
  void orderWhoseAnswerWasLostBeforeAStopIsAdoptedByTheNextInstance() throws Exception {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(answerLostAndOrderHidden());
    String id = harness.trade(account, "ETH", "long", "0.5");
    awaitUnknown(id, "entry");

    harness.restartService();
    harness.clearFaults();

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
    harness.injectFaults(answerLostAndOrderHidden());
    String id = harness.trade(account, "ETH", "close", null);
    awaitUnknown(id, "close");

    harness.restartService();
    harness.clearFaults();

    harness.filled(id);
    assertThat(harness.signedPosition(account, ETH)).isZero();
    assertThat(harness.awaitTelegram(id, "Position closed")).contains("<b>Side:</b> LONG");
    assertThat(harness.telegramFor(id)).noneMatch(text -> text.contains("<b>Position opened</b>"));
  }

  @Test
  void increaseRecoveredAfterARestartMovesTheStopToTheNewEntry() throws Exception {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "BTC", "long", "0.5"));
    BigDecimal firstTrigger = onlyStopLoss(account).triggerPrice();
    harness.setMid(BTC, "96000.0");
    harness.injectFaults(answerLostAndOrderHidden());
    String id = harness.adjust(account, "BTC", "increase", "0.5");
    awaitUnknown(id, "entry");

    harness.restartService();
    harness.clearFaults();

    harness.filled(id);
    BigDecimal entry = harness.position(account, BTC).orElseThrow().avgEntryPrice();
    BigDecimal trigger = entry.multiply(new BigDecimal("0.9975")).setScale(1, RoundingMode.CEILING);
    Order stopLoss = onlyStopLoss(account);
    assertThat(stopLoss.triggerPrice()).isEqualByComparingTo(trigger).isGreaterThan(firstTrigger);
    assertThat(stopLoss.remainingBaseAmount())
      .isEqualByComparingTo(harness.position(account, BTC).orElseThrow().position());
  }

  /** Waits until the request's order of {@code purpose} is journaled with its outcome unknown. */
  private void awaitUnknown(String id, String purpose) {
    eventually("the " + purpose + " order's outcome to be unknown", Duration.ofSeconds(10),
      () -> harness.requestStatus(id), status -> !orders(status, purpose).isEmpty()
        && "unknown".equals(orders(status, purpose).get(0).getString("state")));
  }

  private Order onlyStopLoss(TestAccount account) {
    List<Order> stopLosses = harness.stopLosses(account, BTC);
    assertThat(stopLosses).hasSize(1);
    return stopLosses.get(0);
  }

  /**
   * The send's answer is lost and the order lookup fails, so the first instance can settle nothing before it
   * stops: the next one must, from the journal and the exchange.
   */
  private static JsonObject answerLostAndOrderHidden() {
    return new JsonObject().put("drop_response_count", 1).put("error_count", 1_000_000)
      .put("error_path", "/api/v1/accountOrders");
  }
}
