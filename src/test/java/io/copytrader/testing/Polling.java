package io.copytrader.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what a test caused to become visible, by polling; the one place tests wait for a condition. The
 * blocking forms are for the test thread; the {@link Future} form polls on Vert.x timers and never blocks.
 */
public final class Polling {

  /** How long a condition gets when the test names no bound. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration INTERVAL = Duration.ofMillis(20);

  private Polling() {
  }

  /** Polls {@code condition} until it holds; fails the test naming {@code what} after {@link #TIMEOUT}. */
  public static void eventually(String what, BooleanSupplier condition) {
    eventually(what, TIMEOUT, condition);
  }

  /** Polls {@code condition} until it holds; fails the test naming {@code what} after {@code timeout}. */
  public static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    if (!until(timeout, condition::getAsBoolean, Boolean::booleanValue)) {
      throw new AssertionError(notReached(what, timeout));
    }
  }

  /** Polls {@code probe} until {@code done} holds and returns that value; fails with the last one seen. */
  public static <T> T eventually(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
    T last = until(timeout, probe, done);
    if (!done.test(last)) {
      throw new AssertionError(notReached(what, timeout) + "; last seen: " + last);
    }
    return last;
  }

  /** Polls {@code probe} until {@code done} holds or {@code bound} passes; returns the last value either way. */
  public static <T> T until(Duration bound, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + bound.toNanos();
    T last = probe.get();
    while (!done.test(last) && System.nanoTime() - deadline < 0) {
      pause(INTERVAL);
      last = probe.get();
    }
    return last;
  }

  /**
   * Polls the asynchronous {@code probe} on a Vert.x context, between polls on timers, until {@code done} holds;
   * the future fails naming {@code what} after {@code timeout}, or with the probe's own failure.
   */
  public static <T> Future<T> eventually(Vertx vertx, String what, Duration timeout, Supplier<Future<T>> probe,
                                         Predicate<T> done) {
    Promise<T> outcome = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    vertx.getOrCreateContext().runOnContext(start -> poll(vertx, what, timeout, deadline, probe, done, outcome));
    return outcome.future();
  }

  private static <T> void poll(Vertx vertx, String what, Duration timeout, long deadline, Supplier<Future<T>> probe,
                               Predicate<T> done, Promise<T> outcome) {
    probe.get().onFailure(outcome::fail).onSuccess(last -> {
      if (done.test(last)) {
        outcome.complete(last);
      } else if (System.nanoTime() - deadline >= 0) {
        outcome.fail(new AssertionError(notReached(what, timeout) + "; last seen: " + last));
      } else {
        vertx.setTimer(INTERVAL.toMillis(), id -> poll(vertx, what, timeout, deadline, probe, done, outcome));
      }
    });
  }

  private static String notReached(String what, Duration timeout) {
    return what + " not reached within " + timeout.toMillis() + " ms";
  }

  /** Sleeps the test thread; only between polls, or to let something that must not happen have its chance. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
