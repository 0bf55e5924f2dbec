package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Matching, positions and stop-losses through HTTP. The default ETH book at mid 3000.00 has its best ask at
 * 3000.30 and best bid at 2999.70 (spread 0.02%), about 16.66 ETH per level.
 */
@ExtendWith(VertxExtension.class)
class PaperTradingTest {

  private static final long ONE_ETH = 10_000;

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;
  private final PaperTrader trader = paper.trader;

  private JsonObject lastOrder() {
    return lastOrder(paper);
  }

  private static JsonObject lastOrder(PaperFixture exchange) {
    return exchange.http.get("/api/v1/accountInactiveOrders?account_index=" + PaperFixture.ACCOUNT + "&limit=1",
      Map.of("Authorization", exchange.trader.authToken())).body().getJsonArray("orders").getJsonObject(0);
  }

  private JsonArray activeOrders() {
    return trader.activeOrders().body().getJsonArray("orders");
  }

  @Test
  void aMarketBuyFillsAtTheBestAskAndOpensALong() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);

    JsonObject position = trader.position(ETH);
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
    PaperHttp.Reply response = trader.trade(ETH, ONE_ETH, 299_900, false, false);

    assertThat(response.status()).isEqualTo(200);
    JsonObject order = lastOrder();
    assertThat(order.getString("status")).isEqualTo("canceled-too-much-slippage");
    assertThat(order.getString("filled_base_amount")).isEqualTo("0.0000");
    assertThat(trader.account().getString("collateral")).isEqualTo("10000.000000");
    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(trader.account().getJsonArray("positions")).as("no row for a market never traded").isEmpty();
  }

  @Test
  void aMarketOrderStopsAtItsWorstPriceInsideTheBook() {
    trader.trade(ETH, 20 * ONE_ETH, 300_030, false, false);

    JsonObject order = lastOrder();
    assertThat(order.getString("status")).isEqualTo("canceled-too-much-slippage");
    assertThat(new BigDecimal(order.getString("filled_base_amount"))).isPositive().isLessThan(new BigDecimal("20"));
    assertThat(trader.position(ETH).getString("position")).isEqualTo(order.getString("filled_base_amount"));
  }

  @Test
  void aMarketOrderLargerThanTheBookEndsNotEnoughLiquidity(Vertx vertx) {
    PaperConfig thin = PaperFixture.config();
    thin = new PaperConfig(thin.host(), 0, thin.chainId(), true,
      new BookShape(new BigDecimal("0.0002"), 2, new BigDecimal("0.0005"), new BigDecimal("3000")),
      thin.markets(), thin.accounts());
    PaperFixture small = PaperFixture.start(vertx, thin);

    // Two levels of 3000 USDC: 0.9999 ETH at 3000.30 and 0.9994 ETH at 3001.80.
    small.trader.trade(ETH, 5 * ONE_ETH, 400_000, false, false);

    JsonObject order = lastOrder(small);
    assertThat(order.getString("status")).isEqualTo("canceled-not-enough-liquidity");
    assertThat(small.trader.position(ETH).getString("position")).isEqualTo("1.9993");
  }

  @Test
  void aPriceMoveShowsUnrealizedPnlInEquityAndAvailableBalance() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);

    paper.setMid(ETH, "3100.00");

    JsonObject account = trader.account();
    assertThat(trader.position(ETH).getString("unrealized_pnl")).isEqualTo("99.700000");
    assertThat(account.getString("collateral")).isEqualTo("10000.000000");
    assertThat(account.getString("total_asset_value")).isEqualTo("10099.700000");
    assertThat(account.getString("available_balance")).isEqualTo("9944.700000");
  }

  @Test
  void aPartialReduceRealizesPnlIntoCollateral() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.setMid(ETH, "3100.00");

    trader.trade(ETH, 4_000, 300_000, true, true);

    JsonObject position = trader.position(ETH);
    assertThat(position.getString("position")).isEqualTo("0.6000");
    assertThat(position.getValue("sign")).isEqualTo(1);
    assertThat(position.getString("avg_entry_price")).isEqualTo("3000.30");
    assertThat(position.getString("realized_pnl")).isEqualTo("39.756000");
    assertThat(trader.account().getString("collateral")).isEqualTo("10039.756000");
  }

  @Test
  void aCloseLeavesAFlatRowThatActiveOnlyHides() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.setMid(ETH, "3100.00");

    trader.trade(ETH, ONE_ETH, 300_000, true, true);

    JsonObject position = trader.position(ETH);
    assertThat(position.getString("position")).isEqualTo("0.0000");
    assertThat(position.getValue("sign")).isEqualTo(1);
    assertThat(position.getString("unrealized_pnl")).isEqualTo("0.000000");
    assertThat(position.getString("realized_pnl")).isEqualTo("99.390000");
    assertThat(trader.account().getString("collateral")).isEqualTo("10099.390000");
    assertThat(trader.account().getString("available_balance")).isEqualTo("10099.390000");
    JsonArray active = http.get("/api/v1/account?by=index&value=" + PaperFixture.ACCOUNT + "&active_only=true").body()
      .getJsonArray("accounts").getJsonObject(0).getJsonArray("positions");
    assertThat(active).isEmpty();
  }

  @Test
  void aShortGainsWhenThePriceFalls() {
    trader.trade(ETH, 2 * ONE_ETH, 290_000, true, false);

    paper.setMid(ETH, "2900.00");

    JsonObject position = trader.position(ETH);
    assertThat(position.getValue("sign")).isEqualTo(-1);
    assertThat(position.getString("position")).isEqualTo("2.0000");
    assertThat(position.getString("avg_entry_price")).isEqualTo("2999.70");
    assertThat(position.getString("unrealized_pnl")).isEqualTo("199.400000");
  }

  @Test
  void aShortClosedAtALossLowersCollateral() {
    trader.trade(ETH, 2 * ONE_ETH, 290_000, true, false);
    paper.setMid(ETH, "3100.00");

    // Bought back at the best ask 3100.31: 2 x (3100.31 - 2999.70) lost.
    trader.trade(ETH, 2 * ONE_ETH, 320_000, false, true);

    assertThat(trader.position(ETH).getString("realized_pnl")).isEqualTo("-201.220000");
    assertThat(trader.account().getString("collateral")).isEqualTo("9798.780000");
  }

  @Test
  void addingToALongAveragesTheEntry() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    paper.setMid(ETH, "3100.00");

    trader.trade(ETH, ONE_ETH, 320_000, false, false);

    assertThat(trader.position(ETH).getString("avg_entry_price")).isEqualTo("3050.30");
    assertThat(trader.position(ETH).getString("position")).isEqualTo("2.0000");
  }

  @Test
  void aReduceOnlyOrderThatWouldIncreaseThePositionIsCode21732() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);

    PaperHttp.Reply response = trader.trade(ETH, ONE_ETH, 310_000, false, true);

    assertThat(response.body().getInteger("code")).isEqualTo(21732);
  }

  @Test
  void aReduceOnlyOrderWithoutAPositionIsCode21738() {
    PaperHttp.Reply response = trader.trade(ETH, ONE_ETH, 290_000, true, true);

    assertThat(response.body().getInteger("code")).isEqualTo(21738);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void aReduceOnlyOrderLargerThanThePositionClosesItWithoutFlipping() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);

    trader.trade(ETH, 3 * ONE_ETH, 290_000, true, true);

    assertThat(trader.position(ETH).getString("position")).isEqualTo("0.0000");
    JsonObject order = lastOrder();
    assertThat(order.getString("filled_base_amount")).isEqualTo("1.0000");
    assertThat(order.getString("status")).isEqualTo("canceled-reduce-only");
  }

  @Test
  void aRestingStopLossIsListedAsPendingWithItsTrigger() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);

    trader.send(trader.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, trader.nextNonce()));

    JsonArray active = activeOrders();
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
    assertThat(trader.position(ETH).getValue("pending_order_count")).isEqualTo(1);
  }

  @Test
  void aStopLossTriggersWhenTheMarkCrossesAndClosesThePosition() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.send(trader.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, trader.nextNonce()));

    paper.setMid(ETH, "2950.00");
    assertThat(activeOrders()).hasSize(1);
    paper.setMid(ETH, "2890.00");

    assertThat(activeOrders()).isEmpty();
    assertThat(trader.order(500).getString("status")).isEqualTo("filled");
    assertThat(trader.position(ETH).getString("position")).isEqualTo("0.0000");
    assertThat(trader.position(ETH).getString("realized_pnl")).isEqualTo("-110.590000");
    assertThat(trader.account().getString("collateral")).isEqualTo("9889.410000");
  }

  @Test
  void aShortsStopLossTriggersWhenTheMarkRises() {
    trader.trade(ETH, ONE_ETH, 290_000, true, false);
    trader.send(trader.stopLossLimit(600, ETH, ONE_ETH, 310_000, 315_000, false, trader.nextNonce()));

    paper.setMid(ETH, "3050.00");
    assertThat(activeOrders()).hasSize(1);
    paper.setMid(ETH, "3100.00");

    assertThat(trader.order(600).getString("status")).isEqualTo("filled");
    assertThat(trader.position(ETH).getString("position")).isEqualTo("0.0000");
  }

  @Test
  void aModifiedStopLossTriggersAtItsNewPrice() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.send(trader.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, trader.nextNonce()));

    PaperHttp.Reply modified = trader.send(trader.modify(ETH, 500, 6_000, 290_000, 295_000, trader.nextNonce()));

    assertThat(modified.status()).isEqualTo(200);
    JsonObject stop = activeOrders().getJsonObject(0);
    assertThat(stop.getString("trigger_price")).isEqualTo("2950.00");
    assertThat(stop.getString("remaining_base_amount")).isEqualTo("0.6000");
    paper.setMid(ETH, "2940.00");
    assertThat(trader.order(500).getString("status")).isEqualTo("filled");
    assertThat(trader.position(ETH).getString("position")).isEqualTo("0.4000");
  }

  @Test
  void aStopLossIsModifiableByItsExchangeOrderIndex() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.send(trader.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, trader.nextNonce()));
    long orderIndex = activeOrders().getJsonObject(0).getLong("order_index");

    trader.send(trader.modify(ETH, orderIndex, ONE_ETH, 280_000, 285_000, trader.nextNonce()));

    assertThat(activeOrders().getJsonObject(0).getString("trigger_price")).isEqualTo("2850.00");
  }

  @Test
  void aCancelledStopLossNoLongerTriggers() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.send(trader.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, trader.nextNonce()));

    PaperHttp.Reply cancelled = trader.send(trader.cancel(ETH, 500, trader.nextNonce()));
    paper.setMid(ETH, "2800.00");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(activeOrders()).isEmpty();
    assertThat(trader.order(500).getString("status")).isEqualTo("canceled");
    assertThat(trader.position(ETH).getString("position")).isEqualTo("1.0000");
  }

  @Test
  void cancellingAnOrderThatIsNotLiveIsCode21715() {
    PaperHttp.Reply response = trader.send(trader.cancel(ETH, 12345, 0));

    assertThat(response.body().getInteger("code")).isEqualTo(21715);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void cancelAllRemovesEveryLiveOrder() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.send(trader.stopLossLimit(500, ETH, 5_000, 290_000, 285_000, true, trader.nextNonce()));
    trader.send(trader.stopLossLimit(501, ETH, 5_000, 280_000, 275_000, true, trader.nextNonce()));

    trader.send(trader.cancelAll(trader.nextNonce()));

    assertThat(activeOrders()).isEmpty();
    assertThat(trader.ordersByClientIndex(500).body().getJsonArray("orders").getJsonObject(0).getString("status"))
      .isEqualTo("canceled");
  }

  @Test
  void closingThePositionCancelsItsReduceOnlyOrders() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.send(trader.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, trader.nextNonce()));

    trader.trade(ETH, ONE_ETH, 290_000, true, true);

    assertThat(activeOrders()).isEmpty();
    assertThat(trader.order(500).getString("status")).isEqualTo("canceled-reduce-only");
  }

  @Test
  void accountOrdersReturnLiveAndFinishedOrdersByClientIndex() {
    SignedTx market = trader.sign(trader.market(41, ETH, ONE_ETH, 310_000, false, false, 0));
    trader.send(market);
    trader.send(trader.stopLossLimit(42, ETH, ONE_ETH, 290_000, 285_000, true, 1));

    JsonArray orders = http.get("/api/v1/accountOrders?account_index=" + PaperFixture.ACCOUNT
      + "&client_order_indexes=41,42", Map.of("Authorization", trader.authToken())).body().getJsonArray("orders");

    List<String> statuses = orders.stream().map(order -> ((JsonObject) order).getString("status")).toList();
    assertThat(statuses).containsExactlyInAnyOrder("filled", "pending");
  }

  @Test
  void orderRowsUseLightersTypes() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.send(trader.stopLossLimit(500, ETH, ONE_ETH, 290_000, 285_000, true, trader.nextNonce()));

    JsonObject stop = activeOrders().getJsonObject(0);

    assertThat(stop.getValue("order_index")).isInstanceOf(Long.class);
    assertThat(stop.getString("order_id")).isEqualTo(Long.toString(stop.getLong("order_index")));
    assertThat(stop.getValue("client_order_id")).isEqualTo("500");
    assertThat(stop.getValue("market_index")).isEqualTo(ETH);
    assertThat(stop.getValue("owner_account_index")).isEqualTo(PaperFixture.ACCOUNT);
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
    PaperHttp.Reply response = http.get("/api/v1/accountInactiveOrders?account_index="
      + PaperFixture.ACCOUNT + "&limit=101", Map.of("Authorization", trader.authToken()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getInteger("code")).isEqualTo(20001);
  }

  @Test
  void inactiveOrdersAreNewestFirstAndFilteredByMarket() {
    trader.trade(ETH, ONE_ETH, 310_000, false, false);
    trader.trade(1, 100, 9_600_000, false, false);

    JsonArray all = http.get("/api/v1/accountInactiveOrders?account_index=" + PaperFixture.ACCOUNT
      + "&limit=10", Map.of("Authorization", trader.authToken())).body().getJsonArray("orders");
    JsonArray eth = http.get("/api/v1/accountInactiveOrders?account_index=" + PaperFixture.ACCOUNT
      + "&limit=10&market_id=0", Map.of("Authorization", trader.authToken())).body().getJsonArray("orders");

    assertThat(all).hasSize(2);
    assertThat(all.getJsonObject(0).getInteger("market_index")).isEqualTo(1);
    assertThat(eth).hasSize(1);
    assertThat(eth.getJsonObject(0).getInteger("market_index")).isEqualTo(ETH);
  }
}
