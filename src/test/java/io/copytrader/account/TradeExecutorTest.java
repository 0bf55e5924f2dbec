package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.RequestDetail;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How one request executes against an exchange held in memory, under the faults that threaten exactly-once
 * execution: answers lost after the exchange applied the transaction, lookups that fail, lookups that lag.
 */
@ExtendWith(VertxExtension.class)
class TradeExecutorTest {

  private ExecutorFixture fixture;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) {
    fixture = new ExecutorFixture(vertx, dir);
  }

  @Test
  void openFillsOnceAndCarriesOneStopLoss() {
    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(done.request().errorCode()).isNull();
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(fixture.exchange.position()).isEqualByComparingTo("1.3333");
    assertThat(fixture.exchange.stopLosses()).singleElement()
      .satisfies(stop -> assertThat(stop.remainingBaseAmount()).isEqualByComparingTo("1.3333"));
  }

  @Test
  void lostAnswerWhileLookupsLagIsSettledNotSentTwice() {
    fixture.exchange.loseAnswers(1).lagNextTx(12);

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(fixture.exchange.position()).isEqualByComparingTo("1.3333");
    assertThat(entries(done)).extracting(row -> row.order().clientOrderIndex()).containsOnly(
      entries(done).get(0).order().clientOrderIndex());
  }

  @Test
  void lostAnswerWhileLookupsFailIsSettledOnceTheyAnswer() {
    fixture.exchange.loseAnswers(1).failLookupsAfterNextSend(6);

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(done.request().attempts()).isEqualTo(1);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(fixture.exchange.stopLosses()).hasSize(1);
    assertThat(fixture.urgentNotices()).isZero();
  }

  @Test
  void closeWhoseAnswerIsLostWhileLookupsLagClosesOnce() {
    fixture.execute(TradeAction.LONG, "0.5");
    fixture.exchange.loseAnswers(1).lagNextTx(12);

    RequestDetail done = fixture.execute(TradeAction.CLOSE, "0");

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.position()).isZero();
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(2);
  }

  @Test
  void entryTransactionExpiresWithinTheSignalAgeLimit() {
    long before = System.currentTimeMillis();

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    long expiredAt = InDoubtTx.of(entries(done).get(0)).expiredAtMillis();
    assertThat(expiredAt).isBetween(before + 9_000, System.currentTimeMillis() + 10_000);
  }

  @Test
  void fillThatNeverShowsFinishedStillGetsItsStopLossAndAnUrgentAlert() {
    fixture.exchange.holdNextMarketOrder();

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(done.request().state()).isEqualTo(RequestState.FAILED);
    assertThat(done.request().errorCode()).isEqualTo(OutcomeCode.FILL_UNCONFIRMED.name());
    assertThat(fixture.exchange.stopLosses()).singleElement()
      .satisfies(stop -> assertThat(stop.remainingBaseAmount()).isEqualByComparingTo("1.3333"));
    assertThat(fixture.urgentNotices()).isEqualTo(1);
  }

  @Test
  void increaseMovesTheOneStopLossToTheWholePosition() {
    fixture.execute(TradeAction.LONG, "0.5");
    long stopIndex = fixture.exchange.stopLosses().get(0).orderIndex();

    RequestDetail done = fixture.execute(TradeAction.INCREASE, "0.5");

    assertThat(done.request().errorCode()).isNull();
    assertThat(fixture.exchange.stopLosses()).singleElement().satisfies(stop -> {
      assertThat(stop.orderIndex()).isEqualTo(stopIndex);
      assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(fixture.exchange.position());
    });
  }

  @Test
  void closeLeavesNoStopLossBehind() {
    fixture.execute(TradeAction.LONG, "0.5");

    RequestDetail done = fixture.execute(TradeAction.CLOSE, "0");

    assertThat(done.request().errorCode()).isNull();
    assertThat(fixture.exchange.position()).isZero();
    assertThat(fixture.exchange.stopLosses()).isEmpty();
  }

  @Test
  void stopLossWhoseAnswerIsLostWhileLookupsLagIsLookedForNotPlacedTwice() {
    // The two-step path: the stop-loss placed alone after the fill, applied, its answer lost, the reads behind it.
    fixture.exchange.refuseGroupedOrders(LighterErrorCodes.UNSUPPORTED_TX_TYPE).loseAnswerOfNextStopLoss(4);

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(done.request().errorCode()).isNull();
    assertThat(fixture.exchange.stopLosses()).singleElement()
      .satisfies(stop -> assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(fixture.exchange.position()));
  }

  @Test
  void positionClosedBeforeItsStopLossIsNoUnprotectedPosition() {
    // The stop-loss sent after the fill: the two-step path, taken where groups are refused.
    fixture.exchange.refuseGroupedOrders(LighterErrorCodes.UNSUPPORTED_TX_TYPE).closePositionBeforeNextStopLoss();

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.position()).isZero();
    assertThat(fixture.exchange.stopLosses()).isEmpty();
    assertThat(fixture.urgentNotices()).isZero();
  }

  @Test
  void stopLossRefusedAsFlatWhileThePositionIsOpenKeepsTheAlarm() {
    fixture.exchange.refuseGroupedOrders(LighterErrorCodes.UNSUPPORTED_TX_TYPE).refuseNextStopLossAsFlat();

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(fixture.exchange.position()).isEqualByComparingTo("1.3333");
    assertThat(fixture.exchange.stopLosses()).isEmpty();
    assertThat(fixture.urgentNotices()).isEqualTo(1);
    assertThat(done.request().errorCode()).isNotNull();
  }

  @Test
  void openSendsItsStopLossInTheSameTransaction() {
    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(fixture.exchange.sendTxCalls()).isEqualTo(1);
    assertThat(fixture.exchange.stopLosses()).singleElement().satisfies(stop -> {
      assertThat(stop.parentOrderIndex()).isNotZero();
      assertThat(stop.remainingBaseAmount()).isEqualByComparingTo("1.3333");
    });
    assertThat(done.orders()).extracting(row -> row.order().purpose())
      .containsExactly(OrderPurpose.ENTRY, OrderPurpose.STOP_LOSS_PLACE);
    assertThat(done.orders()).extracting(row -> row.order().txHash()).containsOnly(done.orders().get(0).order().txHash());
    assertThat(done.orders().get(0).order().txType()).isEqualTo(CreateGroupedOrdersTx.TX_TYPE);
  }

  @Test
  void lostAnswerOfAnOpenWithItsStopLossIsSettledNotSentAgain() {
    fixture.exchange.loseAnswers(1).lagNextTx(12);

    RequestDetail done = fixture.execute(TradeAction.LONG, "0.5");

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(fixture.exchange.stopLosses()).singleElement()
      .satisfies(stop -> assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(fixture.exchange.position()));
    assertThat(fixture.urgentNotices()).isZero();
  }

  @Test
  void refusedGroupFallsBackToTwoStepsRememberedAndNoticedOnce() {
    fixture.exchange.refuseGroupedOrders(LighterErrorCodes.UNSUPPORTED_TX_TYPE);

    RequestDetail open = fixture.execute(TradeAction.LONG, "0.5");
    RequestDetail increase = fixture.execute(TradeAction.INCREASE, "0.5");

    assertThat(open.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(open.orders()).extracting(row -> row.order().txType())
      .containsExactly(CreateGroupedOrdersTx.TX_TYPE, CreateGroupedOrdersTx.TX_TYPE, CreateOrderTx.TX_TYPE,
        CreateOrderTx.TX_TYPE);
    assertThat(increase.orders()).extracting(row -> row.order().txType()).doesNotContain(CreateGroupedOrdersTx.TX_TYPE);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(2);
    assertThat(fixture.exchange.stopLosses()).singleElement()
      .satisfies(stop -> assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(fixture.exchange.position()));
    assertThat(fixture.notices).filteredOn(notice -> notice.title().startsWith("Stop-loss not attached")).hasSize(1);
  }

  private static List<OrderRecord> entries(RequestDetail detail) {
    return detail.orders().stream().filter(order -> order.order().purpose().isEntry()).toList();
  }
}
