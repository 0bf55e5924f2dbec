package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.testing.OpenApiDocument;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional take-profit through the service's HTTP API on the paper exchange: {@code TAKE_PROFIT_RATIO=0.5}, one
 * account turning it off ({@code take_profit_ratio} 0) and one doubling it (1). ETH's initial margin fraction is 5%
 * and SOL's 10%, the stop-loss ratio 0.05 and the slippage 0.01; an open takes the ask (ETH 3000.30, SOL 150.015).
 * Only the test that moves a price trades SOL.
 */
@ExtendWith(VertxExtension.class)
class TakeProfitTest {

  private static final int SOL = 2;
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, List.of(new JsonObject().put("take_profit_ratio", 0),
        new JsonObject().put("take_profit_ratio", "1"), new JsonObject(), new JsonObject(), new JsonObject(),
        new JsonObject(), new JsonObject(), new JsonObject()),
      Map.of("PROTECTION_INTERVAL", "3600", "TAKE_PROFIT_RATIO", "0.5"));
    // The first two accounts are the overrides' own.
    harness.freshAccount();
    harness.freshAccount();
  }

  private static List<Order> takeProfits(TestAccount account, int marketId) {
    return harness.activeOrders(account, marketId).stream().filter(Order::takeProfit).toList();
  }

  @Test
  void openHoldsAStopLossAndATakeProfitSentInOneGroup() {
    TestAccount account = harness.freshAccount();

    JsonObject status = harness.filled(harness.trade(account, "ETH", "long", "0.5"));

    assertThat(orders(status, "entry")).singleElement()
      .satisfies(entry -> assertThat(entry.getInteger("tx_type")).isEqualTo(CreateGroupedOrdersTx.TX_TYPE));
    assertThat(orders(status, "take_profit_place")).singleElement()
      .satisfies(row -> assertThat(row.getString("tx_hash")).isEqualTo(orders(status, "entry").get(0)
        .getString("tx_hash")));
    assertThat(harness.stopLosses(account, ETH)).singleElement()
      .satisfies(stop -> assertThat(stop.remainingBaseAmount()).isEqualByComparingTo("1.3333"));
    // 3000.30 × (1 + 0.05 × 0.5) = 3075.3075, down to the tick; limit 3075.30 × 0.99 = 3044.547, up
    assertThat(takeProfits(account, ETH)).singleElement().satisfies(takeProfit -> {
      assertThat(takeProfit.type()).isEqualTo("take-profit-limit");
      assertThat(takeProfit.isAsk()).isTrue();
      assertThat(takeProfit.reduceOnly()).isTrue();
      assertThat(takeProfit.triggerPrice()).isEqualByComparingTo("3075.30");
      assertThat(takeProfit.price()).isEqualByComparingTo("3044.55");
      assertThat(takeProfit.remainingBaseAmount()).isEqualByComparingTo("1.3333");
    });
  }

  @Test
  void accountViewShowsTheTakeProfitBesideTheStopLoss() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "short", "0.5"));

    HttpResponse<Buffer> response = harness.get("/api/account/" + account.index());
    JsonObject view = response.bodyAsJsonObject();

    assertThat(OpenApiDocument.load().errors("get", "/api/account/{account_index}", 200, response.bodyAsString()))
      .as("the answer as /openapi.json documents it").isEmpty();

    assertThat(view.getJsonArray("stop_loss_orders")).hasSize(1);
    assertThat(view.getJsonArray("take_profit_orders")).singleElement()
      .satisfies(order -> {
        JsonObject takeProfit = (JsonObject) order;
        assertThat(takeProfit.getString("order_type")).isEqualTo("take-profit-limit");
        assertThat(takeProfit.getString("symbol")).isEqualTo("ETH");
        assertThat(takeProfit.getBoolean("reduce_only")).isTrue();
        // 2999.70 × (1 − 0.05 × 0.5) = 2924.7075, up to the tick
        assertThat(takeProfit.getString("trigger_price")).isEqualTo("2924.71");
      });
  }

  @Test
  void priceReachingTheTakeProfitClosesThePositionAndCancelsTheStopLoss() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "SOL", "long", "0.5"));
    Order stopLoss = harness.stopLosses(account, SOL).get(0);
    Order takeProfit = takeProfits(account, SOL).get(0);
    // 150.015 × (1 + 0.10 × 0.5) = 157.51575, down to the tick
    assertThat(takeProfit.triggerPrice()).isEqualByComparingTo("157.515");

    harness.setMid(SOL, "158.000");

    assertThat(harness.position(account, SOL)).isEmpty();
    List<Order> ended = harness.ordersByClientIndex(account, List.of(takeProfit.clientOrderIndex(),
      stopLoss.clientOrderIndex()));
    assertThat(ended).filteredOn(Order::takeProfit).singleElement()
      .satisfies(filled -> assertThat(filled.status()).isEqualTo("filled"));
    assertThat(ended).filteredOn(Order::stopLoss).singleElement()
      .satisfies(cancelled -> assertThat(cancelled.status()).isEqualTo("canceled-oco"));
    assertThat(harness.activeOrders(account, SOL)).isEmpty();
  }

  @Test
  void increaseLeavesOneStopLossAndOneTakeProfitForTheWholePosition() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.25"));
    Order first = takeProfits(account, ETH).get(0);

    harness.filled(harness.adjust(account, "ETH", "increase", "1"));

    BigDecimal position = harness.signedPosition(account, ETH);
    BigDecimal entry = harness.position(account, ETH).orElseThrow().avgEntryPrice();
    assertThat(harness.stopLosses(account, ETH)).singleElement().satisfies(stop -> assertThat(
      stop.remainingBaseAmount()).isEqualByComparingTo(position));
    assertThat(takeProfits(account, ETH)).singleElement().satisfies(takeProfit -> {
      assertThat(takeProfit.orderIndex()).as("the open's take-profit, sized to it, is retired")
        .isNotEqualTo(first.orderIndex());
      assertThat(takeProfit.remainingBaseAmount()).isEqualByComparingTo(position);
      // the average entry × (1 + 0.05 × 0.5), down to the tick
      assertThat(takeProfit.triggerPrice()).isEqualByComparingTo(entry.multiply(new BigDecimal("1.025"))
        .setScale(2, RoundingMode.FLOOR));
    });
  }

  @Test
  void closeLeavesNoTakeProfitBehind() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.25"));

    harness.filled(harness.trade(account, "ETH", "close", "1"));

    assertThat(harness.activeOrders(account, ETH)).isEmpty();
  }

  @Test
  void refusedGroupsGiveTheStopLossFirstAndATakeProfitPlacedAloneAfter() {
    TestAccount account = harness.freshAccount();
    harness.paperControl(HttpMethod.POST, "/paper/grouped-orders", new JsonObject().put("refuse", new JsonObject()
      .put("code", LighterErrorCodes.UNSUPPORTED_TX_TYPE).put("accounts", new JsonArray().add(account.index()))));
    try {
      JsonObject status = harness.filled(harness.trade(account, "ETH", "long", "0.5"));

      assertThat(orders(status, "entry")).extracting(entry -> entry.getInteger("tx_type"))
        .containsExactly(CreateGroupedOrdersTx.TX_TYPE, CreateOrderTx.TX_TYPE);
      List<JsonObject> sentAfter = status.getJsonArray("orders").stream().map(JsonObject.class::cast)
        .filter(row -> row.getInteger("tx_type") == CreateOrderTx.TX_TYPE).toList();
      assertThat(sentAfter).extracting(row -> row.getString("purpose"))
        .containsExactly("entry", "stop_loss_place", "take_profit_place");
      assertThat(harness.stopLosses(account, ETH)).hasSize(1);
      assertThat(takeProfits(account, ETH)).singleElement().satisfies(takeProfit -> {
        assertThat(takeProfit.remainingBaseAmount()).isEqualByComparingTo("1.3333");
        // the actual entry, 3000.30, × (1 + 0.05 × 0.5), down to the tick
        assertThat(takeProfit.triggerPrice()).isEqualByComparingTo("3075.30");
      });
    } finally {
      harness.paperControl(HttpMethod.POST, "/paper/grouped-orders", new JsonObject().putNull("refuse"));
    }
  }

  @Test
  void anAccountsOwnRatioReplacesTheGlobalOne() {
    TestAccount off = harness.account(0);
    TestAccount doubled = harness.account(1);

    JsonObject withoutTakeProfit = harness.filled(harness.trade(off, "ETH", "long", "0.5"));
    harness.filled(harness.trade(doubled, "ETH", "long", "0.5"));

    assertThat(orders(withoutTakeProfit, "take_profit_place")).isEmpty();
    assertThat(orders(withoutTakeProfit, "entry").get(0).getInteger("tx_type"))
      .isEqualTo(CreateGroupedOrdersTx.TX_TYPE);
    assertThat(takeProfits(off, ETH)).isEmpty();
    assertThat(harness.stopLosses(off, ETH)).hasSize(1);
    // 3000.30 × (1 + 0.05 × 1) = 3150.315, down to the tick
    assertThat(takeProfits(doubled, ETH)).singleElement()
      .satisfies(takeProfit -> assertThat(takeProfit.triggerPrice()).isEqualByComparingTo("3150.31"));
  }
}
