package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.COLLATERAL;
import static io.copytrader.paper.PaperFixture.ETH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What the endpoints and parameters Lighter's newest OpenAPI document adds (issue 16) do on the paper exchange:
 * fills, asset, funding and limits, mark and index prices, the account's assets, the spec's auth parameter, the
 * inactive-order filters and cursor, transactions by sequence index and order timestamps in seconds.
 */
class PaperSpecEndpointsTest {

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();

  private PaperHttp.Reply authorized(String uri) {
    return paper.http.get(uri, Map.of("Authorization", paper.trader.authToken()));
  }

  @Test
  void anOrderTakingTwoLevelsMakesTwoTradesWithTheTakersPositionBeforeEach() {
    JsonArray book = paper.http.get("/api/v1/orderBookOrders?market_id=0&limit=2").body().getJsonArray("asks");
    BigDecimal firstLevel = new BigDecimal(book.getJsonObject(0).getString("remaining_base_amount"));
    String hash = paper.trader.buy(1, firstLevel.add(new BigDecimal("0.0100")).toPlainString(), "3100.00").body()
      .getString("tx_hash");

    JsonArray trades = paper.http.get("/api/v1/trades?sort_by=trade_id&limit=10&account_index=" + ACCOUNT
      + "&auth=" + paper.trader.authToken()).body().getJsonArray("trades");

    assertThat(trades).hasSize(2);
    JsonObject newest = trades.getJsonObject(0);
    JsonObject oldest = trades.getJsonObject(1);
    assertThat(oldest.getLong("trade_id")).isLessThan(newest.getLong("trade_id"));
    assertThat(oldest.getString("price")).isEqualTo(book.getJsonObject(0).getString("price"));
    assertThat(oldest.getLong("ask_id")).isEqualTo(book.getJsonObject(0).getLong("order_index"));
    assertThat(new BigDecimal(oldest.getString("size"))).isEqualByComparingTo(firstLevel);
    assertThat(oldest.getString("taker_position_size_before")).isEqualTo("0.0000");
    assertThat(new BigDecimal(newest.getString("taker_position_size_before"))).isEqualByComparingTo(firstLevel);
    assertThat(newest.getString("price")).isEqualTo(book.getJsonObject(1).getString("price"));
    for (JsonObject trade : List.of(newest, oldest)) {
      assertThat(trade.getString("tx_hash")).isEqualTo(hash);
      assertThat(trade.getLong("bid_account_id")).isEqualTo(ACCOUNT);
      assertThat(trade.getLong("bid_client_id")).isEqualTo(1);
      assertThat(trade.getBoolean("is_maker_ask")).isTrue();
      assertThat(trade.getInteger("taker_fee")).as("the markets charge no fee").isZero();
      assertThat(trade.getLong("timestamp")).as("ms").isCloseTo(System.currentTimeMillis(), within(60_000L));
      assertThat(new BigDecimal(trade.getString("usd_amount"))).isEqualByComparingTo(
        new BigDecimal(trade.getString("size")).multiply(new BigDecimal(trade.getString("price"))));
    }
  }

  @Test
  void aClosingTradeCarriesTheRealizedPnlAndTheRecentTradesOfTheMarket() {
    paper.trader.buy(1, "0.1000", "3100.00");
    paper.setMid(ETH, "3100.00");
    paper.trader.sell(2, "0.1000", "3000.00");

    JsonObject close = paper.http.get("/api/v1/recentTrades?market_id=0&limit=1").body().getJsonArray("trades")
      .getJsonObject(0);

    assertThat(close.getLong("ask_account_id")).isEqualTo(ACCOUNT);
    assertThat(close.getString("taker_position_size_before")).isEqualTo("0.1000");
    BigDecimal realized = new BigDecimal(paper.trader.ethPosition().getString("realized_pnl"));
    assertThat(realized.signum()).isPositive();
    assertThat(new BigDecimal(close.getString("ask_account_pnl"))).isEqualByComparingTo(realized);
    assertThat(close.getString("bid_account_pnl")).isEqualTo("0.000000");
  }

  @Test
  void tradesPageByCursorAndAnAccountsTradesNeedItsToken() {
    for (int i = 1; i <= 3; i++) {
      paper.trader.buy(i, "0.0100", "3100.00");
    }

    JsonObject first = paper.http.get("/api/v1/trades?sort_by=timestamp&limit=2&market_id=0").body();
    JsonObject second = paper.http.get("/api/v1/trades?sort_by=timestamp&limit=2&market_id=0&cursor="
      + first.getString("next_cursor")).body();
    PaperHttp.Reply withoutToken = paper.http.get("/api/v1/trades?sort_by=timestamp&limit=2&account_index=" + ACCOUNT);

    assertThat(first.getJsonArray("trades")).hasSize(2);
    assertThat(second.getJsonArray("trades")).hasSize(1);
    assertThat(second.containsKey("next_cursor")).isFalse();
    assertThat(second.getJsonArray("trades").getJsonObject(0).getLong("bid_client_id")).isEqualTo(1);
    assertThat(withoutToken.status()).isEqualTo(400);
    assertThat(withoutToken.code()).isEqualTo(20001);
    for (String bad : List.of("limit=2", "sort_by=price&limit=2", "sort_by=trade_id&limit=101",
      "sort_by=trade_id&limit=2&market_id=eth", "sort_by=trade_id&limit=2&cursor=x")) {
      assertThat(paper.http.get("/api/v1/trades?" + bad).code()).as(bad).isEqualTo(20001);
    }
  }

  @Test
  void detailsCarryMarkAndIndexPricesThatFollowTheMid() {
    paper.setMid(ETH, "3123.45");

    JsonObject eth = paper.http.get("/api/v1/orderBookDetails?market_id=0").body()
      .getJsonArray("order_book_details").getJsonObject(0);

    assertThat(eth.getString("mark_price")).isEqualTo("3123.45");
    assertThat(eth.getString("index_price")).isEqualTo("3123.45");
    assertThat(eth.getString("multiplier")).isEqualTo(PaperJson.ONE);
    assertThat(Long.parseLong(eth.getString("created_at"))).isCloseTo(System.currentTimeMillis(), within(60_000L));
  }

  @Test
  void fundingRatesListEveryActiveMarketAtTheRateOfAMarkEqualToItsIndex() {
    JsonArray rates = paper.http.get("/api/v1/funding-rates").body().getJsonArray("funding_rates");

    assertThat(rates.stream().map(rate -> ((JsonObject) rate).getString("symbol")))
      .containsExactly("ETH", "BTC", "SOL", "RESOLV");
    JsonObject eth = rates.getJsonObject(0);
    assertThat(eth.getString("exchange")).isEqualTo("lighter");
    assertThat(eth.getDouble("rate")).isZero();
  }

  @Test
  void assetDetailsListUsdcWithEveryAccountsCollateralSupplied() {
    JsonArray assets = paper.http.get("/api/v1/assetDetails").body().getJsonArray("asset_details");
    JsonArray none = paper.http.get("/api/v1/assetDetails?asset_id=7").body().getJsonArray("asset_details");

    assertThat(assets).hasSize(1);
    assertThat(assets.getJsonObject(0).getString("symbol")).isEqualTo("USDC");
    assertThat(assets.getJsonObject(0).getInteger("asset_id")).isEqualTo(PaperJson.USDC_ASSET_ID);
    assertThat(new BigDecimal(assets.getJsonObject(0).getString("total_supplied"))).isEqualByComparingTo(COLLATERAL);
    assertThat(none).isEmpty();
  }

  @Test
  void theAccountListsItsUsdcAndItsMarginRequirements() {
    paper.trader.buy(1, "1.0000", "3100.00");

    JsonObject account = paper.trader.account();

    JsonObject usdc = account.getJsonArray("assets").getJsonObject(0);
    assertThat(usdc.getString("symbol")).isEqualTo("USDC");
    assertThat(usdc.getString("balance")).isEqualTo(account.getString("collateral"));
    // One ETH at the 3000.00 mid: 5% initial and 1.2% maintenance margin.
    assertThat(account.getString("cross_initial_margin_requirement")).isEqualTo("150.000000");
    assertThat(account.getString("cross_maintenance_margin_requirement")).isEqualTo("36.000000");
    assertThat(account.getLong("created_at")).as("seconds").isCloseTo(System.currentTimeMillis() / 1000,
      within(60L));
  }

  @Test
  void accountLimitsNeedTheTokenAndDescribeTheDefaultPremiumTier() {
    JsonObject limits = authorized("/api/v1/accountLimits?account_index=" + ACCOUNT).body();
    PaperHttp.Reply withoutToken = paper.http.get("/api/v1/accountLimits?account_index=" + ACCOUNT);

    assertThat(limits.getString("user_tier")).isEqualTo("premium");
    assertThat(limits.getString("user_tier_name")).isEqualTo("premium");
    assertThat(limits.getInteger("current_taker_fee_tick")).isZero();
    assertThat(withoutToken.status()).isEqualTo(400);
  }

  @Test
  void theSpecsAuthorizationParameterAndTheTokensAccountForAccountOrders() {
    paper.trader.buy(7, "0.0100", "3100.00");

    JsonArray byParameter = paper.http.get("/api/v1/accountActiveOrders?account_index=" + ACCOUNT
      + "&authorization=" + paper.trader.authToken()).body().getJsonArray("orders");
    JsonArray withoutAccount = paper.http.get("/api/v1/accountOrders?client_order_indexes=7&authorization="
      + paper.trader.authToken()).body().getJsonArray("orders");
    PaperHttp.Reply withoutToken = paper.http.get("/api/v1/accountOrders?client_order_indexes=7");

    assertThat(byParameter).isEmpty();
    assertThat(withoutAccount).hasSize(1);
    assertThat(withoutAccount.getJsonObject(0).getLong("owner_account_index")).isEqualTo(ACCOUNT);
    assertThat(withoutToken.status()).isEqualTo(400);
  }

  @Test
  void inactiveOrdersFilterBySideAndTimeAndPageByCursor() {
    paper.trader.buy(1, "0.0100", "3100.00");
    paper.trader.sell(2, "0.0100", "2900.00");
    paper.trader.buy(3, "0.0100", "3100.00");
    String base = "/api/v1/accountInactiveOrders?account_index=" + ACCOUNT;
    long now = System.currentTimeMillis() / 1000;

    JsonArray sells = authorized(base + "&limit=10&ask_filter=1").body().getJsonArray("orders");
    JsonObject first = authorized(base + "&limit=2").body();
    JsonObject rest = authorized(base + "&limit=2&cursor=" + first.getString("next_cursor")).body();
    JsonArray inWindow = authorized(base + "&limit=10&between_timestamps=" + (now - 60) + "-" + (now + 60)).body()
      .getJsonArray("orders");
    JsonArray beforeWindow = authorized(base + "&limit=10&between_timestamps=1000-2000").body()
      .getJsonArray("orders");

    assertThat(sells).hasSize(1);
    assertThat(sells.getJsonObject(0).getLong("client_order_index")).isEqualTo(2);
    assertThat(first.getJsonArray("orders").stream().map(order -> ((JsonObject) order).getLong("client_order_index")))
      .containsExactly(3L, 2L);
    assertThat(rest.getJsonArray("orders")).hasSize(1);
    assertThat(rest.getJsonArray("orders").getJsonObject(0).getLong("client_order_index")).isEqualTo(1);
    assertThat(rest.containsKey("next_cursor")).isFalse();
    assertThat(inWindow).hasSize(3);
    assertThat(beforeWindow).isEmpty();
  }

  @Test
  void orderTimestampsAreSecondsAndExpiryStaysInMilliseconds() {
    paper.trader.buy(1, "0.0100", "3100.00");
    paper.trader.stopLossLimit(2, "0.0100", "2900.00", "2850.00", true);

    JsonObject stop = paper.trader.order(2);

    long seconds = System.currentTimeMillis() / 1000;
    assertThat(stop.getLong("timestamp")).isCloseTo(seconds, within(60L));
    assertThat(stop.getLong("created_at")).isCloseTo(seconds, within(60L));
    assertThat(stop.getLong("updated_at")).isCloseTo(seconds, within(60L));
    assertThat(stop.getLong("order_expiry")).isGreaterThan(System.currentTimeMillis());
    assertThat(stop.getInteger("order_flags")).isZero();
  }

  @Test
  void transactionsAreFoundBySequenceIndexInTheOrderTheyWereApplied() {
    String first = paper.trader.buy(1, "0.0100", "3100.00").body().getString("tx_hash");
    String second = paper.trader.buy(2, "0.0100", "3100.00").body().getString("tx_hash");

    JsonObject one = paper.http.get("/api/v1/tx?by=sequence_index&value=1").body();
    JsonObject two = paper.http.get("/api/v1/tx?by=hash&value=" + second).body();
    PaperHttp.Reply unknown = paper.http.get("/api/v1/tx?by=sequence_index&value=99");

    assertThat(one.getString("hash")).isEqualTo(first);
    assertThat(two.getLong("sequence_index")).isEqualTo(2);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.code()).isEqualTo(21500);
  }

  @Test
  void sendTxReportsNoVolumeQuotaLeft() {
    JsonObject answer = paper.trader.buy(1, "0.0100", "3100.00").body();

    assertThat(answer.getValue("volume_quota_remaining")).isEqualTo(0);
    assertThat(answer.getString("message")).contains("didn't use volume quota");
  }
}
