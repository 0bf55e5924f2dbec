package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.RequestState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nonce read ahead of an account's first transaction after a start: it saves that transaction its own read,
 * and an answer that comes back after a transaction has moved the nonce on never takes it back.
 */
@ExtendWith(VertxExtension.class)
class NonceAheadTest {

  private ExecutorFixture fixture;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) {
    fixture = new ExecutorFixture(vertx, dir);
  }

  @Test
  void nonceReadAheadSavesTheFirstTradeItsOwnRead() {
    fixture.learnNonceAhead().await();
    assertThat(fixture.exchange.nextNonceCalls()).isEqualTo(1);

    assertThat(fixture.execute(TradeAction.LONG, "0.5").request().state()).isEqualTo(RequestState.FILLED);

    assertThat(fixture.exchange.nextNonceCalls()).isEqualTo(1);
    assertThat(fixture.exchange.executedMarketOrders()).isEqualTo(1);
  }

  @Test
  void nonceReadAheadIsAskedOnce() {
    fixture.learnNonceAhead().await();
    fixture.execute(TradeAction.LONG, "0.5");

    fixture.learnNonceAhead().await();

    assertThat(fixture.exchange.nextNonceCalls()).isEqualTo(1);
  }

  @Test
  void nonceAnsweredAfterTradesMovedItOnIsNotTakenBack() {
    Promise<Void> release = fixture.exchange.holdNextNonceAnswer();
    Future<Void> ahead = fixture.learnNonceAhead();
    // The trade reads the nonce itself and uses it twice (entry and stop-loss) while the early answer, 0, waits.
    fixture.execute(TradeAction.LONG, "0.5");
    release.complete();
    ahead.await();

    assertThat(fixture.execute(TradeAction.CLOSE, "0").request().state()).isEqualTo(RequestState.FILLED);

    // Signed with the nonce the trades left, not the stale 0, which the exchange would refuse (21104) and the
    // session would read again.
    assertThat(fixture.exchange.nextNonceCalls()).isEqualTo(2);
    assertThat(fixture.exchange.position()).isZero();
  }

  @Test
  void nonceReadAheadThatFailsLeavesTheTradeToReadItsOwn() {
    fixture.exchange.failLookups(1);
    fixture.learnNonceAhead().await();

    assertThat(fixture.execute(TradeAction.LONG, "0.5").request().state()).isEqualTo(RequestState.FILLED);

    assertThat(fixture.exchange.nextNonceCalls()).isEqualTo(2);
  }
}
