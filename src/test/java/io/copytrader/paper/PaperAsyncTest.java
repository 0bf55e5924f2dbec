package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The sequencer seen over HTTP: sendTx answers before the transaction is applied, lookups show it only once applied.
 * A long {@code sequencer_delay_ms} holds transactions in the queue for as long as a test looks; setting it to 0
 * releases them.
 */
class PaperAsyncTest {

  private static final long HOLD_MS = 60_000;

  @AutoClose
  private final PaperFixture paper = PaperFixture.standalone();
  private final PaperHttp http = paper.http;
  private final PaperTrader trader = paper.trader;

  private JsonObject sequencerDelay(long delayMs) {
    return paper.faults(new JsonObject().put("sequencer_delay_ms", delayMs));
  }

  private SignedTx buy(long nonce, long clientOrderIndex) {
    return trader.sign(trader.market(nonce, clientOrderIndex, "0.1000", "3100.00", false, false));
  }

  private PaperHttp.Reply txByHash(SignedTx tx) {
    return http.get("/api/v1/tx?by=hash&value=" + tx.txHashHex());
  }

  @Test
  void anAcceptedTxShowsInNoLookupUntilTheSequencerAppliesIt() {
    sequencerDelay(HOLD_MS);

    assertThat(trader.submit(buy(0, 1)).status()).isEqualTo(200);

    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.ordersByClientIndex(1).body().getJsonArray("orders")).isEmpty();
    assertThat(trader.account().getJsonArray("positions")).isEmpty();
    sequencerDelay(0);
    eventually("the order filled", () -> trader.ordersByClientIndex(1).body().getJsonArray("orders").size() == 1);
    assertThat(trader.order(1).getString("status")).isEqualTo("filled");
    assertThat(trader.nextNonce()).isEqualTo(1);
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.1000");
  }

  @Test
  void aRestingOrderIsNotActiveUntilApplied() {
    sequencerDelay(HOLD_MS);
    trader.submit(trader.sign(new CreateOrderTx(PaperFixture.ACCOUNT, PaperFixture.KEY_INDEX, ETH, 5,
      PaperTrader.size("0.1000"), PaperTrader.price("2900.00"), 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, System.currentTimeMillis() + 3_600_000, PaperTrader.expiredAt(), 0,
      TxAttributes.none())));

    assertThat(trader.activeOrders().body().getJsonArray("orders")).isEmpty();
    sequencerDelay(0);
    eventually("the order listed", () -> trader.activeOrders().body().getJsonArray("orders").size() == 1);
  }

  @Test
  void theNextNonceIsAcceptedBeforeThePreviousIsAppliedAndBothApplyInOrder() {
    sequencerDelay(HOLD_MS);

    assertThat(trader.submit(buy(0, 1)).status()).isEqualTo(200);
    assertThat(trader.submit(buy(1, 2)).status()).isEqualTo(200);
    assertThat(trader.nextNonce()).isZero();

    sequencerDelay(0);
    eventually("both applied", () -> trader.nextNonce() == 2);
    assertThat(trader.order(1).getLong("nonce")).isZero();
    assertThat(trader.order(2).getLong("nonce")).isEqualTo(1);
    assertThat(trader.ethPosition().getString("position")).isEqualTo("0.2000");
  }

  @Test
  void aQueuedTxIsPendingByHashAndExecutedOnceApplied() {
    sequencerDelay(HOLD_MS);
    SignedTx tx = buy(0, 1);
    trader.submit(tx);

    PaperHttp.Reply queued = txByHash(tx);

    assertThat(queued.code()).isEqualTo(200);
    assertThat(queued.body().getInteger("status")).isEqualTo(1);
    assertThat(queued.body().getLong("executed_at")).isZero();
    sequencerDelay(0);
    eventually("the tx executed", () -> txByHash(tx).body().getInteger("status") == 2);
  }

  @Test
  void predictedExecutionTimeIsWhenTheSequencerIsDue() {
    sequencerDelay(HOLD_MS);
    long before = System.currentTimeMillis();

    PaperHttp.Reply reply = trader.submit(buy(0, 1));

    assertThat(reply.body().getLong("predicted_execution_time_ms")).isBetween(before + HOLD_MS,
      System.currentTimeMillis() + HOLD_MS);
  }

  @Test
  void aTxWhoseExpiredAtPassesInTheQueueIsDroppedAndItsNonceStaysFree() {
    sequencerDelay(HOLD_MS);
    long expiredAt = System.currentTimeMillis() + 1_000;
    SignedTx shortLived = trader.sign(new CreateOrderTx(PaperFixture.ACCOUNT, PaperFixture.KEY_INDEX, ETH,
      1, PaperTrader.size("0.1000"), PaperTrader.price("3100.00"), 0, CreateOrderTx.TYPE_MARKET,
      CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt, 0, TxAttributes.none()));
    SignedTx behind = buy(1, 2);
    assertThat(trader.submit(shortLived).status()).isEqualTo(200);
    assertThat(trader.submit(behind).status()).isEqualTo(200);
    eventually("ExpiredAt has passed", () -> System.currentTimeMillis() > expiredAt);

    sequencerDelay(0);
    http.settle();

    assertThat(txByHash(shortLived).code()).isEqualTo(21500);
    assertThat(txByHash(behind).code()).as("a later tx of the key cannot apply either").isEqualTo(21500);
    assertThat(trader.nextNonce()).isZero();
    assertThat(trader.ordersByClientIndex(1).body().getJsonArray("orders")).isEmpty();
    assertThat(trader.send(buy(0, 3)).status()).isEqualTo(200);
  }

  @Test
  void sequencerDelayIsDescribedAndClearedBackToTheConfiguredOne() {
    assertThat(sequencerDelay(250).getLong("sequencer_delay_ms")).isEqualTo(250);

    JsonObject cleared = http.delete("/paper/faults").body();

    assertThat(cleared.getLong("sequencer_delay_ms")).isEqualTo(PaperConfig.DEFAULT_SEQUENCER_DELAY_MS);
  }

  @Test
  void aNegativeSequencerDelayIsRefused() {
    PaperHttp.Reply reply = http.postJson("/paper/faults", new JsonObject().put("sequencer_delay_ms", -1));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(http.get("/paper/faults").body().getLong("sequencer_delay_ms"))
      .isEqualTo(PaperConfig.DEFAULT_SEQUENCER_DELAY_MS);
  }
}
