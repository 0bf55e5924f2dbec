package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.expiredAt;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.testing.OpenApiDocument;
import io.copytrader.testing.TestLimits;
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
import java.time.Duration;
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
        new JsonObject(), new JsonObject(), new JsonObject(), new JsonObject(), new JsonObject(), new JsonObject(),
        new JsonObject(), new JsonObject()),
      Map.of("PROTECTION_INTERVAL", "3600", "TAKE_PROFIT_RATIO", "0.5"),
      // The naked-moment check reads the exchange back to back while an increase runs: no tier's minute holds that.
      TestLimits::unlimited);
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
        assertThat(takeProfit.getLong("cancels_order_index")).as("the pair recognisable")
          .isEqualTo(view.getJsonArray("stop_loss_orders").getJsonObject(0).getLong("order_index"));
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

  /** The one stop-loss and the one take-profit of the account's ETH position, asserted to be one OCO pair. */
  private static Order[] onePair(TestAccount account) {
    List<Order> stops = harness.stopLosses(account, ETH);
    List<Order> takeProfits = takeProfits(account, ETH);
    assertThat(stops).as("stop-losses").hasSize(1);
    assertThat(takeProfits).as("take-profits").hasSize(1);
    Order stop = stops.get(0);
    Order takeProfit = takeProfits.get(0);
    assertThat(stop.cancelsOrderIndex()).as("the stop-loss cancels the take-profit").isEqualTo(takeProfit.orderIndex());
    assertThat(takeProfit.cancelsOrderIndex()).as("and the other way round").isEqualTo(stop.orderIndex());
    for (Order leg : List.of(stop, takeProfit)) {
      assertThat(leg.reduceOnly()).isTrue();
      assertThat(leg.status()).isEqualTo("pending");
      assertThat(leg.isAsk()).isEqualTo(harness.signedPosition(account, ETH).signum() > 0);
    }
    return new Order[] {stop, takeProfit};
  }

  /** Asserts the pair is position-tied (size 0) at the triggers the account's ETH position's entry gives. */
  private static void atTheEntrysPrices(TestAccount account, Order[] pair) {
    BigDecimal entry = harness.position(account, ETH).orElseThrow().avgEntryPrice();
    assertThat(pair[0].remainingBaseAmount()).as("position-tied").isZero();
    assertThat(pair[1].remainingBaseAmount()).as("position-tied").isZero();
    // a long's: the average entry × (1 − 0.05 × 0.05), up to the tick; × (1 + 0.05 × 0.5), down to the tick
    assertThat(pair[0].triggerPrice()).isEqualByComparingTo(entry.multiply(new BigDecimal("0.9975"))
      .setScale(2, RoundingMode.CEILING));
    assertThat(pair[1].triggerPrice()).isEqualByComparingTo(entry.multiply(new BigDecimal("1.025"))
      .setScale(2, RoundingMode.FLOOR));
  }

  @Test
  void increaseLeavesOnePositionTiedPairAtTheNewEntrysPrices() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.25"));
    Order[] first = onePair(account);

    String id = harness.adjust(account, "ETH", "increase", "1");
    List<String> naked = harness.nakedReadings(account, ETH, id);
    JsonObject status = harness.filled(id);

    assertThat(naked).as("readings with a position and no armed stop-loss").isEmpty();
    assertThat(orders(status, "take_profit_place")).as("one with the increase, one in the pair").hasSize(2);
    Order[] pair = onePair(account);
    assertThat(pair[0].orderIndex()).isNotEqualTo(first[0].orderIndex());
    assertThat(pair[1].orderIndex()).isNotEqualTo(first[1].orderIndex());
    atTheEntrysPrices(account, pair);
    assertThat(orders(status, "take_profit_cancel")).as("the open's and the increase's take-profits").hasSize(2);
    assertThat(orders(status, "stop_loss_cancel")).as("the open's and the increase's stop-losses").hasSize(2);
  }

  @Test
  void twoStepOpenIsProtectedByThePairOnceGroupsAreTakenAgain() {
    TestAccount account = harness.freshAccount();
    refuseGroups(account, true);
    List<Order> alone;
    try {
      harness.filled(harness.trade(account, "ETH", "long", "0.5"));
      alone = harness.activeOrders(account, ETH);
      assertThat(alone).as("a stop-loss and a take-profit placed alone").hasSize(2)
        .allSatisfy(order -> assertThat(order.cancelsOrderIndex()).isZero());
    } finally {
      refuseGroups(account, false);
    }

    JsonObject run = protectNow(account);

    Order[] pair = onePair(account);
    atTheEntrysPrices(account, pair);
    assertThat(alone).allSatisfy(order -> assertThat(List.of(pair[0].orderIndex(), pair[1].orderIndex()))
      .doesNotContain(order.orderIndex()));
    assertThat(orders(run, "stop_loss_place")).singleElement()
      .satisfies(row -> assertThat(row.getInteger("tx_type")).isEqualTo(CreateGroupedOrdersTx.TX_TYPE));
    assertThat(orders(run, "take_profit_cancel")).hasSize(1);
    assertThat(orders(run, "stop_loss_cancel")).hasSize(1);
  }

  @Test
  void aTakeProfitCancelledBehindTheServicesBackIsReplacedWithItsStopLossByAPair() {
    TestAccount account = harness.freshAccount();
    Order[] open = longWithItsTakeProfitCancelledDirectly(account);
    assertThat(takeProfits(account, ETH)).isEmpty();

    JsonObject run = protectNow(account);

    Order[] pair = onePair(account);
    atTheEntrysPrices(account, pair);
    assertThat(pair[0].orderIndex()).as("the stop-loss left alone is replaced with the pair")
      .isNotEqualTo(open[0].orderIndex());
    assertThat(run.getString("state")).isEqualTo("completed");
    assertThat(harness.awaitTelegram(run.getString("request_id"), "Stop-loss and take-profit placed"))
      .contains("<b>Take-profit trigger:</b> " + pair[1].triggerPrice().stripTrailingZeros().toPlainString());
  }

  @Test
  void aPairWhoseSendWasAnswered5xxIsInPlaceWithinSeconds() {
    TestAccount account = harness.freshAccount();
    longWithItsTakeProfitCancelledDirectly(account);
    // The direct cancel used the key's next nonce: a trade moves the service's on before the fault.
    harness.filled(harness.trade(account, "BTC", "long", "0.1"));
    // The protection run's pair is the next transaction sent: refused with a 503 before the exchange took it.
    harness.injectFaults(new JsonObject().put("error_path", "/api/v1/sendTx").put("error_count", 1));

    JsonObject run = protectNow(account);

    assertThat(run.getString("state")).isEqualTo("completed");
    // One pair signed: a copy of it got there. Without copies it was watched for 15 s, then signed anew.
    assertThat(orders(run, "take_profit_place")).hasSize(1);
    atTheEntrysPrices(account, onePair(account));
  }

  @Test
  void aPairNearItsExpiryIsRenewedBeforeTheOldOneIsCancelled() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    Order[] placed = onePair(account);
    // The service's own pair as a protection run would have placed it three weeks and six days ago: the same client
    // order indexes and prices, position-tied, expiring in a day (no run reads the orders meanwhile:
    // PROTECTION_INTERVAL is an hour).
    long expiresSoon = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, ETH, placed[0].orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, ETH, placed[1].orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));
    harness.sendDirectly(account, nonce -> new CreateGroupedOrdersTx(account.index(), 0,
      CreateGroupedOrdersTx.GROUPING_OCO, List.of(leg(placed[0], CreateOrderTx.TYPE_STOP_LOSS_LIMIT, expiresSoon),
      leg(placed[1], CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT, expiresSoon)), expiredAt(), nonce, TxAttributes.none()));
    Order[] old = onePair(account);
    assertThat(old[0].orderExpiry()).isEqualTo(expiresSoon);

    JsonObject run = protectNow(account);

    Order[] renewed = onePair(account);
    atTheEntrysPrices(account, renewed);
    assertThat(renewed[0].orderExpiry()).isCloseTo(System.currentTimeMillis() + Duration.ofDays(28).toMillis(),
      within(Duration.ofMinutes(5).toMillis()));
    // A send the exchange refused for its nonce (the key's nonces moved by the test's own sends) is signed again.
    List<String> purposes = run.getJsonArray("orders").stream().map(JsonObject.class::cast)
      .filter(row -> !"LIGHTER_21104".equals(row.getString("error_code"))).map(row -> row.getString("purpose"))
      .toList();
    assertThat(purposes).as("the new pair first, then the old one cancelled")
      .containsExactly("stop_loss_place", "take_profit_place", "stop_loss_cancel", "take_profit_cancel");
  }

  private static OrderInfo leg(Order order, int type, long expiry) {
    return new OrderInfo(ETH, order.clientOrderIndex(), 0, order.price().movePointRight(2).longValueExact(), 1, type,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 1, order.triggerPrice().movePointRight(2).longValueExact(), expiry);
  }

  private static void refuseGroups(TestAccount account, boolean refuse) {
    harness.paperControl(HttpMethod.POST, "/paper/grouped-orders", refuse ? new JsonObject().put("refuse",
      new JsonObject().put("code", LighterErrorCodes.UNSUPPORTED_TX_TYPE)
        .put("accounts", new JsonArray().add(account.index()))) : new JsonObject().putNull("refuse"));
  }

  /** Asks for the account's protection run now ({@code POST /api/protect}); returns it once it ended. */
  /** An ETH long opened through the service, its take-profit then cancelled with the key; the pair it had. */
  private static Order[] longWithItsTakeProfitCancelledDirectly(TestAccount account) {
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    Order[] open = onePair(account);
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, ETH, open[1].orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));
    return open;
  }

  private static JsonObject protectNow(TestAccount account) {
    int before = harness.protectionRuns(account).size();
    assertThat(harness.post("/api/protect", new JsonObject().put("account_index", account.index())).statusCode())
      .isEqualTo(202);
    return eventually("the protection run to end", Duration.ofSeconds(20), () -> harness.protectionRuns(account),
      runs -> runs.size() > before && TradingHarness.FINAL_STATES.contains(runs.get(0).getString("state"))).get(0);
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
    refuseGroups(account, true);
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
      refuseGroups(account, false);
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
