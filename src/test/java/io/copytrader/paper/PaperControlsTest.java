package io.copytrader.paper;

import static io.copytrader.paper.PaperHarness.ETH;
import static io.copytrader.paper.PaperHarness.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The /paper test controls: prices, accounts, keys, each fault, request counters, and their absence. */
@ExtendWith(VertxExtension.class)
class PaperControlsTest {

  private static final long ONE_ETH = 10_000;

  private PaperHarness paper;

  @BeforeEach
  void start(Vertx vertx) {
    paper = PaperHarness.start(vertx);
  }

  private void faults(JsonObject faults) {
    paper.control("/paper/faults", faults);
  }

  private HttpResponse<Buffer> postControl(String path, JsonObject body) {
    return PaperHarness.await(paper.web.post(path).sendJsonObject(body));
  }

  @Test
  void settingTheMidMovesTheBook() {
    paper.setMid(ETH, "3500.00");

    JsonObject book = paper.getJson("/api/v1/orderBookOrders?market_id=0&limit=1");
    assertThat(book.getJsonArray("asks").getJsonObject(0).getString("price")).isEqualTo("3500.35");
    assertThat(book.getJsonArray("bids").getJsonObject(0).getString("price")).isEqualTo("3499.65");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/paper/markets/99/price", "/paper/markets/x/price"})
  void aPriceForAnUnknownMarketIsA400(String path) {
    HttpResponse<Buffer> response = postControl(path, new JsonObject().put("price", "1.00"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(20001);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "abc"})
  void aNonPositiveOrUnreadablePriceIsA400(String price) {
    assertThat(postControl("/paper/markets/0/price", new JsonObject().put("price", price)).statusCode())
      .isEqualTo(400);
  }

  @Test
  void anAddedAccountCanTradeWithItsKey() {
    paper.control("/paper/accounts", new JsonObject().put("account_index", 8000).put("l1_address", "0xabc")
      .put("collateral", "500").put("api_keys", new JsonObject().put("0", OTHER_KEY.publicKeyHex())));

    JsonObject account = paper.getJson("/api/v1/account?by=index&value=8000").getJsonArray("accounts")
      .getJsonObject(0);
    assertThat(account.getString("collateral")).isEqualTo("500.000000");
    SignedTx tx = paper.sign(OTHER_KEY, new CreateOrderTx(8000, 0, ETH, 1, 100, 310_000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, PaperHarness.expiredAt(), 0,
      TxAttributes.none()));
    assertThat(paper.sendTx(tx).statusCode()).isEqualTo(200);
  }

  @Test
  void anAddedKeyIsListedWithNonceZero() {
    paper.control("/paper/accounts/" + PaperHarness.ACCOUNT + "/apikeys",
      new JsonObject().put("api_key_index", 9).put("public_key", "0x" + OTHER_KEY.publicKeyHex()));

    JsonObject key = paper.getJson("/api/v1/apikeys?account_index=" + PaperHarness.ACCOUNT + "&api_key_index=9")
      .getJsonArray("api_keys").getJsonObject(0);
    assertThat(key.getString("public_key")).isEqualTo(OTHER_KEY.publicKeyHex());
    assertThat(key.getValue("nonce")).isEqualTo(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcd", "zz"})
  void aMalformedPublicKeyIsA400(String publicKey) {
    HttpResponse<Buffer> response = postControl("/paper/accounts/" + PaperHarness.ACCOUNT + "/apikeys",
      new JsonObject().put("api_key_index", 9).put("public_key", publicKey));

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void latencyDelaysEveryExchangeRequestIncludingSends() {
    faults(new JsonObject().put("latency_ms", 150));

    long start = System.nanoTime();
    HttpResponse<Buffer> response = paper.trade(ETH, ONE_ETH, 310_000, false, false);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
  }

  @Test
  void errorCountFailsTheNextRequestsWithTheChosenStatus() {
    faults(new JsonObject().put("error_count", 2).put("error_status", 502));

    HttpResponse<Buffer> first = paper.get("/");
    HttpResponse<Buffer> second = paper.get("/api/v1/orderBooks");
    HttpResponse<Buffer> third = paper.get("/");

    assertThat(first.statusCode()).isEqualTo(502);
    assertThat(first.bodyAsJsonObject().getInteger("code")).isEqualTo(29500);
    assertThat(second.statusCode()).isEqualTo(502);
    assertThat(third.statusCode()).isEqualTo(200);
  }

  @Test
  void anErrorRateOfOneFailsEveryRequest() {
    faults(new JsonObject().put("error_rate", 1.0));

    assertThat(paper.get("/").statusCode()).isEqualTo(503);
    assertThat(paper.get("/").statusCode()).isEqualTo(503);
  }

  @Test
  void rateLimitAnswersLighters429Body() {
    faults(new JsonObject().put("rate_limit_count", 1));

    HttpResponse<Buffer> limited = paper.get("/api/v1/orderBooks");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.bodyAsJsonObject().getMap()).isEqualTo(Map.of("code", 23000, "message", "Too Many Requests!"));
    assertThat(paper.get("/api/v1/orderBooks").statusCode()).isEqualTo(200);
  }

  @Test
  void aDroppedResponseStillAppliesTheTx() {
    faults(new JsonObject().put("drop_response_count", 1));
    SignedTx tx = paper.market(1, ETH, ONE_ETH, 310_000, false, false, 0);

    ExecutionException dropped = assertThrows(ExecutionException.class,
      () -> paper.web.post("/api/v1/sendTx").sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("tx_type", "14").add("tx_info", tx.txInfo())).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS));

    assertThat(dropped.getCause()).isNotNull();
    paper.settle();
    assertThat(paper.nextNonce()).isEqualTo(1);
    assertThat(paper.position(ETH).getString("position")).isEqualTo("1.0000");
    assertThat(paper.getJson("/api/v1/tx?by=hash&value=" + tx.txHashHex()).getInteger("status")).isEqualTo(2);
  }

  @Test
  void aForcedInvalidNonceChangesNothingAndTheNextSendSucceeds() {
    faults(new JsonObject().put("invalid_nonce_count", 1));
    SignedTx tx = paper.market(1, ETH, ONE_ETH, 310_000, false, false, 0);

    HttpResponse<Buffer> refused = paper.sendTx(tx);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(21104);
    assertThat(paper.nextNonce()).isZero();
    assertThat(paper.sendTx(tx).statusCode()).isEqualTo(200);
  }

  @Test
  void aForcedInvalidNonceAlsoRefusesABatch() {
    faults(new JsonObject().put("invalid_nonce_count", 1));

    HttpResponse<Buffer> refused = paper.sendTxBatch(List.of(
      paper.market(1, ETH, ONE_ETH, 310_000, false, false, 0)));

    assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(21104);
    assertThat(paper.nextNonce()).isZero();
  }

  @Test
  void clearingFaultsRestoresNormalService() {
    faults(new JsonObject().put("error_count", 5).put("latency_ms", 1000).put("rate_limit_count", 3));

    JsonObject cleared = PaperHarness.await(paper.web.delete("/paper/faults").send()).bodyAsJsonObject();

    assertThat(cleared.getInteger("error_count")).isZero();
    assertThat(cleared.getLong("latency_ms")).isZero();
    assertThat(paper.get("/").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"error_count\":-1}", "{\"error_rate\":1.5}", "{\"error_status\":404}",
    "{\"latency_ms\":\"slow\"}", "not json"})
  void invalidFaultsAreA400AndChangeNothing(String body) {
    HttpResponse<Buffer> response = PaperHarness.await(paper.web.post("/paper/faults")
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject faults = paper.getJson("/paper/faults");
    assertThat(faults.getInteger("error_count")).isZero();
    assertThat(faults.getDouble("error_rate")).isZero();
    assertThat(faults.getInteger("error_status")).isEqualTo(503);
  }

  @Test
  void requestsAreCountedPerPathAndTheCountsReset() {
    paper.get("/");
    paper.get("/");
    paper.nextNonce();

    JsonObject counts = paper.getJson("/paper/requests");
    PaperHarness.await(paper.web.delete("/paper/requests").send());

    assertThat(counts.getMap()).isEqualTo(Map.of("/", 2, "/api/v1/nextNonce", 1));
    assertThat(paper.getJson("/paper/requests").getMap()).isEmpty();
  }

  @Test
  void controlsAreAbsentWhenDisabled(Vertx vertx) {
    PaperHarness live = PaperHarness.start(vertx, PaperHarness.config().withControls(false));

    HttpResponse<Buffer> faults = PaperHarness.await(live.web.post("/paper/faults")
      .sendJsonObject(new JsonObject().put("error_count", 1)));
    HttpResponse<Buffer> price = PaperHarness.await(live.web.post("/paper/markets/0/price")
      .sendJsonObject(new JsonObject().put("price", "1.00")));

    assertThat(faults.statusCode()).isEqualTo(404);
    assertThat(price.statusCode()).isEqualTo(404);
    assertThat(live.get("/paper/requests").statusCode()).isEqualTo(404);
    assertThat(live.get("/").statusCode()).isEqualTo(200);
  }
}
