package io.copytrader.paper;

import static io.copytrader.lighter.Await.failure;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Fault controls for the doubt a client settles with lookups: lagging and failing lookups, answers lost. */
class PaperLookupFaultsTest {

  private static final long LONG_LAG_MS = 60_000;

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;
  private final PaperTrader trader = paper.trader;

  private SignedTx buy(long nonce, long clientOrderIndex) {
    return trader.sign(trader.market(nonce, clientOrderIndex, "0.1000", "3100.00", false, false));
  }

  private int txStatus(SignedTx tx) {
    return http.get("/api/v1/tx?by=hash&value=" + tx.txHashHex()).status();
  }

  private static MultiMap form(SignedTx signed) {
    return MultiMap.caseInsensitiveMultiMap().add("tx_type", Integer.toString(signed.txType()))
      .add("tx_info", signed.txInfo());
  }

  @Test
  void lookupLagHidesWhatWasAppliedSinceButShowsWhatCameBefore() {
    SignedTx before = buy(0, 1);
    trader.send(before);
    paper.faults(new JsonObject().put("lookup_lag_ms", LONG_LAG_MS));

    SignedTx after = buy(1, 2);
    assertThat(trader.send(after).status()).isEqualTo(200);

    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(trader.ordersByClientIndex(1).body().getJsonArray("orders")).hasSize(1);
    assertThat(trader.ordersByClientIndex(2).body().getJsonArray("orders")).isEmpty();
    assertThat(http.get("/api/v1/tx?by=hash&value=" + before.txHashHex()).body().getInteger("status")).isEqualTo(2);
    assertThat(txStatus(after)).isEqualTo(400);
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.1000");
  }

  @Test
  void clearingTheLookupLagShowsTheAppliedState() {
    paper.faults(new JsonObject().put("lookup_lag_ms", LONG_LAG_MS));
    trader.send(buy(0, 1));

    http.delete("/paper/faults");

    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(trader.order(1).getString("status")).isEqualTo("filled");
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.1000");
  }

  @Test
  void aLaggedTxBecomesVisibleOnceTheLagHasPassed() {
    paper.faults(new JsonObject().put("lookup_lag_ms", 1_500));
    SignedTx tx = buy(0, 1);
    long sent = System.currentTimeMillis();
    trader.send(tx);

    eventually("the order visible", () -> trader.ordersByClientIndex(1).body().getJsonArray("orders").size() == 1);

    assertThat(System.currentTimeMillis() - sent).as("not before the lag had passed").isGreaterThanOrEqualTo(1_500);
    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(txStatus(tx)).isEqualTo(200);
  }

  @Test
  void anOrderCanceledWithinTheLagStillShowsLive() {
    trader.buy(8, "0.1000", "3100.00");
    trader.stopLossLimit(9, "0.1000", "2900.00", "2890.00", true);
    paper.faults(new JsonObject().put("lookup_lag_ms", LONG_LAG_MS));

    trader.cancel(9);

    assertThat(trader.activeOrders().body().getJsonArray("orders")).hasSize(1);
    assertThat(trader.order(9).getString("status")).isEqualTo("pending");
  }

  @Test
  void lookupErrorCountFailsTheNextLookupsButNeitherSendsNorControls() {
    paper.faults(new JsonObject().put("lookup_error_count", 2));

    assertThat(trader.submit(buy(0, 1)).status()).isEqualTo(200);
    assertThat(http.get("/paper/faults").status()).isEqualTo(200);
    PaperHttp.Reply failed = http.get("/api/v1/nextNonce?account_index=" + PaperFixture.ACCOUNT + "&api_key_index="
      + PaperFixture.KEY_INDEX);
    assertThat(failed.status()).isEqualTo(503);
    assertThat(failed.code()).isEqualTo(29500);
    assertThat(http.get("/api/v1/orderBooks").status()).isEqualTo(503);
    assertThat(http.get("/api/v1/orderBooks").status()).isEqualTo(200);
  }

  @Test
  void lookupErrorPathFailsOnlyLookupsOfThatPath() {
    paper.faults(new JsonObject().put("lookup_error_count", 1).put("lookup_error_path", "/api/v1/accountOrders"));

    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.ordersByClientIndex(1).status()).isEqualTo(503);
    assertThat(trader.ordersByClientIndex(1).status()).isEqualTo(200);
  }

  @Test
  void rateLimitWithAnErrorPathLimitsOnlyThatPath() {
    paper.faults(new JsonObject().put("rate_limit_count", 1).put("error_path", "/api/v1/accountOrders"));

    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.ordersByClientIndex(1).status()).isEqualTo(429);
    assertThat(trader.ordersByClientIndex(1).status()).isEqualTo(200);
  }

  @Test
  void lookupFaultsAreDescribedAndCleared() {
    JsonObject set = paper.faults(new JsonObject().put("lookup_lag_ms", 20).put("lookup_error_count", 3)
      .put("lookup_error_path", "/api/v1/tx").put("drop_after_apply_count", 1));

    assertThat(set.getLong("lookup_lag_ms")).isEqualTo(20);
    assertThat(set.getInteger("lookup_error_count")).isEqualTo(3);
    assertThat(set.getString("lookup_error_path")).isEqualTo("/api/v1/tx");
    assertThat(set.getInteger("drop_after_apply_count")).isEqualTo(1);
    JsonObject cleared = http.delete("/paper/faults").body();
    assertThat(cleared.getLong("lookup_lag_ms")).isZero();
    assertThat(cleared.getInteger("lookup_error_count")).isZero();
    assertThat(cleared.getString("lookup_error_path")).isNull();
    assertThat(cleared.getInteger("drop_after_apply_count")).isZero();
  }

  @Test
  void dropAfterApplyLosesTheAnswerOnlyOnceTheTxIsApplied() {
    paper.faults(new JsonObject().put("drop_after_apply_count", 1).put("sequencer_delay_ms", 200));
    SignedTx tx = buy(0, 1);

    assertThat(failure(http.postFormAsync("/api/v1/sendTx", form(tx)))).isNotNull();

    assertThat(trader.nextNonce()).as("applied before the connection closed").isEqualTo(1);
    assertThat(http.get("/api/v1/tx?by=hash&value=" + tx.txHashHex()).body().getInteger("status")).isEqualTo(2);
    assertThat(trader.order(1).getString("status")).isEqualTo("filled");
    assertThat(trader.send(buy(1, 2)).status()).as("only one answer is lost").isEqualTo(200);
  }

  @Test
  void dropResponseLosesTheAnswerWhileTheTxIsStillQueued() {
    paper.faults(new JsonObject().put("drop_response_count", 1).put("sequencer_delay_ms", 60_000));
    SignedTx tx = buy(0, 1);

    assertThat(failure(http.postFormAsync("/api/v1/sendTx", form(tx)))).isNotNull();

    assertThat(trader.nextNonce()).isZero();
    assertThat(http.get("/api/v1/tx?by=hash&value=" + tx.txHashHex()).body().getInteger("status")).isEqualTo(1);
    paper.faults(new JsonObject().put("sequencer_delay_ms", 0));
    eventually("the tx applied", () -> trader.nextNonce() == 1);
  }
}
