package io.copytrader.account;

import static io.copytrader.testing.Polling.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.OrderState;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.journal.RequestDetail;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.signer.SignedTx;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account started on a journal that a stopped service left with a request executing and its entry order
 * signed, sent or not: the order is settled by evidence and executes exactly once.
 */
@ExtendWith(VertxExtension.class)
class AccountRecoveryTest {

  private static final long CLIENT_ORDER_INDEX = 777;

  private Vertx vertx;
  private ExecutorFixture fixture;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) {
    this.vertx = vertx;
    fixture = new ExecutorFixture(vertx, dir);
  }

  @Test
  void entryThatLandedBeforeTheStopIsAdoptedWhileLookupsLag() throws InterruptedException {
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5"));
    SignedTx sent = fixture.interruptedEntry(id, CLIENT_ORDER_INDEX);
    fixture.exchange.lagNextTx(8).sendTx(sent.txType(), sent.txInfo()).await();

    RequestDetail done = recover(id);

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(fixture.exchange.position()).isEqualByComparingTo("1.3333");
    assertThat(fixture.exchange.stopLosses()).hasSize(1);
  }

  @Test
  void entryWithItsStopLossAttachedThatLandedWhileLookupsLagEndsWithOneStopLoss() throws InterruptedException {
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5"));
    SignedTx sent = fixture.interruptedGroupedEntry(id, CLIENT_ORDER_INDEX, CLIENT_ORDER_INDEX + 1);
    fixture.exchange.lagNextTx(8).sendTx(sent.txType(), sent.txInfo()).await();

    RequestDetail done = recover(id);

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(fixture.exchange.stopLosses()).singleElement().satisfies(stop -> {
      assertThat(stop.clientOrderIndex()).isEqualTo(CLIENT_ORDER_INDEX + 1);
      assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(fixture.exchange.position());
    });
    assertThat(fixture.urgentNotices()).isZero();
  }

  @Test
  void entryWithItsStopLossAttachedThatNeverLeftIsDeliveredOnceFromTheJournal() throws InterruptedException {
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5"));
    fixture.interruptedGroupedEntry(id, CLIENT_ORDER_INDEX, CLIENT_ORDER_INDEX + 1);

    RequestDetail done = recover(id);

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(fixture.exchange.stopLosses()).singleElement()
      .satisfies(stop -> assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(fixture.exchange.position()));
  }

  @Test
  void entryThatNeverLeftIsDeliveredOnceFromTheJournal() throws InterruptedException {
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5"));
    fixture.interruptedEntry(id, CLIENT_ORDER_INDEX);

    RequestDetail done = recover(id);

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
    assertThat(done.orders().get(0).order().clientOrderIndex()).isEqualTo(CLIENT_ORDER_INDEX);
  }

  @Test
  void lookupsFailingAtRecoveryStillEndInAFinalState() throws InterruptedException {
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5"));
    SignedTx sent = fixture.interruptedEntry(id, CLIENT_ORDER_INDEX);
    fixture.exchange.failLookupsAfterNextSend(10).sendTx(sent.txType(), sent.txInfo()).await();

    RequestDetail done = recover(id);

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
  }

  @Test
  void openingEntryProvenNeverSentIsNotSentLate() throws InterruptedException {
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5", System.currentTimeMillis() - 600_000));
    fixture.interruptedEntry(id, CLIENT_ORDER_INDEX, System.currentTimeMillis() - 60_000);

    RequestDetail done = recover(id);

    assertThat(done.request().state()).isEqualTo(RequestState.EXPIRED);
    assertThat(done.orders().get(0).errorCode()).isEqualTo("NEVER_APPLIED");
    assertThat(fixture.exchange.sendTxCalls()).isZero();
    assertThat(fixture.exchange.position()).isZero();
  }

  @Test
  void fillJournaledBeforeTheStopIsNotReportedAgain() throws InterruptedException {
    String id = fixture.accept(ExecutorFixture.request(TradeAction.LONG, "0.5"));
    SignedTx sent = fixture.interruptedEntry(id, CLIENT_ORDER_INDEX);
    fixture.exchange.sendTx(sent.txType(), sent.txInfo()).await();
    fixture.journal.updateOrder(id, 0, OrderUpdate.fill(OrderState.FILLED, new BigDecimal("1.3333"),
      new BigDecimal("3001.00"), "filled")).await();

    RequestDetail done = recover(id);

    assertThat(done.request().state()).isEqualTo(RequestState.FILLED);
    assertThat(fixture.exchange.stopLosses()).hasSize(1);
    assertThat(fixture.notices).noneMatch(notice -> notice.title().contains("opened"));
  }

  private RequestDetail recover(String id) {
    vertx.deployVerticle(fixture.accountVerticle()).await();
    return until(Duration.ofSeconds(20), () -> fixture.journal.getRequest(id).await().orElseThrow(),
      detail -> detail.request().state().isFinal());
  }
}
