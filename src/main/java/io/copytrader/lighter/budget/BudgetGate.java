package io.copytrader.lighter.budget;

import io.copytrader.lighter.limits.AccountTier;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * The {@link RateBudget} on Vert.x: a call asks {@link #admit} and goes when its future completes, on the context
 * it asked from, at once when there is room and otherwise when a timer finds some. One instance is shared by every
 * caller of Lighter's REST API; it may be called from any context.
 */
public final class BudgetGate {

  private final Vertx vertx;
  private final RateBudget<Runnable> budget;
  private final long originNanos = System.nanoTime();
  private long timer = -1;
  private long timerDueMs;

  public BudgetGate(Vertx vertx, AccountTier tier) {
    this.vertx = vertx;
    this.budget = new RateBudget<>(tier);
  }

  public AccountTier tier() {
    return budget.tier();
  }

  /** Completes, on the caller's context, when a call to {@code path} may go; never fails. */
  public Future<Void> admit(BudgetScope scope, CallPriority priority, String path) {
    return wait(scope, priority, path, true);
  }

  /**
   * Completes, on the caller's context, when a call to {@code path} would go without waiting; spends nothing
   * ({@link RateBudget#enqueueProbe}).
   */
  public Future<Void> room(BudgetScope scope, CallPriority priority, String path) {
    return wait(scope, priority, path, false);
  }

  private Future<Void> wait(BudgetScope scope, CallPriority priority, String path, boolean spends) {
    if (budget.cost(path) == 0) {
      return Future.succeededFuture();
    }
    Waiter waiter = new Waiter(Vertx.currentContext(), Thread.currentThread());
    if (spends) {
      budget.enqueue(scope, priority, path, waiter);
    } else {
      budget.enqueueProbe(scope, priority, path, waiter);
    }
    release();
    waiter.asking = false;
    return waiter.admitted.future();
  }

  /**
   * A call waiting: let go at once on its own thread while it is still asking (as if there were no budget), or
   * later on its own context (none for a thread outside Vert.x).
   */
  private static final class Waiter implements Runnable {
    final Context context;
    final Thread thread;
    final Promise<Void> admitted = Promise.promise();
    volatile boolean asking = true;

    Waiter(Context context, Thread thread) {
      this.context = context;
      this.thread = thread;
    }

    @Override
    public void run() {
      if (context == null || asking && Thread.currentThread() == thread) {
        admitted.complete();
      } else {
        context.runOnContext(hop -> admitted.complete());
      }
    }
  }

  /** The exchange answered 429: the scope backs off (see {@link RateBudget#throttled}). */
  public void throttled(BudgetScope scope) {
    budget.throttled(scope, nowMs());
  }

  /** The exchange answered, with anything but 429. */
  public void answered(BudgetScope scope) {
    budget.answered(scope);
  }

  public RateBudget.Usage usage(BudgetScope scope) {
    return budget.usage(scope, nowMs());
  }

  private void release() {
    RateBudget.Release<Runnable> release = budget.release(nowMs());
    if (release.nextCheckMs() >= 0) {
      recheckIn(release.nextCheckMs());
    }
    release.admitted().forEach(Runnable::run);
  }

  private synchronized void recheckIn(long delayMs) {
    long due = nowMs() + delayMs;
    if (timer >= 0 && timerDueMs <= due) {
      return;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    timerDueMs = due;
    timer = vertx.setTimer(Math.max(1, delayMs), fired -> {
      synchronized (this) {
        timer = -1;
      }
      release();
    });
  }

  /** Milliseconds since this gate was made: a monotonic clock, unlike the wall clock. */
  private long nowMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - originNanos);
  }
}
