package io.copytrader.paper;

import static io.copytrader.paper.PaperHarness.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Matching, positions and stop-losses through HTTP. The default ETH book at mid 3000.00 has its best ask at
 * 3000.30 and best bid at 2999.70 (spread 0.02%), about 16.66 ETH per level.
 */
@ExtendWith(VertxExtension.class)
class PaperTradingTest {

  private static final long ONE_ETH = 10_000;

  private PaperHarness paper;

  @BeforeEach
  void start(Vertx vertx) {
    paper = PaperHarness.start(vertx);
  }

  private JsonObject lastOrder() {
    return paper.getAuthorized("/api/v1/accountInactiveOrders?account_index=" + PaperHarness.ACCOUNT + "&limit=1",
      paper.authToken()).bodyAsJsonObject().getJsonArray("orders").getJsonObject(0);
  }

  @Test
  void aMarketBuyFillsAtTheBestAskAndOpensALong() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);

    JsonObject position = paper.position(ETH);
    assertThat(position.getValue("sign")).isEqualTo(1);
    assertThat(position.getString("position")).isEqualTo("1.0000");
    assertThat(position.getString("avg_entry_price")).isEqualTo("3000.30");
    assertThat(position.getString("initial_margin_fraction")).isEqualTo("5.00");
    assertThat(position.getString("position_value")).isEqualTo("3000.000000");
    assertThat(position.getString("unrealized_pnl")).isEqualTo("-0.300000");
    JsonObject order = lastOrder();
    assertThat(order.getString("status")).isEqualTo("filled");
    assertThat(order.getString("filled_base_amount")).isEqualTo("1.0000");
    assertThat(order.getString("filled_quote_amount")).isEqualTo("3000.300000");
    assertThat(order.getString("type")).isEqualTo("market");
    assertThat(order.getBoolean("is_ask")).isFalse();
  }

  @Test
  void aMarketOrderWhoseWorstPriceIsBelowTheBookIsCancelledUnfilledButConsumesTheNonce() {
    HttpResponse<Buffer> response = paper.trade(ETH, ONE_ETH, 299_900, false, false);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject order = lastOrder();
    assertThat(order.getString("status")).isEqualTo("canceled-too-much-slippage");
    assertThat(order.getString("filled_base_amount")).isEqualTo("0.0000");
    assertThat(paper.account().getString("collateral")).isEqualTo("10000.000000");
    assertThat(paper.nextNonce()).isEqualTo(1);
    assertThat(paper.account().getJsonArray("positions")).as("no row for a market never traded").isEmpty();
  }

  @Test
  void aMarketOrderStopsAtItsWorstPriceInsideTheBook() {
    paper.trade(ETH, 20 * ONE_ETH, 300_030, false, false);

    JsonObject order = lastOrder();
    assertThat(order.getString("status")).isEqualTo("canceled-too-much-slippage");
    assertThat(new BigDecimal(order.getString("filled_base_amount"))).isPositive().isLessThan(new BigDecimal("20"));
    assertThat(paper.position(ETH).getString("position")).isEqualTo(order.getString("filled_base_amount"));
  }

  @Test
  void aMarketOrderLargerThanTheBookEndsNotEnoughLiquidity(Vertx vertx) {
    PaperConfig thin = PaperHarness.config();
    thin = new PaperConfig(thin.host(), 0, thin.chainId(), true,
      new BookShape(new BigDecimal("0.0002"), 2, new BigDecimal("0.0005"), new BigDecimal("3000")),
      thin.markets(), thin.accounts());
    PaperHarness small = PaperHarness.start(vertx, thin);

    // Two levels of 3000 USDC: 0.9999 ETH at 3000.30 and 0.9994 ETH at 3001.80.
    small.trade(ETH, 5 * ONE_ETH, 400_000, false, false);

    JsonObject order = small.getAuthorized("/api/v1/accountInactiveOrders?account_index=" + PaperHarness.ACCOUNT
      + "&limit=1", small.authToken()).bodyAsJsonObject().getJsonArray("orders").getJsonObject(0);
    assertThat(order.getString("status")).isEqualTo("canceled-not-enough-liquidity");
    assertThat(small.position(ETH).getString("position")).isEqualTo("1.9993");
  }

  @Test
  void aPriceMoveShowsUnrealizedPnlInEquityAndAvailableBalance() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);

    paper.setMid(ETH, "3100.00");

    JsonObject account = paper.account();
    assertThat(paper.position(ETH).getString("unrealized_pnl")).isEqualTo("99.700000");
    assertThat(account.getString("collateral")).isEqualTo("10000.000000");
    assertThat(account.getString("total_asset_value")).isEqualTo("10099.700000");
    assertThat(account.getString("available_balance")).isEqualTo("9944.700000");
  }

  @Test
  void aPartialReduceRealizesPnlIntoCollateral() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.setMid(ETH, "3100.00");

    paper.trade(ETH, 4_000, 300_000, true, true);

    JsonObject position = paper.position(ETH);
    assertThat(position.getString("position")).isEqualTo("0.6000");
    assertThat(position.getValue("sign")).isEqualTo(1);
    assertThat(position.getString("avg_entry_price")).isEqualTo("3000.30");
    assertThat(position.getString("realized_pnl")).isEqualTo("39.756000");
    assertThat(paper.account().getString("collateral")).isEqualTo("10039.756000");
  }

  @Test
  void aCloseLeavesAFlatRowThatActiveOnlyHides() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.setMid(ETH, "3100.00");

    paper.trade(ETH, ONE_ETH, 300_000, true, true);

    JsonObject position = paper.position(ETH);
    assertThat(position.getString("position")).isEqualTo("0.0000");
    assertThat(position.getValue("sign")).isEqualTo(1);
    assertThat(position.getString("unrealized_pnl")).isEqualTo("0.000000");
    assertThat(position.getString("realized_pnl")).isEqualTo("99.390000");
    assertThat(paper.account().getString("collateral")).isEqualTo("10099.390000");
    assertThat(paper.account().getString("available_balance")).isEqualTo("10099.390000");
    JsonArray active = paper.getJson("/api/v1/account?by=index&value=" + PaperHarness.ACCOUNT + "&active_only=true")
      .getJsonArray("accounts").getJsonObject(0).getJsonArray("positions");
    assertThat(active).isEmpty();
  }

  @Test
  void aShortGainsWhenThePriceFalls() {
    paper.trade(ETH, 2 * ONE_ETH, 290_000, true, false);

    paper.setMid(ETH, "2900.00");

    JsonObject position = paper.position(ETH);
    assertThat(position.getValue("sign")).isEqualTo(-1);
    assertThat(position.getString("position")).isEqualTo("2.0000");
    assertThat(position.getString("avg_entry_price")).isEqualTo("2999.70");
    assertThat(position.getString("unrealized_pnl")).isEqualTo("199.400000");
  }

  @Test
  void aShortClosedAtALossLowersCollateral() {
    paper.trade(ETH, 2 * ONE_ETH, 290_000, true, false);
    paper.setMid(ETH, "3100.00");

    // Bought back at the best ask 3100.31: 2 x (3100.31 - 2999.70) lost.
    paper.trade(ETH, 2 * ONE_ETH, 320_000, false, true);

    assertThat(paper.position(ETH).getString("realized_pnl")).isEqualTo("-201.220000");
    assertThat(paper.account().getString("collateral")).isEqualTo("9798.780000");
  }

  @Test
  void addingToALongAveragesTheEntry() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.setMid(ETH, "3100.00");

    paper.trade(ETH, ONE_ETH, 320_000, false, false);

    assertThat(paper.position(ETH).getString("avg_entry_price")).isEqualTo("3050.30");
    assertThat(paper.position(ETH).getString("position")).isEqualTo("2.0000");
  }

  @Test
  void aReduceOnlyOrderThatWouldIncreaseThePositionIsCode21732() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);

    HttpResponse<Buffer> response = paper.trade(ETH, ONE_ETH, 310_000, false, true);

    assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(21732);
  }

  @Test
  void aReduceOnlyOrderWithoutAPositionIsCode21738() {
    HttpResponse<Buffer> response = paper.trade(ETH, ONE_ETH, 290_000, true, true);

    assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(21738);
    assertThat(paper.nextNonce()).isZero();
  }

  @Test
  void aReduceOnlyOrderLargerThanThePositionClosesItWithoutFlipping() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);

    paper.trade(ETH, 3 * ONE_ETH, 290_000, true, true);

    assertThat(paper.position(ETH).getString("position")).isEqualTo("0.0000");
    JsonObject order = lastOrder();
    assertThat(order.getString("filled_base_amount")).isEqualTo("1.0000");
    assertThat(order.getString("status")).isEqualTo("canceled-reduce-only");
  }

  @Test
  void aRestingStopLossIsListedAsPendingWithItsTrigger() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);

    paper.sendTx(paper.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, paper.nextNonce()));

    JsonArray active = paper.activeOrders();
    assertThat(active).hasSize(1);
    JsonObject stop = active.getJsonObject(0);
    assertThat(stop.getString("type")).isEqualTo("stop-loss-limit");
    assertThat(stop.getString("status")).isEqualTo("pending");
    assertThat(stop.getString("trigger_status")).isEqualTo("mark-price");
    assertThat(stop.getString("trigger_price")).isEqualTo("2900.00");
    assertThat(stop.getString("price")).isEqualTo("2850.00");
    assertThat(stop.getString("time_in_force")).isEqualTo("good-till-time");
    assertThat(stop.getBoolean("reduce_only")).isTrue();
    assertThat(stop.getBoolean("is_ask")).isTrue();
    assertThat(stop.getValue("client_order_index")).isEqualTo(500);
    assertThat(stop.getLong("order_index")).isGreaterThanOrEqualTo(1L << 48);
    assertThat(paper.position(ETH).getValue("pending_order_count")).isEqualTo(1);
  }

  @Test
  void aStopLossTriggersWhenTheMarkCrossesAndClosesThePosition() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.sendTx(paper.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, paper.nextNonce()));

    paper.setMid(ETH, "2950.00");
    assertThat(paper.activeOrders()).hasSize(1);
    paper.setMid(ETH, "2890.00");

    assertThat(paper.activeOrders()).isEmpty();
    assertThat(paper.order(500).getString("status")).isEqualTo("filled");
    assertThat(paper.position(ETH).getString("position")).isEqualTo("0.0000");
    assertThat(paper.position(ETH).getString("realized_pnl")).isEqualTo("-110.590000");
    assertThat(paper.account().getString("collateral")).isEqualTo("9889.410000");
  }

  @Test
  void aShortsStopLossTriggersWhenTheMarkRises() {
    paper.trade(ETH, ONE_ETH, 290_000, true, false);
    paper.sendTx(paper.stopLossLimit(600, ETH, ONE_ETH, 310_000, 315_000, false, paper.nextNonce()));

    paper.setMid(ETH, "3050.00");
    assertThat(paper.activeOrders()).hasSize(1);
    paper.setMid(ETH, "3100.00");

    assertThat(paper.order(600).getString("status")).isEqualTo("filled");
    assertThat(paper.position(ETH).getString("position")).isEqualTo("0.0000");
  }

  @Test
  void aModifiedStopLossTriggersAtItsNewPrice() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.sendTx(paper.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, paper.nextNonce()));

    HttpResponse<Buffer> modified = paper.sendTx(paper.modify(ETH, 500, 6_000, 290_000, 295_000, paper.nextNonce()));

    assertThat(modified.statusCode()).isEqualTo(200);
    JsonObject stop = paper.activeOrders().getJsonObject(0);
    assertThat(stop.getString("trigger_price")).isEqualTo("2950.00");
    assertThat(stop.getString("remaining_base_amount")).isEqualTo("0.6000");
    paper.setMid(ETH, "2940.00");
    assertThat(paper.order(500).getString("status")).isEqualTo("filled");
    assertThat(paper.position(ETH).getString("position")).isEqualTo("0.4000");
  }

  @Test
  void aStopLossIsModifiableByItsExchangeOrderIndex() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.sendTx(paper.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, paper.nextNonce()));
    long orderIndex = paper.activeOrders().getJsonObject(0).getLong("order_index");

    paper.sendTx(paper.modify(ETH, orderIndex, ONE_ETH, 280_000, 285_000, paper.nextNonce()));

    assertThat(paper.activeOrders().getJsonObject(0).getString("trigger_price")).isEqualTo("2850.00");
  }

  @Test
  void aCancelledStopLossNoLongerTriggers() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.sendTx(paper.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, paper.nextNonce()));

    HttpResponse<Buffer> cancelled = paper.sendTx(paper.cancel(ETH, 500, paper.nextNonce()));
    paper.setMid(ETH, "2800.00");

    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(paper.activeOrders()).isEmpty();
    assertThat(paper.order(500).getString("status")).isEqualTo("canceled");
    assertThat(paper.position(ETH).getString("position")).isEqualTo("1.0000");
  }

  @Test
  void cancellingAnOrderThatIsNotLiveIsCode21715() {
    HttpResponse<Buffer> response = paper.sendTx(paper.cancel(ETH, 12345, 0));

    assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(21715);
    assertThat(paper.nextNonce()).isZero();
  }

  @Test
  void cancelAllRemovesEveryLiveOrder() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.sendTx(paper.stopLossLimit(500, ETH, 5_000, 290_000, 285_000, true, paper.nextNonce()));
    paper.sendTx(paper.stopLossLimit(501, ETH, 5_000, 280_000, 275_000, true, paper.nextNonce()));

    paper.sendTx(paper.cancelAll(paper.nextNonce()));

    assertThat(paper.activeOrders()).isEmpty();
    assertThat(paper.ordersByClientIndex(500).getJsonObject(0).getString("status")).isEqualTo("canceled");
  }

  @Test
  void closingThePositionCancelsItsReduceOnlyOrders() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.sendTx(paper.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, paper.nextNonce()));

    paper.trade(ETH, ONE_ETH, 290_000, true, true);

    assertThat(paper.activeOrders()).isEmpty();
    assertThat(paper.order(500).getString("status")).isEqualTo("canceled-reduce-only");
  }

  @Test
  void accountOrdersReturnLiveAndFinishedOrdersByClientIndex() {
    SignedTx market = paper.market(41, ETH, ONE_ETH, 310_000, false, false, 0);
    paper.sendTx(market);
    paper.sendTx(paper.stopLossLimit(42, ETH, ONE_ETH, 290_000, 285_000, true, 1));

    JsonArray orders = paper.getAuthorized("/api/v1/accountOrders?account_index=" + PaperHarness.ACCOUNT
      + "&client_order_indexes=41,42", paper.authToken()).bodyAsJsonObject().getJsonArray("orders");

    List<String> statuses = orders.stream().map(order -> ((JsonObject) order).getString("status")).toList();
    assertThat(statuses).containsExactlyInAnyOrder("filled", "pending");
  }

  @Test
  void orderRowsUseLightersTypes() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.sendTx(paper.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, paper.nextNonce()));

    JsonObject stop = paper.activeOrders().getJsonObject(0);

    assertThat(stop.getValue("order_index")).isInstanceOf(Long.class);
    assertThat(stop.getString("order_id")).isEqualTo(Long.toString(stop.getLong("order_index")));
    assertThat(stop.getValue("client_order_id")).isEqualTo("500");
    assertThat(stop.getValue("market_index")).isEqualTo(ETH);
    assertThat(stop.getValue("owner_account_index")).isEqualTo((int) PaperHarness.ACCOUNT);
    assertThat(stop.getValue("initial_base_amount")).isEqualTo("1.0000");
    assertThat(stop.getValue("filled_quote_amount")).isEqualTo("0.000000");
    assertThat(stop.getValue("base_size")).isEqualTo(10_000);
    assertThat(stop.getValue("base_price")).isEqualTo(285_000);
    assertThat(stop.getValue("nonce")).isEqualTo(1);
    assertThat(stop.getValue("side")).isEqualTo("sell");
    assertThat(stop.getValue("order_expiry")).isInstanceOf(Long.class);
    assertThat(stop.getLong("created_at")).as("seconds, as Lighter gives them")
      .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.api.Assertions.within(60L));
    assertThat(stop.getValue("transaction_time")).isInstanceOf(Long.class);
    assertThat(stop.getValue("parent_order_id")).isEqualTo("0");
  }

  @Test
  void inactiveOrdersRefuseALimitAboveOneHundred() {
    HttpResponse<Buffer> response = paper.getAuthorized("/api/v1/accountInactiveOrders?account_index="
      + PaperHarness.ACCOUNT + "&limit=101", paper.authToken());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(20001);
  }

  @Test
  void inactiveOrdersAreNewestFirstAndFilteredByMarket() {
    paper.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.trade(1, 100, 9_600_000, false, false);

    JsonArray all = paper.getAuthorized("/api/v1/accountInactiveOrders?account_index=" + PaperHarness.ACCOUNT
      + "&limit=10", paper.authToken()).bodyAsJsonObject().getJsonArray("orders");
    JsonArray eth = paper.getAuthorized("/api/v1/accountInactiveOrders?account_index=" + PaperHarness.ACCOUNT
      + "&limit=10&market_id=0", paper.authToken()).bodyAsJsonObject().getJsonArray("orders");

    assertThat(all).hasSize(2);
    assertThat(all.getJsonObject(0).getInteger("market_index")).isEqualTo(1);
    assertThat(eth).hasSize(1);
    assertThat(eth.getJsonObject(0).getInteger("market_index")).isEqualTo(ETH);
  }
}
