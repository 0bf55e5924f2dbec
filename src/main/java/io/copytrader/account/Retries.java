package io.copytrader.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The one way the account retries: an attempt, and while it fails with a failure worth another one and attempts
 * remain, another after the interval (on a timer the account's undeploy cancels, see {@link Pause}).
 */
final class Retries {

  private final Vertx vertx;
  private final int attempts;
  private final Duration interval;

  /** A failure after which no attempt follows: the last one's, with how many attempts were made. */
  static final class GaveUp extends RuntimeException {

    private final int attempts;

    GaveUp(int attempts, Throwable last) {
      super(last.getMessage(), last, false, false);
      this.attempts = attempts;
    }

    int attempts() {
      return attempts;
    }
  }

  /** What the caller learns before each further attempt. */
  interface RetryListener {
    void retrying(int failedAttempt, Throwable failure);
  }

  /** @param attempts at least 1 */
  Retries(Vertx vertx, int attempts, Duration interval) {
    this.vertx = vertx;
    this.attempts = attempts;
    this.interval = interval;
  }

  /**
   * Runs {@code attempt} (given its number, from 1) until it succeeds; fails with {@link GaveUp} once a failure
   * is not {@code retryable} or no attempt remains.
   */
  <T> Future<T> run(IntFunction<Future<T>> attempt, Predicate<Throwable> retryable, RetryListener listener) {
    return run(1, attempt, retryable, listener);
  }

  private <T> Future<T> run(int number, IntFunction<Future<T>> attempt, Predicate<Throwable> retryable,
                            RetryListener listener) {
    return Future.succeededFuture(number).compose(attempt::apply).recover(failure -> {
      if (number < attempts && retryable.test(failure)) {
        listener.retrying(number, failure);
        return Pause.of(vertx, Math.max(1, interval.toMillis()))
          .compose(waited -> run(number + 1, attempt, retryable, listener));
      }
      return Future.failedFuture(new GaveUp(number, failure));
    });
  }
}
