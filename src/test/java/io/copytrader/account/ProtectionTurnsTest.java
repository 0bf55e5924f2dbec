package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A grant that never comes blocks its test's wait: the timeout turns that into a failure. */
@ExtendWith(VertxExtension.class)
@Timeout(10)
class ProtectionTurnsTest {

  /** One account: its context and its claim, asked and ended on that context as the supervisor does. */
  private static final class Account {

    private final Context context;
    private final ProtectionTurns.Turn turn;
    private final Promise<Void> granted = Promise.promise();
    private final AtomicInteger grants = new AtomicInteger();

    Account(Vertx vertx, ProtectionTurns turns) {
      this.context = vertx.getOrCreateContext();
      this.turn = turns.turn();
    }

    Future<Void> ask() {
      return onContext(() -> turn.ask(context, () -> {
        grants.incrementAndGet();
        granted.tryComplete();
      }));
    }

    Future<Void> askFirst() {
      return onContext(() -> turn.askFirst(context, () -> {
        grants.incrementAndGet();
        granted.tryComplete();
      }));
    }

    Future<Void> end() {
      return onContext(turn::ended);
    }

    Future<Void> stop() {
      return onContext(turn::stop);
    }

    private Future<Void> onContext(Runnable action) {
      Promise<Void> done = Promise.promise();
      context.runOnContext(ignored -> {
        action.run();
        done.complete();
      });
      return done.future();
    }
  }

  /** An account that asked for a turn and holds it. */
  private static Account holding(Vertx vertx, ProtectionTurns turns) {
    Account holder = new Account(vertx, turns);
    holder.ask().await();
    holder.granted.future().await();
    return holder;
  }

  @Test
  void noMoreRunsThanItsTurnsHoldTheirQueueAtOnce(Vertx vertx) {
    ProtectionTurns turns = new ProtectionTurns(2);
    Account first = new Account(vertx, turns);
    Account second = new Account(vertx, turns);
    Account third = new Account(vertx, turns);
    first.ask().await();
    second.ask().await();
    third.ask().await();
    first.granted.future().await();
    second.granted.future().await();

    assertThat(third.granted.future().isComplete()).isFalse();
    second.end().await();
    third.granted.future().await();
    assertThat(third.grants).hasValue(1);
  }

  @Test
  void aTurnAskedFirstGoesBeforeThoseAlreadyWaiting(Vertx vertx) {
    ProtectionTurns turns = new ProtectionTurns(1);
    Account holder = holding(vertx, turns);
    Account waiting = new Account(vertx, turns);
    Account urgent = new Account(vertx, turns);
    waiting.ask().await();
    urgent.askFirst().await();

    holder.end().await();
    urgent.granted.future().await();

    assertThat(waiting.granted.future().isComplete()).isFalse();
  }

  @Test
  void askingFirstWhileWaitingMovesTheTurnToTheFrontAndGrantsItOnce(Vertx vertx) {
    ProtectionTurns turns = new ProtectionTurns(1);
    Account holder = holding(vertx, turns);
    Account before = new Account(vertx, turns);
    Account promoted = new Account(vertx, turns);
    before.ask().await();
    promoted.ask().await();
    promoted.askFirst().await();

    holder.end().await();
    promoted.granted.future().await();

    assertThat(before.granted.future().isComplete()).isFalse();
    promoted.end().await();
    before.granted.future().await();
    assertThat(promoted.grants).hasValue(1);
  }

  @Test
  void askingAgainBeforeTheGrantIsGrantedOnce(Vertx vertx) {
    ProtectionTurns turns = new ProtectionTurns(1);
    Account holder = new Account(vertx, turns);
    Account waiting = new Account(vertx, turns);
    holder.ask().await();
    waiting.ask().await();
    waiting.ask().await();
    holder.end().await();
    waiting.granted.future().await();
    waiting.end().await();

    Account next = new Account(vertx, turns);
    next.ask().await();
    next.granted.future().await();
    assertThat(waiting.grants).hasValue(1);
  }

  @Test
  void anAccountThatStopsGivesItsTurnBack(Vertx vertx) {
    ProtectionTurns turns = new ProtectionTurns(1);
    Account stopping = new Account(vertx, turns);
    Account waiting = new Account(vertx, turns);
    stopping.ask().await();
    stopping.granted.future().await();
    waiting.ask().await();

    stopping.stop().await();
    waiting.granted.future().await();
    assertThat(waiting.grants).hasValue(1);
  }

  @Test
  void aTurnGrantedAfterItsAccountStoppedGoesToTheNextAccount(Vertx vertx) {
    ProtectionTurns turns = new ProtectionTurns(1);
    Account holder = new Account(vertx, turns);
    Account stopped = new Account(vertx, turns);
    Account next = new Account(vertx, turns);
    holder.ask().await();
    stopped.ask().await();
    next.ask().await();
    stopped.stop().await();

    holder.end().await();
    next.granted.future().await();
    assertThat(stopped.grants).hasValue(0);
  }

  @Test
  void aNodeWithoutTurnsIsRefused() {
    assertThatThrownBy(() -> new ProtectionTurns(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
