package io.copytrader.paper;

import static io.copytrader.lighter.Await.failure;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.OTHER_KEY;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The paper exchange's test controls: injected faults, request counters, accounts and keys, and their absence. */
@ExtendWith(VertxExtension.class)
class PaperFaultsTest {

  private static final String BOOKS = "/api/v1/orderBooks";

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;
  private final PaperTrader trader = paper.trader;

  @Test
  void latencyDelaysEveryExchangeRequest() {
    paper.faults(new JsonObject().put("latency_ms", 300));

    long started = System.nanoTime();
    PaperHttp.Reply reply = http.get(BOOKS);
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(reply.status()).isEqualTo(200);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
  }

  @Test
  void delayedSendIsStillReadAndApplied() {
    paper.faults(new JsonObject().put("latency_ms", 100));

    PaperHttp.Reply reply = trader.buy(1, "0.1000", "3100.00");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.1000");
  }

  @Test
  void errorCountFailsTheNextRequestsWithA503ThenRecovers() {
    paper.faults(new JsonObject().put("error_count", 2));

    for (int i = 0; i < 2; i++) {
      PaperHttp.Reply failed = http.get(BOOKS);
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.code()).isEqualTo(29500);
    }
    assertThat(http.get(BOOKS).status()).isEqualTo(200);
  }

  @Test
  void errorStatusChoosesTheServerError() {
    paper.faults(new JsonObject().put("error_count", 1).put("error_status", 500));

    assertThat(http.get(BOOKS).status()).isEqualTo(500);
  }

  @Test
  void failedSendIsNotApplied() {
    paper.faults(new JsonObject().put("error_count", 1));

    assertThat(trader.send(trader.market(0, 1, "0.1000", "3100.00", false, false)).status()).isEqualTo(503);

    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.account().getJsonArray("positions")).isEmpty();
  }

  @Test
  void errorRateOfOneFailsEveryRequestUntilCleared() {
    paper.faults(new JsonObject().put("error_rate", 1.0));

    assertThat(IntStream.range(0, 5).map(i -> http.get(BOOKS).status())).containsOnly(503);

    assertThat(http.delete("/paper/faults").status()).isEqualTo(200);
    assertThat(http.get(BOOKS).status()).isEqualTo(200);
  }

  @Test
  void errorRateOfZeroFailsNothing() {
    paper.faults(new JsonObject().put("error_rate", 0));

    assertThat(IntStream.range(0, 5).map(i -> http.get(BOOKS).status())).containsOnly(200);
  }

  @Test
  void rateLimitCountAnswers429WithLightersCode() {
    paper.faults(new JsonObject().put("rate_limit_count", 1));

    PaperHttp.Reply limited = http.get(BOOKS);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo(23000);
    assertThat(limited.body().getString("message")).isEqualTo("Too Many Requests!");
    assertThat(http.get(BOOKS).status()).isEqualTo(200);
  }

  @Test
  void droppedResponseClosesTheConnectionButTheTxIsApplied() {
    paper.faults(new JsonObject().put("drop_response_count", 1));
    SignedTx signed = trader.sign(trader.market(0, 1, "0.1000", "3100.00", false, false));

    Throwable dropped = failure(http.postFormAsync("/api/v1/sendTx", MultiMap.caseInsensitiveMultiMap()
      .add("tx_type", Integer.toString(signed.txType())).add("tx_info", signed.txInfo())));

    assertThat(dropped).isNotNull();
    eventually("the tx applied", () -> trader.nextNonce() == 1);
    PaperHttp.Reply tx = http.get("/api/v1/tx?by=hash&value=" + signed.txHashHex());
    assertThat(tx.code()).isEqualTo(200);
    assertThat(tx.body().getInteger("status")).isEqualTo(2);
    assertThat(tx.body().getString("hash")).isEqualTo(signed.txHashHex());
    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.1000");
  }

  @Test
  void droppedResponsesAreOnlySendsAndOnlyAsManyAsAsked() {
    paper.faults(new JsonObject().put("drop_response_count", 1));

    assertThat(http.get(BOOKS).status()).isEqualTo(200);
    assertThat(failure(http.postFormAsync("/api/v1/sendTx", form(trader.sign(
      trader.market(0, 1, "0.1000", "3100.00", false, false)))))).isNotNull();
    http.settle();
    assertThat(trader.buy(2, "0.1000", "3100.00").code()).isEqualTo(200);
  }

  @Test
  void refusedSendIsAnsweredEvenWhenResponsesAreDropped() {
    paper.faults(new JsonObject().put("drop_response_count", 1));

    PaperHttp.Reply refused = trader.signingWith(OTHER_KEY, PaperFixture.CHAIN_ID).buy(1, "0.1000", "3100.00");

    assertThat(refused.code()).isEqualTo(21120);
  }

  @Test
  void invalidNonceCountRefusesCorrectSendsWithoutConsumingTheNonce() {
    paper.faults(new JsonObject().put("invalid_nonce_count", 2));

    for (int i = 0; i < 2; i++) {
      PaperHttp.Reply refused = trader.send(trader.market(0, 1, "0.1000", "3100.00", false, false));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.code()).isEqualTo(21104);
    }

    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.account().getJsonArray("positions")).isEmpty();
    assertThat(trader.send(trader.market(0, 1, "0.1000", "3100.00", false, false)).code()).isEqualTo(200);
  }

  @Test
  void faultsAreDescribedAndCleared() {
    JsonObject set = paper.faults(new JsonObject().put("latency_ms", 5).put("rate_limit_count", 3));

    assertThat(set.getLong("latency_ms")).isEqualTo(5);
    assertThat(set.getInteger("rate_limit_count")).isEqualTo(3);
    assertThat(http.get("/paper/faults").body()).isEqualTo(set);
    JsonObject cleared = http.delete("/paper/faults").body();
    assertThat(cleared.getLong("latency_ms")).isZero();
    assertThat(cleared.getInteger("rate_limit_count")).isZero();
    assertThat(http.get(BOOKS).status()).isEqualTo(200);
  }

  @Test
  void faultsNotNamedStayAsTheyAre() {
    paper.faults(new JsonObject().put("rate_limit_count", 2));

    JsonObject both = paper.faults(new JsonObject().put("error_count", 1));

    assertThat(both.getInteger("rate_limit_count")).isEqualTo(2);
    assertThat(both.getInteger("error_count")).isEqualTo(1);
  }

  @Test
  void requestsAreCountedPerPathAndReset() {
    http.get(BOOKS);
    http.get(BOOKS);
    trader.nextNonce();
    http.get("/paper/faults");

    JsonObject counts = http.get("/paper/requests").body();

    assertThat(counts.getLong(BOOKS)).isEqualTo(2);
    assertThat(counts.getLong("/api/v1/nextNonce")).isEqualTo(1);
    assertThat(counts.fieldNames()).noneMatch(path -> path.startsWith("/paper"));
    assertThat(http.delete("/paper/requests").status()).isEqualTo(200);
    assertThat(http.get("/paper/requests").body()).isEmpty();
  }

  @Test
  void failedAndLimitedRequestsAreCountedToo() {
    paper.faults(new JsonObject().put("error_count", 1).put("rate_limit_count", 1));

    http.get(BOOKS);
    http.get(BOOKS);

    assertThat(http.get("/paper/requests").body().getLong(BOOKS)).isEqualTo(2);
  }

  @Test
  void addedAccountWithAKeyCanTrade() {
    PaperHttp.Reply added = http.postJson("/paper/accounts", new JsonObject().put("account_index", 77)
      .put("l1_address", "0x00000000000000000000000000000000000000b7").put("collateral", "5000")
      .put("api_keys", new JsonObject().put(Integer.toString(KEY_INDEX), KEY.publicKeyHex())));

    assertThat(added.status()).isEqualTo(200);
    PaperTrader newcomer = paper.trader(77);
    assertThat(newcomer.account().getString("collateral")).isEqualTo("5000.000000");
    assertThat(newcomer.buy(1, "0.1000", "3100.00").code()).isEqualTo(200);
  }

  @Test
  void registeredApiKeyCanSignForTheAccount() {
    PaperHttp.Reply registered = http.postJson("/paper/accounts/" + PaperFixture.ACCOUNT + "/apikeys",
      new JsonObject().put("api_key_index", 9).put("public_key", OTHER_KEY.publicKeyHex()));

    assertThat(registered.status()).isEqualTo(200);
    PaperTrader second = new PaperTrader(http, OTHER_KEY, PaperFixture.ACCOUNT, 9, PaperFixture.CHAIN_ID);
    assertThat(second.nextNonce()).isZero();
    assertThat(second.buy(1, "0.1000", "3100.00").code()).isEqualTo(200);
    assertThat(trader.nextNonce()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"price\":\"abc\"}", "{\"price\":\"-1\"}", "{\"price\":\"0\"}", "{}", "[1]", "nonsense"})
  void badPriceMoveIsRefusedWithoutChangingTheMarket(String body) {
    PaperHttp.Reply reply = http.postRaw("/paper/markets/0/price", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(http.get("/api/v1/orderBookDetails?market_id=0").body().getJsonArray("order_book_details")
      .getJsonObject(0).getDouble("last_trade_price")).isEqualTo(3000.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/paper/markets/77/price", "/paper/markets/eth/price"})
  void priceMoveOfAnUnknownMarketIsRefused(String path) {
    assertThat(http.postJson(path, new JsonObject().put("price", "10")).status()).isEqualTo(400);
  }

  @Test
  void priceMoveRedrawsTheBookAroundTheNewMid() {
    JsonObject moved = paper.setMid(ETH, "3100.005");

    assertThat(moved.getString("mid")).isEqualTo("3100.00");
    JsonObject book = http.get("/api/v1/orderBookOrders?market_id=0&limit=1").body();
    assertThat(book.getJsonArray("asks").getJsonObject(0).getString("price")).isEqualTo("3100.31");
    assertThat(book.getJsonArray("bids").getJsonObject(0).getString("price")).isEqualTo("3099.69");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/paper/faults", "/paper/requests", "/paper/markets/0/price", "/paper/accounts"})
  void controlsAreAbsentWhenDisabled(String path, Vertx vertx) {
    try (PaperFixture closed = PaperFixture.start(vertx, PaperFixture.config().withControls(false))) {
      PaperHttp.Reply post = closed.http.postJson(path, new JsonObject().put("price", "1").put("error_count", 5));
      PaperHttp.Reply get = closed.http.get(path);

      assertThat(post.status()).isEqualTo(404);
      assertThat(post.code()).isEqualTo(29404);
      assertThat(get.status()).isEqualTo(404);
      assertThat(closed.http.get(BOOKS).status()).isEqualTo(200);
    }
  }

  private static MultiMap form(SignedTx signed) {
    return MultiMap.caseInsensitiveMultiMap().add("tx_type", Integer.toString(signed.txType()))
      .add("tx_info", signed.txInfo());
  }
}
