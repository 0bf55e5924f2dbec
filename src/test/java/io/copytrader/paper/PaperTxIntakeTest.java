package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.CHAIN_ID;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.INACTIVE;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.paper.PaperFixture.OTHER_KEY;
import static io.copytrader.paper.PaperTrader.expiredAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** sendTx / sendTxBatch intake: forms, signature, chain id, nonce, expiry, order rules, and tx lookup. */
class PaperTxIntakeTest {

  private static final long ONE_ETH = 10_000;
  private static final long WORST_BUY = 310_000;

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;
  private final PaperTrader trader = paper.trader;

  private SignedTx buy(long nonce) {
    return trader.sign(trader.market(trader.newClientOrderIndex(), ETH, ONE_ETH, WORST_BUY, false, false, nonce));
  }

  private static int code(PaperHttp.Reply response) {
    return response.body().getInteger("code");
  }

  @Test
  void anAcceptedTxAnswersLighterSendTxShapeWithTheSignersHash() {
    SignedTx tx = buy(0);

    PaperHttp.Reply response = trader.send(tx);

    assertThat(response.status()).isEqualTo(200);
    JsonObject body = response.body();
    assertThat(body.getInteger("code")).isEqualTo(200);
    assertThat(body.getString("message")).isEqualTo("{\"ratelimit\": \"didn't use volume quota\"}");
    assertThat(body.getString("tx_hash")).isEqualTo(tx.txHashHex()).matches("[0-9a-f]{80}");
    assertThat(body.getLong("predicted_execution_time_ms")).isCloseTo(System.currentTimeMillis(), within(60_000L));
  }

  @Test
  void multipartFormsAreAcceptedLikeUrlencodedOnes() {
    PaperHttp.Reply response = trader.sendMultipart(buy(0));

    assertThat(response.status()).isEqualTo(200);
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void anAcceptedTxIsRetrievableByHashAsExecuted() {
    SignedTx tx = buy(0);
    trader.send(tx);

    JsonObject stored = http.get("/api/v1/tx?by=hash&value=" + tx.txHashHex()).body();

    assertThat(stored.getInteger("code")).isEqualTo(200);
    assertThat(stored.getString("hash")).isEqualTo(tx.txHashHex());
    assertThat(stored.getValue("type")).isEqualTo(CreateOrderTx.TX_TYPE);
    assertThat(stored.getValue("status")).isEqualTo(2);
    assertThat(stored.getString("info")).isEqualTo(tx.txInfo());
    assertThat(stored.getLong("account_index")).isEqualTo(ACCOUNT);
    assertThat(stored.getValue("nonce")).isEqualTo(0);
    JsonObject event = new JsonObject(stored.getString("event_info"));
    assertThat(event.getString("st")).isEqualTo("filled");
    assertThat(event.getString("ae")).isEmpty();
  }

  @Test
  void aTxSignedWithAnotherKeyIsAnInvalidSignature() {
    SignedTx forged = trader.signingWith(OTHER_KEY, CHAIN_ID).sign(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1,
      ONE_ETH, WORST_BUY, 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), 0,
      TxAttributes.none()));

    PaperHttp.Reply response = trader.send(forged);

    assertThat(response.status()).isEqualTo(400);
    assertThat(code(response)).isEqualTo(21120);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void aKeyReplacedAtItsIndexNoLongerSigns() {
    assertThat(trader.trade(ETH, ONE_ETH, WORST_BUY, false, false).status()).isEqualTo(200);
    paper.control("/paper/accounts/" + ACCOUNT + "/apikeys",
      new JsonObject().put("api_key_index", KEY_INDEX).put("public_key", OTHER_KEY.publicKeyHex()));

    PaperHttp.Reply byOldKey = trader.trade(ETH, ONE_ETH, WORST_BUY, false, false);
    SignedTx byNewKey = trader.signingWith(OTHER_KEY, CHAIN_ID).sign(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH,
      trader.newClientOrderIndex(), ONE_ETH, WORST_BUY, 0, CreateOrderTx.TYPE_MARKET,
      CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), trader.nextNonce(), TxAttributes.none()));

    assertThat(code(byOldKey)).isEqualTo(21120);
    assertThat(trader.send(byNewKey).status()).isEqualTo(200);
  }

  @Test
  void aTxSignedForAnotherChainIsAnInvalidSignature() {
    SignedTx testnet = new TxSigner(TxSigner.TESTNET_CHAIN_ID).sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1,
      ONE_ETH, WORST_BUY, 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), 0,
      TxAttributes.none()));

    assertThat(code(trader.send(testnet))).isEqualTo(21120);
  }

  @Test
  void aTxOfAnUnknownAccountIsCode21100() {
    SignedTx tx = trader.sign(new CreateOrderTx(ACCOUNT + 1, KEY_INDEX, ETH, 1, ONE_ETH, WORST_BUY, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), 0, TxAttributes.none()));

    assertThat(code(trader.send(tx))).isEqualTo(21100);
  }

  @Test
  void aTxOfAnUnregisteredKeyIsCode21109() {
    SignedTx tx = trader.sign(new CreateOrderTx(ACCOUNT, KEY_INDEX + 1, ETH, 1, ONE_ETH, WORST_BUY, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), 0, TxAttributes.none()));

    assertThat(code(trader.send(tx))).isEqualTo(21109);
  }

  @Test
  void aWrongNonceIsRefusedWithoutConsumingItAndTheRightOneThenSucceeds() {
    PaperHttp.Reply wrong = trader.send(buy(5));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body().getMap()).isEqualTo(Map.of("code", 21104, "message", "invalid nonce"));
    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.send(buy(0)).status()).isEqualTo(200);
    assertThat(trader.nextNonce()).isEqualTo(1);
  }

  @Test
  void aReplayedTxIsAnInvalidNonce() {
    SignedTx tx = buy(0);
    trader.send(tx);

    assertThat(code(trader.send(tx))).isEqualTo(21104);
  }

  @Test
  void aTxWhoseExpiredAtHasPassedIsRefused() {
    SignedTx stale = trader.sign(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1, ONE_ETH, WORST_BUY, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, System.currentTimeMillis() - 1000, 0,
      TxAttributes.none()));

    PaperHttp.Reply response = trader.send(stale);

    assertThat(response.status()).isEqualTo(400);
    assertThat(code(response)).isEqualTo(21501);
    assertThat(trader.nextNonce()).isZero();
  }

  static Stream<Arguments> orderRuleViolations() {
    long expiry = PaperTrader.stopLossExpiry();
    return Stream.of(
      Arguments.of("base amount 0 without reduce-only", 0L, WORST_BUY, CreateOrderTx.TYPE_MARKET, 0, 0L, 0L, 21701),
      Arguments.of("price 0", ONE_ETH, 0L, CreateOrderTx.TYPE_MARKET, 0, 0L, 0L, 21702),
      Arguments.of("market order with an expiry", ONE_ETH, WORST_BUY, CreateOrderTx.TYPE_MARKET, 0, 0L, expiry, 21711),
      Arguments.of("market order good-till-time", ONE_ETH, WORST_BUY, CreateOrderTx.TYPE_MARKET, 1, 0L, 0L, 21705),
      Arguments.of("market order with a trigger", ONE_ETH, WORST_BUY, CreateOrderTx.TYPE_MARKET, 0, 300_000L, 0L,
        21729),
      Arguments.of("stop-loss without trigger", ONE_ETH, WORST_BUY, CreateOrderTx.TYPE_STOP_LOSS, 0, 0L, expiry, 21729),
      Arguments.of("unknown order type", ONE_ETH, WORST_BUY, 9, 0, 0L, 0L, 21704));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orderRuleViolations")
  void orderRuleViolationsAreTheirOwn217xxCode(String rule, long base, long price, int type, int timeInForce,
                                                long trigger, long expiry, int expectedCode) {
    SignedTx tx = trader.signUnchecked(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1, base, price, 0, type, timeInForce,
      0, trigger, expiry, expiredAt(), 0, TxAttributes.none()));

    PaperHttp.Reply response = trader.send(tx);

    assertThat(response.status()).isEqualTo(400);
    assertThat(code(response)).isEqualTo(expectedCode);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void anOrderBelowTheMarketMinimumIsCode21603() {
    assertThat(code(trader.send(trader.market(1, ETH, 40, WORST_BUY, false, false, 0)))).isEqualTo(21603);
  }

  @Test
  void anOrderOnAnInactiveMarketIsCode21709() {
    assertThat(code(trader.send(trader.market(1, INACTIVE, 10_000, 20_000, false, false, 0)))).isEqualTo(21709);
  }

  @Test
  void aMarketOrderNeedingMoreMarginThanAvailableIsAcceptedAndCanceledBySequencer() {
    SignedTx tooLarge = trader.sign(trader.market(1, ETH, 70 * ONE_ETH, WORST_BUY, false, false, 0));

    PaperHttp.Reply response = trader.send(tooLarge);

    assertThat(response.status()).isEqualTo(200);
    assertThat(trader.nextNonce()).isEqualTo(1);
    JsonObject event = new JsonObject(http.get("/api/v1/tx?by=hash&value=" + tooLarge.txHashHex()).body()
      .getString("event_info"));
    assertThat(event.getString("st")).isEqualTo("canceled-margin-not-allowed");
    assertThat(event.getLong("fs")).isZero();
  }

  @Test
  void aRestingLimitOrderNeedingMoreMarginThanAvailableIsCode21739() {
    SignedTx tooLarge = trader.sign(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1, 70 * ONE_ETH, 290_000, 0,
      CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, PaperTrader.stopLossExpiry(), expiredAt(), 0,
      TxAttributes.none()));

    PaperHttp.Reply response = trader.send(tooLarge);

    assertThat(code(response)).isEqualTo(21739);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void aSecondLiveOrderWithTheSameClientOrderIndexIsCode21728() {
    trader.trade(ETH, ONE_ETH, WORST_BUY, false, false);
    assertThat(trader.send(trader.stopLossLimit(77, ETH, ONE_ETH, 290_000, 285_000, true, 1)).status())
      .isEqualTo(200);

    PaperHttp.Reply duplicate = trader.send(trader.stopLossLimit(77, ETH, ONE_ETH, 280_000, 275_000, true, 2));

    assertThat(code(duplicate)).isEqualTo(21728);
    assertThat(trader.nextNonce()).isEqualTo(2);
  }

  @Test
  void aJsonBodyInsteadOfAFormIsCode20001() {
    PaperHttp.Reply response = http.postJson("/api/v1/sendTx",
      new JsonObject().put("tx_type", 14).put("tx_info", buy(0).txInfo()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(code(response)).isEqualTo(20001);
  }

  @Test
  void unreadableTxInfoIsCode21501() {
    PaperHttp.Reply response = http.postForm("/api/v1/sendTx",
      MultiMap.caseInsensitiveMultiMap().add("tx_type", "14").add("tx_info", "{\"AccountIndex\":\"x\"}"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(code(response)).isEqualTo(21501);
  }

  @Test
  void anUnsupportedTxTypeIsCode21505() {
    PaperHttp.Reply response = http.postForm("/api/v1/sendTx",
      MultiMap.caseInsensitiveMultiMap().add("tx_type", "29").add("tx_info", buy(0).txInfo()));

    assertThat(code(response)).isEqualTo(21505);
  }

  @Test
  void aBatchAppliesEveryTxAndAnswersOneHashEach() {
    SignedTx first = buy(0);
    SignedTx second = buy(1);

    PaperHttp.Reply response = trader.sendBatch(List.of(first, second));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().getJsonArray("tx_hash").getList())
      .containsExactly(first.txHashHex(), second.txHashHex());
    assertThat(trader.nextNonce()).isEqualTo(2);
    assertThat(trader.position(ETH).getString("position")).isEqualTo("2.0000");
  }

  @Test
  void aBatchWithNonIncreasingNoncesIsCode21105AndAppliesNothing() {
    PaperHttp.Reply response = trader.sendBatch(List.of(buy(0), buy(0)));

    assertThat(code(response)).isEqualTo(21105);
    assertThat(trader.nextNonce()).isZero();
  }

  @Test
  void aBatchMixingKeysIsCode21121() {
    SignedTx otherKey = trader.sign(new CreateOrderTx(ACCOUNT, KEY_INDEX + 1, ETH, 9, ONE_ETH, WORST_BUY, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), 1, TxAttributes.none()));

    assertThat(code(trader.sendBatch(List.of(buy(0), otherKey)))).isEqualTo(21121);
  }

  @Test
  void aMalformedBatchIsA400NotAServerError() {
    PaperHttp.Reply response = http.postForm("/api/v1/sendTxBatch",
      MultiMap.caseInsensitiveMultiMap().add("tx_types", "[\"x\"]").add("tx_infos", "[1]"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(code(response)).isEqualTo(20001);
  }

  @Test
  void aBatchWithMismatchedLengthsIsCode21513() {
    PaperHttp.Reply response = http.postForm("/api/v1/sendTxBatch",
      MultiMap.caseInsensitiveMultiMap().add("tx_types", "[14,14]").add("tx_infos", "[\"{}\"]"));

    assertThat(code(response)).isEqualTo(21513);
  }

  @Test
  void skipNonceTxsNeitherCheckNorConsumeTheNonce() {
    SignedTx tx = trader.sign(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1, ONE_ETH, WORST_BUY, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), 42,
      TxAttributes.skipNonce()));

    assertThat(trader.send(tx).status()).isEqualTo(200);
    assertThat(trader.nextNonce()).isZero();
  }
}
