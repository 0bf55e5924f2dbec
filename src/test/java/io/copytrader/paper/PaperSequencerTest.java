package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intake and the sequencer without HTTP or timers: the clock is a number the test moves. */
class PaperSequencerTest {

  private static final long ONE_ETH = 10_000;
  private static final long NOW = System.currentTimeMillis();
  private static final long LATER = NOW + 600_000;

  private final TxSigner signer = new TxSigner(304);
  private long delayMs = 5;
  private PaperEngine engine;
  private Sequencer sequencer;
  private TxIntake intake;
  private PaperAccountState account;

  @BeforeEach
  void start() {
    engine = new PaperEngine(PaperFixture.config());
    sequencer = new Sequencer(engine, () -> delayMs);
    intake = new TxIntake(engine, sequencer, 304);
    account = engine.account(ACCOUNT);
  }

  private TxIntake.Outcome submit(LighterTx tx) {
    SignedTx signed = signer.sign(KEY, tx);
    return intake.submit(signed.txType(), signed.txInfo(), NOW);
  }

  private static CreateOrderTx buy(long clientOrderIndex, long base, long nonce, long expiredAt) {
    return new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, clientOrderIndex, base, 310_000, 0, CreateOrderTx.TYPE_MARKET,
      CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt, nonce, TxAttributes.none());
  }

  private static CreateOrderTx restingBuy(long clientOrderIndex, long nonce) {
    return new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, clientOrderIndex, ONE_ETH, 290_000, 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, NOW + 3_600_000, LATER, nonce, TxAttributes.none());
  }

  private static CancelOrderTx cancel(long index, long nonce) {
    return new CancelOrderTx(ACCOUNT, KEY_INDEX, ETH, index, LATER, nonce, TxAttributes.none());
  }

  private long appliedNonce() {
    return account.nonces.get(KEY_INDEX);
  }

  @Test
  void nothingIsAppliedBeforeTheDelayHasPassed() {
    assertThat(submit(buy(1, ONE_ETH, 0, LATER))).isInstanceOf(TxIntake.Accepted.class);

    assertThat(sequencer.applyDue(NOW + 4)).isEmpty();
    assertThat(appliedNonce()).isZero();
    assertThat(account.positions).isEmpty();
    assertThat(sequencer.applyDue(NOW + 5)).hasSize(1);
    assertThat(appliedNonce()).isEqualTo(1);
  }

  @Test
  void theNextNonceIsAcceptedWhileTheFirstIsStillQueued() {
    assertThat(submit(buy(1, ONE_ETH, 0, LATER))).isInstanceOf(TxIntake.Accepted.class);

    assertThat(submit(buy(2, ONE_ETH, 1, LATER))).isInstanceOf(TxIntake.Accepted.class);
    assertThat(appliedNonce()).isZero();
    assertThat(sequencer.applyDue(NOW + 5)).extracting(applied -> applied.stored().nonce()).containsExactly(0L, 1L);
    assertThat(appliedNonce()).isEqualTo(2);
    assertThat(account.positions.get(ETH).size).isEqualByComparingTo("2");
  }

  @Test
  void aNonceAlreadyQueuedIsAnInvalidNonce() {
    submit(buy(1, ONE_ETH, 0, LATER));

    assertThat(submit(buy(2, ONE_ETH, 0, LATER))).isEqualTo(new TxIntake.Rejected(21104, "invalid nonce"));
  }

  @Test
  void raisingTheDelayHoldsTxsAlreadyQueued() {
    submit(buy(1, ONE_ETH, 0, LATER));

    delayMs = 1_000;

    assertThat(sequencer.applyDue(NOW + 5)).isEmpty();
    assertThat(sequencer.applyDue(NOW + 1_000)).hasSize(1);
  }

  @Test
  void aTxWhoseExpiredAtPassesInTheQueueIsDroppedWithoutConsumingItsNonce() {
    TxIntake.Accepted accepted = (TxIntake.Accepted) submit(buy(1, ONE_ETH, 0, NOW + 3));

    assertThat(sequencer.applyDue(NOW + 5)).isEmpty();
    assertThat(appliedNonce()).isZero();
    assertThat(accepted.queued().outcome().result()).isFalse();
    assertThat(sequencer.applied(accepted.txHash())).isEmpty();
    assertThat(sequencer.queued(accepted.txHash())).isEmpty();
    assertThat(account.live).isEmpty();
    assertThat(account.finished).isEmpty();
  }

  @Test
  void laterTxsOfADroppedTxsKeyAreDroppedTooAndItsNonceIsFreeAgain() {
    submit(buy(1, ONE_ETH, 0, NOW + 3));
    TxIntake.Accepted second = (TxIntake.Accepted) submit(buy(2, ONE_ETH, 1, LATER));

    assertThat(sequencer.applyDue(NOW + 5)).isEmpty();

    assertThat(second.queued().outcome().result()).isFalse();
    assertThat(sequencer.idle()).isTrue();
    assertThat(submit(buy(3, ONE_ETH, 0, LATER))).isInstanceOf(TxIntake.Accepted.class);
  }

  @Test
  void aTakerOrderBeyondTheMarginIsAcceptedAndEndsCanceledMarginNotAllowed() {
    assertThat(submit(buy(1, 70 * ONE_ETH, 0, LATER))).isInstanceOf(TxIntake.Accepted.class);

    PaperOrder order = sequencer.applyDue(NOW + 5).get(0).order();

    assertThat(order.status).isEqualTo("canceled-margin-not-allowed");
    assertThat(order.filledBase).isZero();
    assertThat(account.finished).containsExactly(order);
    assertThat(appliedNonce()).isEqualTo(1);
  }

  @Test
  void aClientOrderIndexOfAQueuedCreateIsAlreadyInUse() {
    submit(restingBuy(7, 0));

    assertThat(submit(restingBuy(7, 1))).isEqualTo(new TxIntake.Rejected(21728, "client order index already exists"));
  }

  @Test
  void aCancelOfAnOrderStillQueuedIsAcceptedAndCancelsItOnceBothApply() {
    submit(restingBuy(7, 0));

    assertThat(submit(cancel(7, 1))).isInstanceOf(TxIntake.Accepted.class);
    sequencer.applyDue(NOW + 5);

    assertThat(account.live).isEmpty();
    assertThat(account.finished.peekFirst().status).isEqualTo("canceled");
  }

  @Test
  void aCancelOfAnOrderNeitherLiveNorQueuedIsRefused() {
    assertThat(submit(cancel(7, 0))).isEqualTo(new TxIntake.Rejected(21715, "given order is not an active order"));
  }

  @Test
  void aCancelWhoseOrderIsGoneWhenItAppliesConsumesItsNonceAndCarriesTheError() {
    submit(restingBuy(7, 0));
    sequencer.applyDue(NOW + 5);
    submit(cancel(7, 1));
    submit(cancel(7, 2));

    Sequencer.Applied late = sequencer.applyDue(NOW + 5).get(1);

    assertThat(late.stored().eventInfo()).contains("\"ae\":\"given order is not an active order\"");
    assertThat(appliedNonce()).isEqualTo(3);
  }
}
