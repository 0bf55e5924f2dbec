package io.copytrader.lighter;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.function.Supplier;

/** A caller waiting for the account's state to show something; completed once, on the caller's context. */
final class StreamWaiter<T> {

  final long accountIndex;
  final Supplier<Optional<T>> probe;
  final Context caller;
  final Promise<Optional<T>> result;
  long timer = -1;

  StreamWaiter(long accountIndex, Supplier<Optional<T>> probe, Context caller, Promise<Optional<T>> result) {
    this.accountIndex = accountIndex;
    this.probe = probe;
    this.caller = caller;
    this.result = result;
  }

  /** Completes the waiter with what the probe finds now, if anything. */
  boolean found() {
    Optional<T> found = probe.get();
    if (found.isEmpty()) {
      return false;
    }
    complete(found);
    return true;
  }

  void complete(Optional<T> value) {
    caller.runOnContext(reply -> result.tryComplete(value));
  }
}
