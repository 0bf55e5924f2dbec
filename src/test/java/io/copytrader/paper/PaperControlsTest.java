package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.CHAIN_ID;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;


import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The /paper test controls: prices, accounts, keys, each fault, request counters, and their absence. */
@ExtendWith(VertxExtension.class)
class PaperControlsTest {

  private static final long ONE_ETH = 10_000;

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;
  private final PaperTrader trader = paper.trader;

  private void faults(JsonObject faults) {
    paper.control("/paper/faults", faults);
  }

  private PaperHttp.Reply postControl(String path, JsonObject body) {
    return http.postJson(path, body);
  }

  @Test
  void settingTheMidMovesTheBook() {
    paper.setMid(ETH, "3500.00");

    JsonObject book = http.get("/api/v1/orderBookOrders?market_id=0&limit=1").body();
    assertThat(book.getJsonArray("asks").getJsonObject(0).getString("price")).isEqualTo("3500.35");
    assertThat(book.getJsonArray("bids").getJsonObject(0).getString("price")).isEqualTo("3499.65");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/paper/markets/99/price", "/paper/markets/x/price"})
  void aPriceForAnUnknownMarketIsA400(String path) {
    PaperHttp.Reply response = postControl(path, new JsonObject().put("price", "1.00"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().getInteger("code")).isEqualTo(20001);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "abc"})
  void aNonPositiveOrUnreadablePriceIsA400(String price) {
    assertThat(postControl("/paper/markets/0/price", new JsonObject().put("price", price)).status())
      .isEqualTo(400);
  }

  @Test
  void anAddedAccountCanTradeWithItsKey() {
    paper.control("/paper/accounts", new JsonObject().put("account_index", 8000).put("l1_address", "0xabc")
      .put("collateral", "500").put("api_keys", new JsonObject().put("0", OTHER_KEY.publicKeyHex())));

    JsonObject account = http.get("/api/v1/account?by=index&value=8000").body().getJsonArray("accounts")
      .getJsonObject(0);
    assertThat(account.getString("collateral")).isEqualTo("500.000000");
    SignedTx tx = trader.signingWith(OTHER_KEY, CHAIN_ID).sign(new CreateOrderTx(8000, 0, ETH, 1, 100, 310_000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, PaperTrader.expiredAt(), 0,
      TxAttributes.none()));
    assertThat(trader.send(tx).status()).isEqualTo(200);
  }

  @Test
  void anAddedKeyIsListedWithNonceZero() {
    paper.control("/paper/accounts/" + PaperFixture.ACCOUNT + "/apikeys",
      new JsonObject().put("api_key_index", 9).put("public_key", "0x" + OTHER_KEY.publicKeyHex()));

    JsonObject key = http.get("/api/v1/apikeys?account_index=" + PaperFixture.ACCOUNT + "&api_key_index=9").body()
      .getJsonArray("api_keys").getJsonObject(0);
    assertThat(key.getString("public_key")).isEqualTo(OTHER_KEY.publicKeyHex());
    assertThat(key.getValue("nonce")).isEqualTo(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcd", "zz"})
  void aMalformedPublicKeyIsA400(String publicKey) {
    PaperHttp.Reply response = postControl("/paper/accounts/" + PaperFixture.ACCOUNT + "/apikeys",
      new JsonObject().put("api_key_index", 9).put("public_key", publicKey));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void latencyDelaysEveryExchangeRequestIncludingSends() {
    faults(new JsonObject().put("latency_ms", 150));

    long start = System.nanoTime();
    PaperHttp.Reply response = trader.trade(ETH, ONE_ETH, 310_000, false, false);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.status()).isEqualTo(200);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
  }

  @Test
  void errorCountFailsTheNextRequestsWithTheChosenStatus() {
    faults(new JsonObject().put("error_count", 2).put("error_status", 502));

    PaperHttp.Reply first = http.get("/");
    PaperHttp.Reply second = http.get("/api/v1/orderBooks");
    PaperHttp.Reply third = http.get("/");

    assertThat(first.status()).isEqualTo(502);
    assertThat(first.body().getInteger("code")).isEqualTo(29500);
    assertThat(second.status()).isEqualTo(502);
    assertThat(third.status()).isEqualTo(200);
  }

  @Test
  void anErrorRateOfOneFailsEveryRequest() {
    faults(new JsonObject().put("error_rate", 1.0));

    assertThat(http.get("/").status()).isEqualTo(503);
    assertThat(http.get("/").status()).isEqualTo(503);
  }

  @Test
  void rateLimitAnswersLighters429Body() {
    faults(new JsonObject().put("rate_limit_count", 1));

    PaperHttp.Reply limited = http.get("/api/v1/orderBooks");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body().getMap()).isEqualTo(Map.of("code", 23000, "message", "Too Many Requests!"));
    assertThat(http.get("/api/v1/orderBooks").status()).isEqualTo(200);
  }

  @Test
  void aDroppedResponseStillAppliesTheTx() {
    faults(new JsonObject().put("drop_response_count", 1));
    SignedTx tx = trader.sign(trader.market(1, ETH, ONE_ETH, 310_000, false, false, 0));

    ExecutionException dropped = assertThrows(ExecutionException.class,
      () -> http.postFormAsync("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
        .add("tx_type", "14").add("tx_info", tx.txInfo())).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS));

    assertThat(dropped.getCause()).isNotNull();
    paper.settle();
    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(trader.position(ETH).getString("position")).isEqualTo("1.0000");
    assertThat(http.get("/api/v1/tx?by=hash&value=" + tx.txHashHex()).body().getInteger("status")).isEqualTo(2);
  }

  @Test
  void aForcedInvalidNonceChangesNothingAndTheNextSendSucceeds() {
    faults(new JsonObject().put("invalid_nonce_count", 1));
    SignedTx tx = trader.sign(trader.market(1, ETH, ONE_ETH, 310_000, false, false, 0));

    PaperHttp.Reply refused = trader.send(tx);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().getInteger("code")).isEqualTo(21104);
    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.send(tx).status()).isEqualTo(200);
  }

  @Test
  void aForcedInvalidNonceAlsoRefusesABatch() {
    faults(new JsonObject().put("invalid_nonce_count", 1));

    PaperHttp.Reply refused = trader.sendBatch(List.of(
      trader.sign(trader.market(1, ETH, ONE_ETH, 310_000, false, false, 0))));

    assertThat(refused.body().getInteger("code")).isEqualTo(21104);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void clearingFaultsRestoresNormalService() {
    faults(new JsonObject().put("error_count", 5).put("latency_ms", 1000).put("rate_limit_count", 3));

    JsonObject cleared = http.delete("/paper/faults").body();

    assertThat(cleared.getInteger("error_count")).isZero();
    assertThat(cleared.getLong("latency_ms")).isZero();
    assertThat(http.get("/").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"error_count\":-1}", "{\"error_rate\":1.5}", "{\"error_status\":404}",
    "{\"latency_ms\":\"slow\"}", "not json"})
  void invalidFaultsAreA400AndChangeNothing(String body) {
    PaperHttp.Reply response = http.postRaw("/paper/faults", body);

    assertThat(response.status()).isEqualTo(400);
    JsonObject faults = http.get("/paper/faults").body();
    assertThat(faults.getInteger("error_count")).isZero();
    assertThat(faults.getDouble("error_rate")).isZero();
    assertThat(faults.getInteger("error_status")).isEqualTo(503);
  }

  @Test
  void requestsAreCountedPerPathAndTheCountsReset() {
    http.get("/");
    http.get("/");
    trader.nextNonce();

    JsonObject counts = http.get("/paper/requests").body();
    http.delete("/paper/requests");

    assertThat(counts.getMap()).isEqualTo(Map.of("/", 2, "/api/v1/nextNonce", 1));
    assertThat(http.get("/paper/requests").body().getMap()).isEmpty();
  }

  @Test
  void controlsAreAbsentWhenDisabled(Vertx vertx) {
    PaperFixture live = PaperFixture.start(vertx, PaperFixture.config().withControls(false));

    PaperHttp.Reply faults = live.http.postJson("/paper/faults", new JsonObject().put("error_count", 1));
    PaperHttp.Reply price = live.http.postJson("/paper/markets/0/price", new JsonObject().put("price", "1.00"));

    assertThat(faults.status()).isEqualTo(404);
    assertThat(price.status()).isEqualTo(404);
    assertThat(live.http.get("/paper/requests").status()).isEqualTo(404);
    assertThat(live.http.get("/").status()).isEqualTo(200);
  }
}
