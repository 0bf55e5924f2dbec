package io.copytrader.lighter;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Callers of {@link LighterStream} waiting for an account's state to show something, each answered on its own
 * context: when the state shows it, empty when the wait times out or the connection drops (the caller then reads
 * REST). The waiting list is confined to the stream's context.
 */
final class StreamWaiters {

  private final Vertx vertx;
  private final Context streamContext;
  private final StreamState state;
  private final List<StreamWaiter<?>> waiting = new ArrayList<>();

  StreamWaiters(Vertx vertx, Context streamContext, StreamState state) {
    this.vertx = vertx;
    this.streamContext = streamContext;
    this.state = state;
  }

  /**
   * What {@code probe} finds in the account's state once it finds something, probed now and after each of the
   * account's frames; empty at once unless the account is followed and {@code ready} holds for it (the stream
   * and the channels probed are in sync and fresh).
   */
  <T> Future<Optional<T>> await(long accountIndex, Predicate<LocalAccount> ready, Supplier<Optional<T>> probe,
                                Duration timeout) {
    Context caller = vertx.getOrCreateContext();
    Promise<Optional<T>> result = Promise.promise();
    streamContext.runOnContext(start -> {
      LocalAccount account = state.localAccount(accountIndex);
      StreamWaiter<T> waiter = new StreamWaiter<>(accountIndex, probe, caller, result);
      if (account == null || !ready.test(account)) {
        waiter.complete(Optional.empty());
        return;
      }
      if (waiter.found()) {
        return;
      }
      waiter.timer = vertx.setTimer(Math.max(1, timeout.toMillis()), expired -> {
        waiting.remove(waiter);
        waiter.complete(Optional.empty());
      });
      waiting.add(waiter);
    });
    return result.future();
  }

  /** Completes the account's waiters whose probe now finds what they wait for. */
  void wake(long accountIndex) {
    waiting.removeIf(waiter -> {
      if (waiter.accountIndex != accountIndex || !waiter.found()) {
        return false;
      }
      vertx.cancelTimer(waiter.timer);
      return true;
    });
  }

  /** The connection is gone: every waiter is answered empty at once, to fall back to REST. */
  void abandonAll() {
    List<StreamWaiter<?>> abandoned = new ArrayList<>(waiting);
    waiting.clear();
    abandoned.forEach(waiter -> {
      vertx.cancelTimer(waiter.timer);
      waiter.complete(Optional.empty());
    });
  }
}
