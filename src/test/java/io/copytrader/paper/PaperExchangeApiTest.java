package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.L1_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.testing.Polling;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint of the paper exchange against the shapes of docs/lighter-api.md: field names, JSON types (decimals as
 * strings at the market's precision, ids and counters as integers), {@code code:200} on success and
 * Lighter-style {@code {code,message}} errors.
 */
class PaperExchangeApiTest {

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;

  static Stream<Arguments> markets() {
    return PaperConfig.defaultMarkets().stream()
      .map(market -> Arguments.of(market.marketId(), market.symbol(), market.sizeDecimals(), market.priceDecimals()));
  }

  @Test
  void rootStatusIsThreeIntegers() {
    PaperHttp.Reply reply = http.get("/");

    assertThat(reply.status()).isEqualTo(200);
    JsonShape.of(reply.body()).ints("status", "network_id", "timestamp");
    assertThat(reply.body().getInteger("status")).isEqualTo(1);
    assertThat(reply.body().getLong("timestamp")).isBetween(System.currentTimeMillis() / 1000 - 60,
      System.currentTimeMillis() / 1000 + 60);
  }

  @Test
  void everyAnswerIsJson() {
    assertThat(http.get("/api/v1/orderBooks").contentType()).startsWith("application/json");
    assertThat(http.get("/api/v1/nowhere").contentType()).startsWith("application/json");
  }

  @Test
  void orderBooksListEveryMarketWithDecimalStringsAndIntegerCounts() {
    PaperHttp.Reply reply = http.get("/api/v1/orderBooks");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.code()).isEqualTo(200);
    JsonArray books = reply.body().getJsonArray("order_books");
    assertThat(books).hasSize(PaperConfig.defaultMarkets().size());
    for (PaperMarket market : PaperConfig.defaultMarkets()) {
      JsonObject row = find(books, "market_id", market.marketId());
      JsonShape.of(row)
        .strings("symbol", "market_type", "status", "taker_fee", "maker_fee", "liquidation_fee", "order_quote_limit")
        .ints("market_id", "base_asset_id", "quote_asset_id", "supported_size_decimals", "supported_price_decimals",
          "supported_quote_decimals")
        .bools("is_taker_fee_enabled", "is_maker_fee_enabled")
        .decimals(market.sizeDecimals(), "min_base_amount")
        .decimals(6, "min_quote_amount");
      assertThat(row.getString("symbol")).isEqualTo(market.symbol());
      assertThat(row.getString("market_type")).isEqualTo("perp");
      assertThat(row.getString("status")).isEqualTo(market.active() ? "active" : "inactive");
      assertThat(new BigDecimal(row.getString("min_base_amount"))).isEqualByComparingTo(market.minBaseAmount());
      assertThat(row.getInteger("supported_size_decimals")).isEqualTo(market.sizeDecimals());
      assertThat(row.getInteger("supported_price_decimals")).isEqualTo(market.priceDecimals());
    }
  }

  @Test
  void ethOrderBookRowMatchesTheMainnetCapture() {
    JsonObject eth = find(http.get("/api/v1/orderBooks").body().getJsonArray("order_books"), "market_id", 0);

    assertThat(eth.getString("min_base_amount")).isEqualTo("0.0050");
    assertThat(eth.getString("min_quote_amount")).isEqualTo("10.000000");
    assertThat(eth.getInteger("supported_size_decimals")).isEqualTo(4);
    assertThat(eth.getInteger("supported_price_decimals")).isEqualTo(2);
    assertThat(eth.getInteger("supported_quote_decimals")).isEqualTo(6);
  }

  @Test
  void orderBookDetailsAddDecimalsMarginFractionsAndFloatStatistics() {
    PaperHttp.Reply reply = http.get("/api/v1/orderBookDetails");

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().getJsonArray("spot_order_book_details")).isEmpty();
    JsonArray details = reply.body().getJsonArray("order_book_details");
    assertThat(details).hasSize(PaperConfig.defaultMarkets().size());
    JsonObject eth = find(details, "market_id", 0);
    JsonShape.of(eth)
      .ints("size_decimals", "price_decimals", "quote_multiplier", "default_initial_margin_fraction",
        "min_initial_margin_fraction", "maintenance_margin_fraction", "closeout_margin_fraction",
        "daily_trades_count", "strategy_index")
      .floats("last_trade_price", "daily_base_token_volume", "daily_quote_token_volume", "daily_price_low",
        "daily_price_high", "daily_price_change", "open_interest")
      .objects("daily_chart", "market_config")
      .decimals(4, "min_base_amount");
    assertThat(eth.getInteger("size_decimals")).isEqualTo(4);
    assertThat(eth.getInteger("price_decimals")).isEqualTo(2);
    assertThat(eth.getInteger("default_initial_margin_fraction")).isEqualTo(500);
    assertThat(eth.getDouble("last_trade_price")).isEqualTo(3000.0);
    JsonShape.of(eth.getJsonObject("market_config"))
      .ints("market_margin_mode", "insurance_fund_account_index", "liquidation_mode")
      .bools("force_reduce_only", "funding_fee_discounts_enabled", "hidden")
      .strings("trading_hours");
  }

  @Test
  void orderBookDetailsForOneMarketListOnlyIt() {
    JsonArray details = http.get("/api/v1/orderBookDetails?market_id=51").body().getJsonArray("order_book_details");

    assertThat(details).hasSize(1);
    assertThat(details.getJsonObject(0).getString("symbol")).isEqualTo("RESOLV");
    assertThat(details.getJsonObject(0).getInteger("default_initial_margin_fraction")).isEqualTo(3333);
  }

  @Test
  void orderBookDetailsForMarket255ListAllMarkets() {
    JsonArray details = http.get("/api/v1/orderBookDetails?market_id=255").body().getJsonArray("order_book_details");

    assertThat(details).hasSize(PaperConfig.defaultMarkets().size());
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("markets")
  void orderBookOrdersPrintPricesAndSizesWithTheMarketsExactDecimals(int marketId, String symbol, int sizeDecimals,
                                                                     int priceDecimals) {
    PaperHttp.Reply reply = http.get("/api/v1/orderBookOrders?market_id=" + marketId + "&limit=250");

    assertThat(reply.code()).isEqualTo(200);
    JsonShape.of(reply.body()).ints("total_asks", "total_bids").arrays("asks", "bids");
    JsonArray asks = reply.body().getJsonArray("asks");
    JsonArray bids = reply.body().getJsonArray("bids");
    assertThat(asks).isNotEmpty();
    assertThat(bids).isNotEmpty();
    assertThat(reply.body().getInteger("total_asks")).isEqualTo(asks.size());
    assertThat(reply.body().getInteger("total_bids")).isEqualTo(bids.size());
    for (JsonArray side : List.of(asks, bids)) {
      for (int i = 0; i < side.size(); i++) {
        JsonShape.of(side.getJsonObject(i))
          .ints("order_index", "owner_account_index", "order_expiry", "transaction_time")
          .strings("order_id")
          .decimals(priceDecimals, "price")
          .decimals(sizeDecimals, "initial_base_amount", "remaining_base_amount");
      }
    }
  }

  @Test
  void orderBookOrdersAreBestFirstAroundTheMid() {
    JsonObject book = http.get("/api/v1/orderBookOrders?market_id=0&limit=20").body();
    List<BigDecimal> asks = prices(book.getJsonArray("asks"));
    List<BigDecimal> bids = prices(book.getJsonArray("bids"));

    assertThat(asks).isSortedAccordingTo(BigDecimal::compareTo);
    assertThat(bids).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(asks.get(0)).isGreaterThan(new BigDecimal("3000.00"));
    assertThat(bids.get(0)).isLessThan(new BigDecimal("3000.00"));
    assertThat(asks).doesNotHaveDuplicates();
    assertThat(bids).doesNotHaveDuplicates();
  }

  @Test
  void orderBookOrdersHonourTheLimit() {
    JsonObject book = http.get("/api/v1/orderBookOrders?market_id=0&limit=1").body();

    assertThat(book.getJsonArray("asks")).hasSize(1);
    assertThat(book.getJsonArray("bids")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"market_id=0", "market_id=0&limit=0", "market_id=0&limit=251", "limit=5",
    "market_id=eth&limit=5"})
  void orderBookOrdersRefuseMissingOrOutOfRangeParameters(String query) {
    PaperHttp.Reply reply = http.get("/api/v1/orderBookOrders?" + query);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(20001);
    assertThat(reply.body().getString("message")).isNotBlank();
  }

  @Test
  void orderBookOrdersOfAnUnknownMarketAreRefused() {
    PaperHttp.Reply reply = http.get("/api/v1/orderBookOrders?market_id=77&limit=5");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21602);
  }

  @Test
  void accountHasStringBalancesAndIntegerIds() {
    PaperHttp.Reply reply = http.get("/api/v1/account?by=index&value=" + ACCOUNT);

    assertThat(reply.code()).isEqualTo(200);
    JsonShape.of(reply.body()).ints("total").arrays("accounts");
    assertThat(reply.body().getInteger("total")).isEqualTo(1);
    JsonObject account = reply.body().getJsonArray("accounts").getJsonObject(0);
    JsonShape.of(account)
      .ints("code", "account_type", "index", "account_index", "cancel_all_time", "total_order_count",
        "total_isolated_order_count", "pending_order_count", "status", "transaction_time", "account_trading_mode")
      .strings("l1_address")
      .decimals(6, "available_balance", "collateral", "total_asset_value", "cross_asset_value")
      .arrays("positions", "assets", "shares");
    assertThat(account.getInteger("code")).isZero();
    assertThat(account.getLong("index")).isEqualTo(ACCOUNT);
    assertThat(account.getLong("account_index")).isEqualTo(ACCOUNT);
    assertThat(account.getString("l1_address")).isEqualTo(L1_ADDRESS);
    assertThat(account.getString("collateral")).isEqualTo("10000.000000");
    assertThat(account.getString("available_balance")).isEqualTo("10000.000000");
    assertThat(account.getString("total_asset_value")).isEqualTo("10000.000000");
    assertThat(account.getInteger("status")).isEqualTo(1);
    assertThat(account.getJsonArray("positions")).isEmpty();
  }

  @Test
  void positionRowHasAbsoluteSizeSignAndPercentMarginFraction() {
    assertThat(paper.trader.sell(1, "0.5000", "2900.00").code()).isEqualTo(200);

    JsonObject position = paper.trader.ethPosition();

    JsonShape.of(position)
      .ints("market_id", "open_order_count", "pending_order_count", "position_tied_order_count", "sign",
        "margin_mode")
      .strings("symbol", "liquidation_price")
      .decimals(4, "position")
      .decimals(2, "avg_entry_price", "initial_margin_fraction")
      .decimals(6, "position_value", "unrealized_pnl", "realized_pnl", "allocated_margin");
    assertThat(position.getString("symbol")).isEqualTo("ETH");
    assertThat(position.getInteger("sign")).isEqualTo(-1);
    assertThat(position.getString("position")).isEqualTo("0.5000");
    assertThat(position.getString("initial_margin_fraction")).isEqualTo("5.00");
  }

  @Test
  void accountByL1AddressFindsTheAccount() {
    PaperHttp.Reply reply = http.get("/api/v1/account?by=l1_address&value=" + L1_ADDRESS);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().getJsonArray("accounts").getJsonObject(0).getLong("index")).isEqualTo(ACCOUNT);
  }

  @Test
  void unknownAccountIsALighterError() {
    PaperHttp.Reply reply = http.get("/api/v1/account?by=index&value=999");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21100);
    assertThat(reply.body().getString("message")).isEqualTo("account not found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "by=index", "by=name&value=1", "by=index&value=-1", "by=index&value=abc"})
  void accountRefusesMalformedQueries(String query) {
    PaperHttp.Reply reply = http.get("/api/v1/account?" + query);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(20001);
  }

  @Test
  void accountsByL1AddressListScalarSubAccounts() {
    PaperHttp.Reply reply = http.get("/api/v1/accountsByL1Address?l1_address=" + L1_ADDRESS);

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().getString("l1_address")).isEqualTo(L1_ADDRESS);
    JsonObject sub = reply.body().getJsonArray("sub_accounts").getJsonObject(0);
    JsonShape.of(sub)
      .ints("code", "account_type", "index", "cancel_all_time", "total_order_count", "total_isolated_order_count",
        "pending_order_count", "status", "transaction_time", "account_trading_mode")
      .strings("l1_address")
      .decimals(6, "available_balance", "collateral");
    assertThat(sub.containsKey("positions")).isFalse();
  }

  @Test
  void nextNonceIsAnInteger() {
    PaperHttp.Reply reply = http.get("/api/v1/nextNonce?account_index=" + ACCOUNT + "&api_key_index=" + KEY_INDEX);

    assertThat(reply.raw()).isEqualTo("{\"code\":200,\"nonce\":0}");
  }

  @Test
  void nextNonceOfAnUnknownKeyIsRefused() {
    PaperHttp.Reply reply = http.get("/api/v1/nextNonce?account_index=" + ACCOUNT + "&api_key_index=9");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21109);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "&api_key_index=255", "&api_key_index=" + KEY_INDEX})
  void apiKeysListTheRegisteredPublicKeyWithoutPrefix(String keyFilter) {
    PaperHttp.Reply reply = http.get("/api/v1/apikeys?account_index=" + ACCOUNT + keyFilter);

    assertThat(reply.code()).isEqualTo(200);
    JsonArray keys = reply.body().getJsonArray("api_keys");
    assertThat(keys).hasSize(1);
    JsonObject key = keys.getJsonObject(0);
    JsonShape.of(key).ints("account_index", "api_key_index", "nonce", "transaction_time").strings("public_key");
    assertThat(key.getString("public_key")).isEqualTo(KEY.publicKeyHex()).matches("[0-9a-f]{80}");
    assertThat(key.getInteger("api_key_index")).isEqualTo(KEY_INDEX);
  }

  @Test
  void apiKeysOfAnotherIndexAreEmpty() {
    PaperHttp.Reply reply = http.get("/api/v1/apikeys?account_index=" + ACCOUNT + "&api_key_index=9");

    assertThat(reply.body().getJsonArray("api_keys")).isEmpty();
  }

  @Test
  void sendTxAnswersWithTheSignedHashAndAnEpochPrediction() {
    long before = System.currentTimeMillis();
    SignedTx signed = paper.trader.sign(paper.trader.market(0, 11, "0.1000", "3100.00", false, false));

    PaperHttp.Reply reply = paper.trader.send(signed);

    assertThat(reply.status()).isEqualTo(200);
    JsonShape.of(reply.body()).ints("code", "predicted_execution_time_ms").strings("message", "tx_hash");
    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().getString("message")).isEqualTo("{\"ratelimit\": \"didn't use volume quota\"}");
    assertThat(reply.body().getString("tx_hash")).isEqualTo(signed.txHashHex()).matches("[0-9a-f]{80}");
    assertThat(reply.body().getLong("predicted_execution_time_ms")).isGreaterThanOrEqualTo(before);
  }

  @Test
  void sendTxBatchAnswersOneHashPerTx() {
    SignedTx first = paper.trader.sign(paper.trader.market(0, 12, "0.1000", "3100.00", false, false));
    SignedTx second = paper.trader.sign(paper.trader.market(1, 13, "0.1000", "2900.00", true, false));

    PaperHttp.Reply reply = http.postForm("/api/v1/sendTxBatch", MultiMap.caseInsensitiveMultiMap()
      .add("tx_types", "[14,14]")
      .add("tx_infos", new JsonArray().add(first.txInfo()).add(second.txInfo()).encode()));

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().getJsonArray("tx_hash")).containsExactly(first.txHashHex(), second.txHashHex());
    Polling.eventually("both txs applied", () -> paper.trader.nextNonce() == 2);
  }

  @Test
  void sendTxWithoutATypeIsAnInvalidParam() {
    PaperHttp.Reply reply = http.postForm("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap().add("tx_info", "{}"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(20001);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "{}", "{\"AccountIndex\":\"1\"}"})
  void unreadableTxInfoIsRefusedAsInvalidTxInfo(String txInfo) {
    PaperHttp.Reply reply = http.postForm("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", "14").add("tx_info", txInfo));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21501);
  }

  @Test
  void unsupportedTxTypeIsRefused() {
    PaperHttp.Reply reply = http.postForm("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", "12").add("tx_info", "{\"AccountIndex\":1}"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21505);
  }

  @Test
  void txByHashHasTheDocumentedTypes() {
    SignedTx signed = paper.trader.sign(paper.trader.market(0, 14, "0.1000", "3100.00", false, false));
    paper.trader.send(signed);

    PaperHttp.Reply reply = http.get("/api/v1/tx?by=hash&value=" + signed.txHashHex());

    assertThat(reply.code()).isEqualTo(200);
    JsonShape.of(reply.body())
      .strings("hash", "info", "event_info", "l1_address", "parent_hash")
      .ints("type", "status", "transaction_index", "account_index", "nonce", "expire_at", "block_height",
        "queued_at", "executed_at", "sequence_index", "api_key_index", "transaction_time", "committed_at",
        "verified_at");
    assertThat(new JsonObject(reply.body().getString("event_info")).getLong("u")).isEqualTo(14);
  }

  @Test
  void unknownTxHashIsTransactionNotFound() {
    PaperHttp.Reply reply = http.get("/api/v1/tx?by=hash&value=" + "ab".repeat(40));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(21500);
    assertThat(reply.body().getString("message")).isEqualTo("transaction not found");
  }

  @Test
  void ordersHaveStringDecimalsBooleanFlagsAndStringEnums() {
    paper.trader.buy(0, "1.0000", "3100.00");
    paper.trader.stopLossLimit(21, "1.0000", "2900.00", "2850.00", true);

    JsonArray orders = paper.trader.activeOrders().body().getJsonArray("orders");

    assertThat(orders).hasSize(1);
    JsonObject order = orders.getJsonObject(0);
    JsonShape.of(order)
      .ints("order_index", "client_order_index", "market_index", "owner_account_index", "base_size", "base_price",
        "nonce", "order_expiry", "trigger_time", "parent_order_index", "block_height", "timestamp", "created_at",
        "updated_at", "transaction_time")
      .strings("order_id", "client_order_id", "side", "type", "time_in_force", "status", "trigger_status",
        "parent_order_id", "to_trigger_order_id_0", "to_trigger_order_id_1", "to_cancel_order_id_0")
      .bools("is_ask", "reduce_only")
      .decimals(4, "initial_base_amount", "remaining_base_amount", "filled_base_amount")
      .decimals(2, "price", "trigger_price");
    assertThat(order.getLong("order_index")).isGreaterThanOrEqualTo(1L << 48);
    assertThat(order.getString("order_id")).isEqualTo(Long.toString(order.getLong("order_index")));
    assertThat(order.getString("client_order_id")).isEqualTo("21");
    assertThat(order.getLong("base_size")).isEqualTo(10_000);
    assertThat(order.getLong("base_price")).isEqualTo(285_000);
    assertThat(order.getString("side")).isEqualTo("sell");
    assertThat(order.getString("type")).isEqualTo("stop-loss-limit");
    assertThat(order.getString("time_in_force")).isEqualTo("good-till-time");
  }

  @Test
  void inactiveOrdersListFinishedOrdersNewestFirst() {
    paper.trader.buy(31, "0.1000", "3100.00");
    paper.trader.buy(32, "0.1000", "3100.00");

    PaperHttp.Reply reply = http.get("/api/v1/accountInactiveOrders?account_index=" + ACCOUNT + "&limit=10",
      Map.of("Authorization", paper.trader.authToken()));

    assertThat(reply.code()).isEqualTo(200);
    JsonArray orders = reply.body().getJsonArray("orders");
    assertThat(orders.stream().map(JsonObject.class::cast).map(order -> order.getLong("client_order_index")))
      .containsExactly(32L, 31L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "&limit=0", "&limit=101"})
  void inactiveOrdersNeedALimitOfAtMostOneHundred(String limit) {
    PaperHttp.Reply reply = http.get("/api/v1/accountInactiveOrders?account_index=" + ACCOUNT + limit,
      Map.of("Authorization", paper.trader.authToken()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo(20001);
  }

  @Test
  void authTokenIsAlsoAcceptedAsAQueryParameter() {
    PaperHttp.Reply reply = http.get("/api/v1/accountActiveOrders?account_index=" + ACCOUNT + "&auth="
      + paper.trader.authToken());

    assertThat(reply.code()).isEqualTo(200);
    assertThat(reply.body().getJsonArray("orders")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/nowhere", "/api/v2/orderBooks", "/api", "/paper"})
  void unknownRouteIsALighterStyleNotFound(String path) {
    PaperHttp.Reply reply = http.get(path);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.code()).isEqualTo(29404);
    assertThat(reply.body().getString("message")).isEqualTo("not found");
  }

  @Test
  void wrongMethodOnAKnownPathIsNotAStackTrace() {
    PaperHttp.Reply reply = http.postJson("/api/v1/orderBooks", new JsonObject());

    assertThat(reply.status()).isBetween(400, 499);
    assertThat(reply.body()).isNotNull();
    assertThat(reply.body().getValue("code")).isInstanceOf(Integer.class);
  }

  private static JsonObject find(JsonArray rows, String field, long value) {
    return rows.stream().map(JsonObject.class::cast).filter(row -> row.getLong(field) == value).findFirst()
      .orElseThrow(() -> new AssertionError("no row with " + field + "=" + value + " in " + rows));
  }

  private static List<BigDecimal> prices(JsonArray side) {
    return side.stream().map(JsonObject.class::cast).map(row -> new BigDecimal(row.getString("price"))).toList();
  }
}
