package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.L1_ADDRESS;
import static io.copytrader.paper.PaperFixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CancelAllOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trading on the paper exchange with transactions signed by the real signer and sent as a Lighter client sends
 * them: signature, chain, nonce and expiry checks; fills moving position, entry, collateral and PnL; order rules;
 * stop-loss orders resting, triggering, modified and cancelled; order and tx lookups; auth tokens.
 *
 * <p>The book: ETH mid 3000.00, best ask 3000.30, best bid 2999.70, 16.6650 ETH per level, levels 1.50 apart;
 * a mid of m puts the best ask at m + m/10000 and the best bid at m − m/10000 (to the cent, away from the mid).
 */
@ExtendWith(VertxExtension.class)
class PaperTradingRulesTest {

  private static final long SMALL_ACCOUNT = 9;

  @AutoClose
  private PaperFixture paper;
  private PaperTrader trader;

  @BeforeEach
  void start(Vertx vertx) {
    paper = PaperFixture.start(vertx, PaperFixture.config().withAccounts(List.of(
      PaperFixture.account(ACCOUNT, L1_ADDRESS, PaperFixture.COLLATERAL),
      PaperFixture.account(SMALL_ACCOUNT, "0x00000000000000000000000000000000000000a9", new BigDecimal("100")))));
    trader = paper.trader;
  }

  // ----- signature, chain, nonce, expiry

  @Test
  void txSignedWithAnotherKeyIsAnInvalidSignature() {
    PaperTrader impostor = trader.signingWith(OTHER_KEY, PaperFixture.CHAIN_ID);

    PaperHttp.Reply reply = impostor.buy(1, "0.1000", "3100.00");

    assertRejected(reply, 21120);
    assertThat(reply.body().getString("message")).isEqualTo("invalid signature");
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void txSignedForAnotherChainIsAnInvalidSignature() {
    PaperTrader testnet = trader.signingWith(KEY, TxSigner.TESTNET_CHAIN_ID);

    assertRejected(testnet.buy(1, "0.1000", "3100.00"), 21120);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void exchangeOnAnotherChainAcceptsTxsSignedForIt(Vertx vertx) {
    try (PaperFixture testnet = PaperFixture.start(vertx, PaperFixture.config().withChainId(300))) {
      PaperTrader testnetTrader = testnet.trader.signingWith(KEY, TxSigner.TESTNET_CHAIN_ID);

      assertThat(testnetTrader.buy(1, "0.1000", "3100.00").code()).isEqualTo(200);
      assertRejected(testnet.trader.buy(2, "0.1000", "3100.00"), 21120);
    }
  }

  @Test
  void wrongNonceIsRefusedWithoutConsumingTheNonce() {
    PaperHttp.Reply reply = trader.send(trader.market(5, 1, "0.1000", "3100.00", false, false));

    assertRejected(reply, 21104);
    assertThat(reply.body().getString("message")).isEqualTo("invalid nonce");
    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.send(trader.market(0, 1, "0.1000", "3100.00", false, false)).code()).isEqualTo(200);
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void reusedNonceIsRefused() {
    assertThat(trader.send(trader.market(0, 1, "0.1000", "3100.00", false, false)).code()).isEqualTo(200);

    assertRejected(trader.send(trader.market(0, 2, "0.1000", "3100.00", false, false)), 21104);
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void expiredTxIsRefusedWithoutConsumingTheNonce() {
    CreateOrderTx expired = new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1, PaperTrader.size("0.1000"),
      PaperTrader.price("3100.00"), 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      System.currentTimeMillis() - 60_000, 0, TxAttributes.none());

    assertRejected(trader.send(expired), 21501);
    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.account().getJsonArray("positions")).isEmpty();
  }

  @Test
  void unknownApiKeyIndexIsRefused() {
    PaperTrader unregistered = new PaperTrader(paper.http, KEY, ACCOUNT, KEY_INDEX + 1, PaperFixture.CHAIN_ID);

    assertRejected(unregistered.send(unregistered.market(0, 1, "0.1000", "3100.00", false, false)), 21109);
  }

  @Test
  void unknownAccountIsRefused() {
    PaperTrader nobody = paper.trader(12345);

    assertRejected(nobody.send(nobody.market(0, 1, "0.1000", "3100.00", false, false)), 21100);
  }

  @Test
  void multipartFormIsAcceptedLikeAnUrlEncodedOne() {
    SignedTx signed = trader.sign(trader.market(0, 1, "0.1000", "3100.00", false, false));

    PaperHttp.Reply reply = paper.http.postMultipart("/api/v1/sendTx", MultipartForm.create()
      .attribute("tx_type", Integer.toString(signed.txType())).attribute("tx_info", signed.txInfo()));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().getString("tx_hash")).isEqualTo(signed.txHashHex());
  }

  // ----- fills, positions, PnL

  @Test
  void marketBuyOpensALongAtTheBestAsk() {
    assertThat(trader.buy(1, "1.0000", "3100.00").code()).isEqualTo(200);

    JsonObject position = trader.ethPosition();
    assertThat(position.getInteger("sign")).isEqualTo(1);
    assertThat(position.getString("position")).isEqualTo("1.0000");
    assertThat(position.getString("avg_entry_price")).isEqualTo("3000.30");
    assertThat(position.getString("position_value")).isEqualTo("3000.000000");
    assertThat(position.getString("unrealized_pnl")).isEqualTo("-0.300000");
    assertThat(position.getString("realized_pnl")).isEqualTo("0.000000");
    JsonObject account = trader.account();
    assertThat(account.getString("collateral")).isEqualTo("10000.000000");
    assertThat(account.getString("total_asset_value")).isEqualTo("9999.700000");
    assertThat(account.getString("available_balance")).isEqualTo("9849.700000");
  }

  @Test
  void marketSellOpensAShortAtTheBestBid() {
    assertThat(trader.sell(1, "0.5000", "2900.00").code()).isEqualTo(200);

    JsonObject position = trader.ethPosition();
    assertThat(position.getInteger("sign")).isEqualTo(-1);
    assertThat(position.getString("position")).isEqualTo("0.5000");
    assertThat(position.getString("avg_entry_price")).isEqualTo("2999.70");
    assertThat(position.getString("unrealized_pnl")).isEqualTo("-0.150000");
  }

  @Test
  void increasingAveragesTheEntry() {
    trader.buy(1, "1.0000", "3100.00");
    paper.setMid(ETH, "3100.00");

    trader.buy(2, "1.0000", "3200.00");

    JsonObject position = trader.ethPosition();
    assertThat(position.getString("position")).isEqualTo("2.0000");
    // (3000.30 + 3100.31) / 2 = 3050.305, printed to the cent half-even
    assertThat(position.getString("avg_entry_price")).isEqualTo("3050.30");
  }

  @Test
  void unrealizedPnlFollowsTheMark() {
    trader.buy(1, "1.0000", "3100.00");

    paper.setMid(ETH, "3100.00");

    JsonObject position = trader.ethPosition();
    assertThat(position.getString("unrealized_pnl")).isEqualTo("99.700000");
    assertThat(position.getString("position_value")).isEqualTo("3100.000000");
    assertThat(trader.account().getString("total_asset_value")).isEqualTo("10099.700000");
  }

  @Test
  void partialReduceRealizesPnlOnTheReducedPartAndKeepsTheEntry() {
    trader.buy(1, "1.0000", "3100.00");
    paper.setMid(ETH, "3100.00");

    assertThat(trader.marketOrder(2, "0.4000", "3000.00", true, true).code()).isEqualTo(200);

    JsonObject position = trader.ethPosition();
    assertThat(position.getInteger("sign")).isEqualTo(1);
    assertThat(position.getString("position")).isEqualTo("0.6000");
    assertThat(position.getString("avg_entry_price")).isEqualTo("3000.30");
    // 0.4 × (3099.69 − 3000.30)
    assertThat(position.getString("realized_pnl")).isEqualTo("39.756000");
    assertThat(trader.account().getString("collateral")).isEqualTo("10039.756000");
  }

  @Test
  void closingALongRealizesItsPnlIntoCollateral() {
    trader.buy(1, "1.0000", "3100.00");
    paper.setMid(ETH, "3100.00");

    assertThat(trader.marketOrder(2, "1.0000", "3000.00", true, true).code()).isEqualTo(200);

    JsonObject position = trader.ethPosition();
    assertThat(position.getString("position")).isEqualTo("0.0000");
    assertThat(position.getString("realized_pnl")).isEqualTo("99.390000");
    assertThat(position.getString("unrealized_pnl")).isEqualTo("0.000000");
    JsonObject account = trader.account();
    assertThat(account.getString("collateral")).isEqualTo("10099.390000");
    assertThat(account.getString("total_asset_value")).isEqualTo("10099.390000");
    assertThat(account.getString("available_balance")).isEqualTo("10099.390000");
  }

  @Test
  void closingAShortAtALossTakesItFromCollateral() {
    trader.sell(1, "0.5000", "2900.00");
    paper.setMid(ETH, "3100.00");

    assertThat(trader.marketOrder(2, "0.5000", "3200.00", false, true).code()).isEqualTo(200);

    JsonObject position = trader.ethPosition();
    assertThat(position.getString("position")).isEqualTo("0.0000");
    // 0.5 × (2999.70 − 3100.31)
    assertThat(position.getString("realized_pnl")).isEqualTo("-50.305000");
    assertThat(trader.account().getString("collateral")).isEqualTo("9949.695000");
  }

  @Test
  void flatRowStaysListedUnlessActiveOnly() {
    trader.buy(1, "1.0000", "3100.00");
    trader.marketOrder(2, "1.0000", "2900.00", true, true);

    JsonArray all = trader.account().getJsonArray("positions");
    JsonArray active = paper.http.get("/api/v1/account?by=index&value=" + ACCOUNT + "&active_only=true").body()
      .getJsonArray("accounts").getJsonObject(0).getJsonArray("positions");

    assertThat(all).hasSize(1);
    assertThat(all.getJsonObject(0).getInteger("sign")).isEqualTo(1);
    assertThat(active).isEmpty();
  }

  @Test
  void reduceOnlyLargerThanThePositionClosesItWithoutFlipping() {
    trader.buy(1, "1.0000", "3100.00");

    trader.marketOrder(2, "3.0000", "2900.00", true, true);

    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
    JsonObject order = trader.order(2);
    assertThat(order.getString("filled_base_amount")).isEqualTo("1.0000");
    assertThat(order.getString("status")).isEqualTo("canceled-reduce-only");
  }

  @Test
  void marketOrderBeyondItsWorstPriceIsCancelledUnfilledAndConsumesTheNonce() {
    PaperHttp.Reply reply = trader.buy(1, "0.1000", "2999.00");

    assertThat(reply.code()).isEqualTo(200);
    JsonObject order = trader.order(1);
    assertThat(order.getString("status")).isEqualTo("canceled-too-much-slippage");
    assertThat(order.getString("filled_base_amount")).isEqualTo("0.0000");
    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(paper.http.get("/api/v1/tx?by=hash&value=" + reply.body().getString("tx_hash")).code()).isEqualTo(200);
    assertThat(trader.account().getJsonArray("positions").stream().map(JsonObject.class::cast)
      .map(row -> row.getString("position"))).allMatch("0.0000"::equals);
    assertThat(trader.account().getString("collateral")).isEqualTo("10000.000000");
  }

  @Test
  void marketOrderFillsUpToItsWorstPriceAndCancelsTheRest() {
    // Only the best level (16.6650 at 3000.30) is within the worst price.
    trader.buy(1, "20.0000", "3000.30");

    JsonObject order = trader.order(1);
    assertThat(order.getString("status")).isEqualTo("canceled-too-much-slippage");
    assertThat(order.getString("filled_base_amount")).isEqualTo("16.6650");
    assertThat(order.getString("remaining_base_amount")).isEqualTo("3.3350");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("16.6650");
  }

  @Test
  void marketOrderLargerThanTheBookTakesItAllAndCancelsTheRestForLiquidity() {
    paper.http.postJson("/paper/accounts", new JsonObject().put("account_index", 88)
      .put("l1_address", "0x00000000000000000000000000000000000000b8").put("collateral", "1000000")
      .put("api_keys", new JsonObject().put(Integer.toString(KEY_INDEX), KEY.publicKeyHex())));
    PaperTrader whale = paper.trader(88);
    BigDecimal depth = paper.http.get("/api/v1/orderBookOrders?market_id=0&limit=250").body().getJsonArray("asks")
      .stream().map(JsonObject.class::cast).map(level -> new BigDecimal(level.getString("remaining_base_amount")))
      .reduce(BigDecimal.ZERO, BigDecimal::add);

    whale.buy(1, "500.0000", "9999.00");

    JsonObject order = whale.order(1);
    assertThat(order.getString("status")).isEqualTo("canceled-not-enough-liquidity");
    assertThat(new BigDecimal(order.getString("filled_base_amount"))).isEqualByComparingTo(depth);
    assertThat(new BigDecimal(whale.ethPosition().getString("position"))).isEqualByComparingTo(depth);
  }

  @Test
  void cancelAllCancelsEveryLiveOrder() {
    trader.buy(1, "1.0000", "3100.00");
    trader.stopLossLimit(41, "0.5000", "2900.00", "2850.00", true);
    trader.stopLossLimit(42, "0.5000", "2800.00", "2750.00", true);

    PaperHttp.Reply reply = trader.send(new CancelAllOrdersTx(ACCOUNT, KEY_INDEX, CancelAllOrdersTx.TIF_IMMEDIATE, 0,
      PaperTrader.expiredAt(), trader.nextNonce(), TxAttributes.none()));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(trader.activeOrders().body().getJsonArray("orders")).isEmpty();
    assertThat(trader.order(41).getString("status")).isEqualTo("canceled");
    assertThat(trader.order(42).getString("status")).isEqualTo("canceled");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("1.0000");
  }

  @Test
  void goodTillTimeLimitRestsOpenAndFillsWhenThePriceComesToIt() {
    PaperHttp.Reply reply = trader.send(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 71,
      PaperTrader.size("0.5000"), PaperTrader.price("2950.00"), 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, System.currentTimeMillis() + 3_600_000, PaperTrader.expiredAt(), 0,
      TxAttributes.none()));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(trader.order(71).getString("status")).isEqualTo("open");
    assertThat(trader.account().getJsonArray("positions").stream().map(JsonObject.class::cast)
      .map(row -> row.getString("position"))).allMatch("0.0000"::equals);

    paper.setMid(ETH, "2940.00");

    assertThat(trader.order(71).getString("status")).isEqualTo("filled");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.5000");
    // the best ask at a mid of 2940.00
    assertThat(trader.ethPosition().getString("avg_entry_price")).isEqualTo("2940.30");
  }

  // ----- order rules

  @Test
  void reduceOnlyWithoutAPositionIsAnInvalidDirection() {
    assertRejected(trader.marketOrder(1, "0.1000", "2900.00", true, true), 21738);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void reduceOnlyThatWouldIncreaseThePositionIsRefused() {
    trader.buy(1, "0.5000", "3100.00");

    assertRejected(trader.marketOrder(2, "0.1000", "3100.00", false, true), 21732);
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.5000");
  }

  @Test
  void duplicateLiveClientOrderIndexIsRefused() {
    trader.buy(1, "1.0000", "3100.00");
    assertThat(trader.stopLossLimit(77, "1.0000", "2900.00", "2850.00", true).code()).isEqualTo(200);

    assertRejected(trader.stopLossLimit(77, "1.0000", "2800.00", "2750.00", true), 21728);
    assertThat(trader.activeOrders().body().getJsonArray("orders")).hasSize(1);
  }

  @Test
  void finishedOrdersClientOrderIndexMayBeUsedAgain() {
    trader.buy(5, "0.1000", "3100.00");

    assertThat(trader.buy(5, "0.1000", "3100.00").code()).isEqualTo(200);
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.2000");
  }

  @Test
  void takerOrderBeyondTheMarginIsAcceptedConsumesItsNonceAndEndsCanceledMarginNotAllowed() {
    PaperTrader small = paper.trader(SMALL_ACCOUNT);

    // 1 ETH at 3000 needs 150 USDC of initial margin (5%); the account has 100.
    PaperHttp.Reply reply = small.buy(1, "1.0000", "3100.00");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(small.nextNonce()).isEqualTo(1);
    JsonObject order = small.order(1);
    assertThat(order.getString("status")).isEqualTo("canceled-margin-not-allowed");
    assertThat(order.getString("filled_base_amount")).isEqualTo("0.0000");
    assertThat(small.account().getJsonArray("positions")).isEmpty();
    assertThat(small.buy(2, "0.5000", "3100.00").code()).isEqualTo(200);
  }

  @Test
  void makerOrderBeyondTheMarginIsRefusedWithoutConsumingTheNonce() {
    PaperTrader small = paper.trader(SMALL_ACCOUNT);

    assertRejected(small.send(new CreateOrderTx(SMALL_ACCOUNT, KEY_INDEX, ETH, 1,
      PaperTrader.size("1.0000"), PaperTrader.price("2950.00"), 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, System.currentTimeMillis() + 3_600_000, PaperTrader.expiredAt(), 0,
      TxAttributes.none())), 21739);
    assertThat(small.nextNonce()).isZero();
  }

  @Test
  void orderBelowTheMarketMinimumIsRefused() {
    assertRejected(trader.buy(1, "0.0010", "3100.00"), 21603);
  }

  @Test
  void orderOnAnInactiveMarketIsRefused() {
    CreateOrderTx order = new CreateOrderTx(ACCOUNT, KEY_INDEX, 60, 1, 1000, 10_000, 0, CreateOrderTx.TYPE_MARKET,
      CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, PaperTrader.expiredAt(), 0, TxAttributes.none());

    assertRejected(trader.send(order), 21709);
  }

  // ----- stop-loss orders

  @Test
  void stopLossLimitRestsPendingOnTheMarkPrice() {
    trader.buy(1, "1.0000", "3100.00");

    assertThat(trader.stopLossLimit(41, "1.0000", "2900.00", "2850.00", true).code()).isEqualTo(200);

    JsonArray orders = trader.activeOrders().body().getJsonArray("orders");
    assertThat(orders).hasSize(1);
    JsonObject stop = orders.getJsonObject(0);
    assertThat(stop.getLong("client_order_index")).isEqualTo(41);
    assertThat(stop.getString("type")).isEqualTo("stop-loss-limit");
    assertThat(stop.getString("status")).isEqualTo("pending");
    assertThat(stop.getString("trigger_status")).isEqualTo("mark-price");
    assertThat(stop.getString("trigger_price")).isEqualTo("2900.00");
    assertThat(stop.getString("price")).isEqualTo("2850.00");
    assertThat(stop.getBoolean("reduce_only")).isTrue();
    assertThat(stop.getBoolean("is_ask")).isTrue();
    assertThat(trader.ethPosition().getString("position")).isEqualTo("1.0000");
  }

  @Test
  void stopLossDoesNotTriggerBeforeThePriceCrossesIt() {
    trader.buy(1, "1.0000", "3100.00");
    trader.stopLossLimit(41, "1.0000", "2900.00", "2850.00", true);

    paper.setMid(ETH, "2900.01");

    assertThat(trader.order(41).getString("status")).isEqualTo("pending");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("1.0000");
  }

  @Test
  void stopLossTriggersOnAPriceMoveAndClosesThePosition() {
    trader.buy(1, "1.0000", "3100.00");
    trader.stopLossLimit(41, "1.0000", "2900.00", "2850.00", true);

    paper.setMid(ETH, "2890.00");

    JsonObject stop = trader.order(41);
    assertThat(stop.getString("status")).isEqualTo("filled");
    assertThat(stop.getString("filled_base_amount")).isEqualTo("1.0000");
    JsonObject position = trader.ethPosition();
    assertThat(position.getString("position")).isEqualTo("0.0000");
    // 1 × (2889.71 − 3000.30)
    assertThat(position.getString("realized_pnl")).isEqualTo("-110.590000");
    assertThat(trader.account().getString("collateral")).isEqualTo("9889.410000");
    assertThat(trader.activeOrders().body().getJsonArray("orders")).isEmpty();
  }

  @Test
  void shortsStopLossTriggersWhenThePriceRises() {
    trader.sell(1, "1.0000", "2900.00");
    trader.stopLossLimit(42, "1.0000", "3100.00", "3150.00", false);

    paper.setMid(ETH, "3110.00");

    assertThat(trader.order(42).getString("status")).isEqualTo("filled");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @Test
  void modifiedStopLossTriggersAtItsNewPrice() {
    trader.buy(1, "1.0000", "3100.00");
    trader.stopLossLimit(41, "1.0000", "2900.00", "2850.00", true);
    long orderIndex = trader.order(41).getLong("order_index");

    assertThat(trader.modify(orderIndex, "1.0000", "2950.00", "2900.00").code()).isEqualTo(200);

    JsonObject stop = trader.activeOrders().body().getJsonArray("orders").getJsonObject(0);
    assertThat(stop.getLong("order_index")).isEqualTo(orderIndex);
    assertThat(stop.getString("trigger_price")).isEqualTo("2950.00");
    assertThat(stop.getString("price")).isEqualTo("2900.00");
    paper.setMid(ETH, "2940.00");
    assertThat(trader.order(41).getString("status")).isEqualTo("filled");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.0000");
  }

  @Test
  void stopLossResizedByClientOrderIndexClosesOnlyItsSize() {
    trader.buy(1, "1.0000", "3100.00");
    trader.stopLossLimit(41, "1.0000", "2900.00", "2850.00", true);

    assertThat(trader.modify(41, "0.4000", "2900.00", "2850.00").code()).isEqualTo(200);
    paper.setMid(ETH, "2890.00");

    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.6000");
  }

  @Test
  void cancelledStopLossNoLongerTriggers() {
    trader.buy(1, "1.0000", "3100.00");
    trader.stopLossLimit(41, "1.0000", "2900.00", "2850.00", true);

    assertThat(trader.cancel(41).code()).isEqualTo(200);

    assertThat(trader.activeOrders().body().getJsonArray("orders")).isEmpty();
    assertThat(trader.order(41).getString("status")).isEqualTo("canceled");
    paper.setMid(ETH, "2800.00");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("1.0000");
  }

  @Test
  void cancelOrModifyOfAnOrderThatIsNotLiveIsRefused() {
    trader.buy(1, "1.0000", "3100.00");

    assertRejected(trader.cancel(1), 21715);
    assertRejected(trader.modify(99, "1.0000", "2900.00", "2850.00"), 21715);
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void reduceOnlyOrdersAreCancelledWhenThePositionReachesZero() {
    trader.buy(1, "1.0000", "3100.00");
    trader.stopLossLimit(51, "1.0000", "2900.00", "2850.00", true);

    trader.marketOrder(2, "1.0000", "2900.00", true, true);

    assertThat(trader.order(51).getString("status")).isEqualTo("canceled-reduce-only");
    assertThat(trader.activeOrders().body().getJsonArray("orders")).isEmpty();
  }

  // ----- lookups

  @Test
  void txByHashReturnsTheAcceptedTx() {
    CreateOrderTx order = trader.market(0, 61, "0.1000", "3100.00", false, false);
    SignedTx signed = trader.sign(order);
    assertThat(trader.send(signed).body().getString("tx_hash")).isEqualTo(signed.txHashHex());

    JsonObject tx = paper.http.get("/api/v1/tx?by=hash&value=" + signed.txHashHex()).body();

    assertThat(tx.getInteger("code")).isEqualTo(200);
    assertThat(tx.getString("hash")).isEqualTo(signed.txHashHex());
    assertThat(tx.getInteger("type")).isEqualTo(CreateOrderTx.TX_TYPE);
    assertThat(tx.getString("info")).isEqualTo(signed.txInfo());
    assertThat(tx.getInteger("status")).isEqualTo(2);
    assertThat(tx.getLong("account_index")).isEqualTo(ACCOUNT);
    assertThat(tx.getInteger("api_key_index")).isEqualTo(KEY_INDEX);
    assertThat(tx.getLong("nonce")).isZero();
    assertThat(tx.getLong("expire_at")).isEqualTo(order.expiredAt());
    assertThat(tx.getString("l1_address")).isEqualTo(L1_ADDRESS);
  }

  @Test
  void refusedTxIsNotFoundByHash() {
    SignedTx signed = trader.sign(trader.market(3, 61, "0.1000", "3100.00", false, false));
    assertRejected(trader.send(signed), 21104);

    PaperHttp.Reply reply = paper.http.get("/api/v1/tx?by=hash&value=" + signed.txHashHex());

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21500);
  }

  @Test
  void accountOrdersFindAFinishedOrderByClientOrderIndex() {
    trader.buy(61, "0.1000", "3100.00");

    JsonObject order = trader.order(61);

    assertThat(order.getString("status")).isEqualTo("filled");
    assertThat(order.getString("type")).isEqualTo("market");
    assertThat(order.getString("time_in_force")).isEqualTo("immediate-or-cancel");
    assertThat(order.getString("filled_base_amount")).isEqualTo("0.1000");
    assertThat(order.getString("remaining_base_amount")).isEqualTo("0.0000");
    assertThat(order.getString("filled_quote_amount")).isEqualTo("300.030000");
    assertThat(order.getString("price")).isEqualTo("3100.00");
    assertThat(order.getLong("nonce")).isZero();
  }

  @Test
  void accountOrdersFindSeveralClientOrderIndexesAtOnce() {
    trader.buy(61, "0.1000", "3100.00");
    trader.buy(62, "0.1000", "3100.00");
    trader.stopLossLimit(63, "0.2000", "2900.00", "2850.00", true);

    JsonArray orders = paper.http.get("/api/v1/accountOrders?account_index=" + ACCOUNT
      + "&client_order_indexes=61,63,64", Map.of("Authorization", trader.authToken())).body().getJsonArray("orders");

    assertThat(orders.stream().map(JsonObject.class::cast).map(order -> order.getLong("client_order_index")))
      .containsExactlyInAnyOrder(61L, 63L);
  }

  // ----- auth tokens

  static Stream<Arguments> refusedTokens() {
    long now = System.currentTimeMillis() / 1000;
    return Stream.of(
      Arguments.of("missing", (Function<Long, String>) account -> null),
      Arguments.of("expired", (Function<Long, String>) account -> AuthToken.create(KEY, account, KEY_INDEX, now - 5)),
      Arguments.of("signed with another key",
        (Function<Long, String>) account -> AuthToken.create(OTHER_KEY, account, KEY_INDEX, now + 600)),
      Arguments.of("for another account",
        (Function<Long, String>) account -> AuthToken.create(KEY, SMALL_ACCOUNT, KEY_INDEX, now + 600)),
      Arguments.of("for an unregistered key index",
        (Function<Long, String>) account -> AuthToken.create(KEY, account, KEY_INDEX + 1, now + 600)),
      Arguments.of("living longer than 8 hours",
        (Function<Long, String>) account -> AuthToken.create(KEY, account, KEY_INDEX, now + 9 * 3600)),
      Arguments.of("malformed", (Function<Long, String>) account -> "not-a-token"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void ordersNeedAValidAuthToken(String what, Function<Long, String> token) {
    String value = token.apply(ACCOUNT);
    Map<String, String> headers = value == null ? Map.of() : Map.of("Authorization", value);
    for (String uri : List.of("/api/v1/accountActiveOrders?account_index=" + ACCOUNT,
      "/api/v1/accountInactiveOrders?account_index=" + ACCOUNT + "&limit=10",
      "/api/v1/accountOrders?account_index=" + ACCOUNT + "&client_order_indexes=1")) {
      PaperHttp.Reply reply = paper.http.get(uri, headers);

      assertThat(reply.status()).as(uri).isEqualTo(400);
      assertThat(reply.code()).as(uri).isEqualTo(20001);
      assertThat(reply.body().getString("message")).as(uri).isEqualTo("invalid auth token");
    }
  }

  @Test
  void validAuthTokenOpensTheOrderEndpoints() {
    trader.buy(61, "0.1000", "3100.00");

    assertThat(trader.activeOrders().code()).isEqualTo(200);
    assertThat(trader.ordersByClientIndex(61).code()).isEqualTo(200);
  }

  private static void assertRejected(PaperHttp.Reply reply, int code) {
    assertThat(reply.status()).as("HTTP status of %s", reply.raw()).isEqualTo(400);
    assertThat(reply.code()).as("code of %s", reply.raw()).isEqualTo(code);
    assertThat(reply.body().getString("message")).isNotBlank();
  }
}
