package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.CancelAllOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine and intake without HTTP: resting orders, expiry, cancel-all variants, take-profit, position-tied. */
class PaperEngineTest {

  private static final long ONE_ETH = 10_000;
  private static final long NOW = System.currentTimeMillis();

  private final TxSigner signer = new TxSigner(304);
  private PaperEngine engine;
  private Sequencer sequencer;
  private TxIntake intake;
  private PaperAccountState account;
  private long nonce;
  /** The order the last applied transaction created or touched. */
  private PaperOrder lastOrder;

  @BeforeEach
  void start() {
    engine = new PaperEngine(PaperFixture.config());
    sequencer = new Sequencer(engine, () -> 0);
    intake = new TxIntake(engine, sequencer, 304);
    account = engine.account(ACCOUNT);
  }

  /** Submits a transaction and, when intake accepts it, lets the sequencer apply it at once. */
  private TxIntake.Outcome submit(LighterTx tx) {
    SignedTx signed = signer.sign(KEY, tx);
    TxIntake.Outcome outcome = intake.submit(signed.txType(), signed.txInfo(), NOW);
    if (outcome instanceof TxIntake.Accepted) {
      nonce++;
      lastOrder = sequencer.applyDue(NOW).get(0).order();
    }
    return outcome;
  }

  private PaperOrder order(long clientOrderIndex, long base, long price, boolean isAsk, int type, int timeInForce,
                           boolean reduceOnly, long trigger, long expiry) {
    TxIntake.Outcome outcome = submit(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, clientOrderIndex, base, price,
      isAsk ? 1 : 0, type, timeInForce, reduceOnly ? 1 : 0, trigger, expiry, NOW + 600_000, nonce,
      TxAttributes.none()));
    assertThat(outcome).isInstanceOf(TxIntake.Accepted.class);
    return lastOrder;
  }

  private PaperOrder buyMarket(long base) {
    return order(900 + nonce, base, 400_000, false, CreateOrderTx.TYPE_MARKET, 0, false, 0, 0);
  }

  private PaperOrder limit(long clientOrderIndex, long price, boolean isAsk, int timeInForce, long expiry) {
    return order(clientOrderIndex, ONE_ETH, price, isAsk, CreateOrderTx.TYPE_LIMIT, timeInForce, false, 0, expiry);
  }

  private BigDecimal position() {
    return account.positions.get(ETH).size;
  }

  @Test
  void aLimitBuyBelowTheBookRestsOpenAndFillsWhenThePriceFallsToIt() {
    PaperOrder order = limit(1, 290_000, false, CreateOrderTx.TIF_GOOD_TILL_TIME, NOW + 3_600_000);
    assertThat(order.status).isEqualTo("open");

    engine.setMid(ETH, new BigDecimal("2899.00"), NOW);

    assertThat(order.status).isEqualTo("filled");
    assertThat(position()).isEqualByComparingTo("1");
  }

  @Test
  void aPostOnlyOrderThatWouldTakeIsCancelled() {
    PaperOrder order = limit(1, 300_100, false, CreateOrderTx.TIF_POST_ONLY, NOW + 3_600_000);

    assertThat(order.status).isEqualTo("canceled-post-only");
    assertThat(account.live).isEmpty();
  }

  @Test
  void aPostOnlyOrderOffTheBookRests() {
    PaperOrder order = limit(1, 299_000, false, CreateOrderTx.TIF_POST_ONLY, NOW + 3_600_000);

    assertThat(order.status).isEqualTo("open");
  }

  @Test
  void anOrderPastItsExpiryIsCancelledAsExpired() {
    PaperOrder order = limit(1, 290_000, false, CreateOrderTx.TIF_GOOD_TILL_TIME, NOW + 1_000);

    engine.sweep(NOW + 1_000);

    assertThat(order.status).isEqualTo("canceled-expired");
    assertThat(account.live).isEmpty();
  }

  @Test
  void aScheduledCancelAllFiresAtItsTimeAndAnAbortCallsItOff() {
    PaperOrder order = limit(1, 290_000, false, CreateOrderTx.TIF_GOOD_TILL_TIME, NOW + 3_600_000);
    submit(new CancelAllOrdersTx(ACCOUNT, KEY_INDEX, CancelAllOrdersTx.TIF_SCHEDULED, NOW + 60_000, NOW + 600_000,
      nonce, TxAttributes.none()));
    engine.sweep(NOW + 59_999);
    assertThat(order.status).isEqualTo("open");
    assertThat(account.cancelAllTime).isEqualTo(NOW + 60_000);

    engine.sweep(NOW + 60_000);

    assertThat(order.status).isEqualTo("canceled");
    assertThat(account.cancelAllTime).isZero();
  }

  @Test
  void anAbortedCancelAllNeverFires() {
    PaperOrder order = limit(1, 290_000, false, CreateOrderTx.TIF_GOOD_TILL_TIME, NOW + 3_600_000);
    submit(new CancelAllOrdersTx(ACCOUNT, KEY_INDEX, CancelAllOrdersTx.TIF_SCHEDULED, NOW + 60_000, NOW + 600_000,
      nonce, TxAttributes.none()));

    submit(new CancelAllOrdersTx(ACCOUNT, KEY_INDEX, CancelAllOrdersTx.TIF_ABORT, 0, NOW + 600_000, nonce,
      TxAttributes.none()));
    engine.sweep(NOW + 120_000);

    assertThat(order.status).isEqualTo("open");
  }

  @Test
  void aCancelAllForOneMarketLeavesTheOthers() {
    PaperOrder eth = limit(1, 290_000, false, CreateOrderTx.TIF_GOOD_TILL_TIME, NOW + 3_600_000);
    submit(new CreateOrderTx(ACCOUNT, KEY_INDEX, 1, 2, 100, 900_000, 0, CreateOrderTx.TYPE_LIMIT,
      CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, NOW + 3_600_000, NOW + 600_000, nonce, TxAttributes.none()));
    PaperOrder btc = lastOrder;

    submit(new CancelAllOrdersTx(ACCOUNT, KEY_INDEX, CancelAllOrdersTx.TIF_IMMEDIATE, 0, NOW + 600_000, nonce,
      TxAttributes.of(Map.of(TxAttributes.CANCEL_ALL_MARKET_INDEX, 1L))));

    assertThat(btc.status).isEqualTo("canceled");
    assertThat(eth.status).isEqualTo("open");
  }

  @Test
  void aTakeProfitFiresWhenThePriceMovesInThePositionsFavour() {
    buyMarket(ONE_ETH);
    PaperOrder takeProfit = order(2, ONE_ETH, 305_000, true, CreateOrderTx.TYPE_TAKE_PROFIT, 0, true, 310_000,
      NOW + 3_600_000);

    engine.setMid(ETH, new BigDecimal("3050.00"), NOW);
    assertThat(takeProfit.status).isEqualTo("pending");
    engine.setMid(ETH, new BigDecimal("3100.00"), NOW);

    assertThat(takeProfit.status).isEqualTo("filled");
    assertThat(position()).isZero();
  }

  @Test
  void aPositionTiedStopLossClosesWhateverThePositionHasBecome() {
    engine.grouped().assumptions = new GroupedAssumptions(GroupedAssumptions.ChildrenArmed.FULL_FILL,
      GroupedAssumptions.ZeroSizeOrder.POSITION_TIED);
    buyMarket(ONE_ETH);
    PaperOrder stop = order(2, 0, 280_000, true, CreateOrderTx.TYPE_STOP_LOSS, 0, true, 290_000, NOW + 3_600_000);
    buyMarket(ONE_ETH);

    engine.setMid(ETH, new BigDecimal("2890.00"), NOW);

    assertThat(stop.status).isEqualTo("filled");
    assertThat(stop.filledBase).isEqualByComparingTo("2");
    assertThat(position()).isZero();
  }

  @Test
  void aStopLossAlreadyCrossedWhenPlacedExecutesAtOnce() {
    buyMarket(ONE_ETH);

    PaperOrder stop = order(2, ONE_ETH, 280_000, true, CreateOrderTx.TYPE_STOP_LOSS_LIMIT, 1, true, 310_000,
      NOW + 3_600_000);

    assertThat(stop.status).isEqualTo("filled");
    assertThat(position()).isZero();
  }

  @Test
  void aStopLossLimitWhoseLimitTheBookCannotReachRestsOpenAfterTriggering() {
    buyMarket(ONE_ETH);
    PaperOrder stop = order(2, ONE_ETH, 289_000, true, CreateOrderTx.TYPE_STOP_LOSS_LIMIT, 1, true, 290_000,
      NOW + 3_600_000);

    engine.setMid(ETH, new BigDecimal("2800.00"), NOW);

    assertThat(stop.status).isEqualTo("open");
    assertThat(stop.triggerStatus).isEqualTo("na");
    assertThat(position()).isEqualByComparingTo("1");
    engine.setMid(ETH, new BigDecimal("2895.00"), NOW);
    assertThat(stop.status).isEqualTo("filled");
  }

  @Test
  void twapOrdersAreUnsupported() {
    TxIntake.Outcome outcome = submit(new CreateOrderTx(ACCOUNT, KEY_INDEX, ETH, 1, ONE_ETH, 300_000, 0,
      CreateOrderTx.TYPE_TWAP, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, NOW + 3_600_000, NOW + 600_000, 0,
      TxAttributes.none()));

    assertThat(outcome).isEqualTo(new TxIntake.Rejected(21710, "unsupported order type"));
  }
}
