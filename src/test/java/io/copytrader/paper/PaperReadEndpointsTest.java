package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.L1_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import io.copytrader.lighter.signer.AuthToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The read endpoints against docs/lighter-api.md's field names and JSON types. */
class PaperReadEndpointsTest {

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;
  private final PaperTrader trader = paper.trader;

  @Test
  void rootAnswersTheStatusDocument() {
    JsonObject status = http.get("/").body();

    assertThat(status.getValue("status")).isEqualTo(1);
    assertThat(status.getValue("network_id")).isInstanceOf(Integer.class);
    assertThat(status.getValue("timestamp")).isInstanceOf(Integer.class);
    assertThat(status.getLong("timestamp")).isCloseTo(System.currentTimeMillis() / 1000, within(60L));
  }

  @Test
  void orderBooksListMarketsWithDecimalStringsAndIntegerCounts() {
    JsonObject body = http.get("/api/v1/orderBooks").body();

    assertThat(body.getInteger("code")).isEqualTo(200);
    JsonObject eth = body.getJsonArray("order_books").getJsonObject(0);
    assertThat(eth.getString("symbol")).isEqualTo("ETH");
    assertThat(eth.getValue("market_id")).isEqualTo(0);
    assertThat(eth.getString("market_type")).isEqualTo("perp");
    assertThat(eth.getString("status")).isEqualTo("active");
    assertThat(eth.getValue("min_base_amount")).isEqualTo("0.0050");
    assertThat(eth.getValue("min_quote_amount")).isEqualTo("10.000000");
    assertThat(eth.getValue("taker_fee")).isEqualTo("0.0000");
    assertThat(eth.getValue("supported_size_decimals")).isEqualTo(4);
    assertThat(eth.getValue("supported_price_decimals")).isEqualTo(2);
    assertThat(eth.getValue("supported_quote_decimals")).isEqualTo(6);
    List<String> statuses = body.getJsonArray("order_books").stream()
      .map(book -> ((JsonObject) book).getString("status")).toList();
    assertThat(statuses).contains("inactive");
  }

  @Test
  void orderBooksFilterByMarketId() {
    JsonArray books = http.get("/api/v1/orderBooks?market_id=51").body().getJsonArray("order_books");

    assertThat(books).hasSize(1);
    assertThat(books.getJsonObject(0).getString("symbol")).isEqualTo("RESOLV");
    assertThat(books.getJsonObject(0).getString("min_base_amount")).isEqualTo("1");
  }

  @Test
  void orderBookDetailsCarryDecimalsMarginFractionsAndFloatStatistics() {
    JsonObject body = http.get("/api/v1/orderBookDetails?market_id=0").body();

    JsonObject eth = body.getJsonArray("order_book_details").getJsonObject(0);
    assertThat(eth.getValue("size_decimals")).isEqualTo(4);
    assertThat(eth.getValue("price_decimals")).isEqualTo(2);
    assertThat(eth.getValue("default_initial_margin_fraction")).isEqualTo(500);
    assertThat(eth.getValue("min_initial_margin_fraction")).isEqualTo(200);
    assertThat(eth.getValue("maintenance_margin_fraction")).isEqualTo(120);
    assertThat(eth.getValue("last_trade_price")).isInstanceOf(Double.class);
    assertThat(eth.getValue("market_config")).isInstanceOf(JsonObject.class);
    assertThat(body.getJsonArray("spot_order_book_details")).isEmpty();
  }

  @Test
  void orderBookOrdersPrintPricesAndSizesWithTheMarketsExactDecimals() {
    JsonObject eth = http.get("/api/v1/orderBookOrders?market_id=0&limit=5").body();
    JsonObject resolv = http.get("/api/v1/orderBookOrders?market_id=51&limit=5").body();

    JsonObject bestAsk = eth.getJsonArray("asks").getJsonObject(0);
    assertThat(bestAsk.getString("price")).isEqualTo("3000.30");
    assertThat(bestAsk.getString("remaining_base_amount")).matches("\\d+\\.\\d{4}");
    assertThat(eth.getJsonArray("bids").getJsonObject(0).getString("price")).isEqualTo("2999.70");
    assertThat(eth.getInteger("total_asks")).isEqualTo(5);
    assertThat(bestAsk.getValue("order_index")).isInstanceOf(Long.class);
    assertThat(bestAsk.getValue("order_id")).isInstanceOf(String.class);
    JsonObject resolvAsk = resolv.getJsonArray("asks").getJsonObject(0);
    assertThat(resolvAsk.getString("price")).matches("0\\.\\d{6}");
    assertThat(resolvAsk.getString("remaining_base_amount")).matches("\\d+");
  }

  @Test
  void orderBookOrdersAreBestFirstOnBothSides() {
    JsonObject book = http.get("/api/v1/orderBookOrders?market_id=0&limit=20").body();

    List<Double> asks = prices(book.getJsonArray("asks"));
    List<Double> bids = prices(book.getJsonArray("bids"));
    assertThat(asks).isSorted().doesNotHaveDuplicates();
    assertThat(bids).isSortedAccordingTo((a, b) -> Double.compare(b, a)).doesNotHaveDuplicates();
    assertThat(bids.get(0)).isLessThan(asks.get(0));
  }

  private static List<Double> prices(JsonArray levels) {
    return IntStream.range(0, levels.size()).mapToObj(i -> Double.parseDouble(levels.getJsonObject(i)
      .getString("price"))).toList();
  }

  @Test
  void accountByIndexHasLighterShapes() {
    JsonObject body = http.get("/api/v1/account?by=index&value=" + ACCOUNT).body();

    assertThat(body.getInteger("code")).isEqualTo(200);
    assertThat(body.getValue("total")).isEqualTo(1);
    JsonObject account = body.getJsonArray("accounts").getJsonObject(0);
    assertThat(account.getValue("code")).isEqualTo(0);
    assertThat(account.getValue("index")).isEqualTo(ACCOUNT);
    assertThat(account.getValue("account_index")).isEqualTo(ACCOUNT);
    assertThat(account.getString("l1_address")).isEqualTo(L1_ADDRESS);
    assertThat(account.getValue("collateral")).isEqualTo("10000.000000");
    assertThat(account.getValue("available_balance")).isEqualTo("10000.000000");
    assertThat(account.getValue("total_asset_value")).isEqualTo("10000.000000");
    assertThat(account.getValue("status")).isEqualTo(1);
    assertThat(account.getJsonArray("positions")).isEmpty();
  }

  @Test
  void accountByL1AddressFindsTheAccountCaseInsensitively() {
    JsonObject body = http.get("/api/v1/account?by=l1_address&value=" + L1_ADDRESS.toLowerCase()).body();

    assertThat(body.getJsonArray("accounts").getJsonObject(0).getLong("index")).isEqualTo(ACCOUNT);
  }

  @Test
  void accountsByL1AddressListsSubAccountsWithoutPositions() {
    JsonObject body = http.get("/api/v1/accountsByL1Address?l1_address=" + L1_ADDRESS).body();

    JsonObject account = body.getJsonArray("sub_accounts").getJsonObject(0);
    assertThat(account.getLong("index")).isEqualTo(ACCOUNT);
    assertThat(account.getValue("collateral")).isEqualTo("10000.000000");
    assertThat(account.containsKey("positions")).isFalse();
  }

  @Test
  void unknownAccountIsCode21100() {
    PaperHttp.Reply response = http.get("/api/v1/account?by=index&value=999");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getInteger("code")).isEqualTo(21100);
  }

  @Test
  void apiKeysListTheRegisteredKeyAsEightyHexWithoutPrefix() {
    JsonObject key = http.get("/api/v1/apikeys?account_index=" + ACCOUNT).body().getJsonArray("api_keys")
      .getJsonObject(0);

    assertThat(key.getValue("api_key_index")).isEqualTo(KEY_INDEX);
    assertThat(key.getValue("nonce")).isEqualTo(0);
    assertThat(key.getString("public_key")).isEqualTo(KEY.publicKeyHex()).hasSize(80).doesNotStartWith("0x");
  }

  @Test
  void nextNonceStartsAtZeroForARegisteredKey() {
    JsonObject body = http.get("/api/v1/nextNonce?account_index=" + ACCOUNT + "&api_key_index=" + KEY_INDEX).body();

    assertThat(body.getInteger("code")).isEqualTo(200);
    assertThat(body.getValue("nonce")).isEqualTo(0);
  }

  @Test
  void nextNonceOfAnUnregisteredKeyIsCode21109() {
    JsonObject body = http.get("/api/v1/nextNonce?account_index=" + ACCOUNT + "&api_key_index=9").body();

    assertThat(body.getInteger("code")).isEqualTo(21109);
  }

  @Test
  void unknownTxHashIsCode21500() {
    PaperHttp.Reply response = http.get("/api/v1/tx?by=hash&value=" + "ab".repeat(40));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getInteger("code")).isEqualTo(21500);
  }

  @Test
  void unknownRouteIsA404WithALighterBody() {
    PaperHttp.Reply response = http.get("/api/v1/noSuchThing");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body().getInteger("code")).isEqualTo(29404);
    assertThat(response.body().getString("message")).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/api/v1/orderBookOrders?market_id=0",
    "/api/v1/orderBookOrders?market_id=0&limit=0",
    "/api/v1/orderBookOrders?market_id=x&limit=5",
    "/api/v1/orderBooks?market_id=abc",
    "/api/v1/orderBooks?filter=nonsense",
    "/api/v1/account?by=name&value=1",
    "/api/v1/account?by=index&value=-1",
    "/api/v1/nextNonce?account_index=7001",
    "/api/v1/apikeys",
    "/api/v1/tx?by=sequence_index&value=abc",
    "/api/v1/tx?by=block&value=1",
    "/api/v1/accountsByL1Address"})
  void badParametersAreA400WithCode20001(String uri) {
    PaperHttp.Reply response = http.get(uri);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getInteger("code")).isEqualTo(20001);
  }

  @Test
  void authenticatedOrdersWithoutATokenAreRefused() {
    PaperHttp.Reply response = http.get("/api/v1/accountActiveOrders?account_index=" + ACCOUNT);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getInteger("code")).isEqualTo(20001);
  }

  @Test
  void authenticatedOrdersAcceptTheTokenAsQueryParameter() {
    JsonObject body = http.get("/api/v1/accountActiveOrders?account_index=" + ACCOUNT + "&auth="
      + trader.authToken()).body();

    assertThat(body.getInteger("code")).isEqualTo(200);
    assertThat(body.getJsonArray("orders")).isEmpty();
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() {
    String forged = AuthToken.create(PaperFixture.OTHER_KEY, ACCOUNT, KEY_INDEX,
      System.currentTimeMillis() / 1000 + 600);

    PaperHttp.Reply response = http.get("/api/v1/accountActiveOrders?account_index=" + ACCOUNT,
      Map.of("Authorization", forged));

    assertThat(response.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(longs = {-10, 9 * 3600})
  void aTokenExpiredOrLivingLongerThanEightHoursIsRefused(long secondsFromNow) {
    String token = AuthToken.create(KEY, ACCOUNT, KEY_INDEX,
      System.currentTimeMillis() / 1000 + secondsFromNow);

    PaperHttp.Reply response = http.get("/api/v1/accountInactiveOrders?account_index=" + ACCOUNT
      + "&limit=10", Map.of("Authorization", token));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void aTokenForAnotherAccountIsRefused() {
    String token = AuthToken.create(KEY, ACCOUNT + 1, KEY_INDEX,
      System.currentTimeMillis() / 1000 + 600);

    PaperHttp.Reply response = http.get("/api/v1/accountOrders?account_index=" + ACCOUNT
      + "&client_order_indexes=1", Map.of("Authorization", token));

    assertThat(response.status()).isEqualTo(400);
  }
}
