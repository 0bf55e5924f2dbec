package io.copytrader.lighter.budget;

import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.lighter.limits.EndpointWeights;
import io.copytrader.lighter.limits.RollingMinute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The service's share of Lighter's REST limits (docs/lighter-api.md, "Rate limits"): one rolling minute per
 * {@link BudgetScope} (the IP and the L1 address), sized by the {@link AccountTier}, each call costing what the tier
 * makes of its path's weight ({@link EndpointWeights}), and the calls waiting for room in it. Calls are let through
 * by {@link CallPriority}, then in arrival order: sends and confirmations may spend the whole minute, protection and
 * periodic reads only {@link #UNRESERVED_SHARE} of it, and nothing goes while a more urgent call waits, so they are
 * stretched out, not dropped and not answered by 429s, and a signal's sends find room at once however long the reads
 * before them.
 *
 * <p>When the exchange answers 429 anyway (someone else calls from the same IP, or the tier is set higher than the
 * account's), the scope {@linkplain #throttled backs off}: nothing goes for a second, doubling at each further 429 up
 * to a minute, and the minute's limit shrinks by a quarter (to a quarter of the tier at least), growing back by a
 * tenth of the tier per quiet minute.
 *
 * <p>Pure and clocked by its caller; thread-safe, since every context calling Lighter shares one.
 *
 * @param <T> what a waiting call is to its caller: handed back by {@link #release} when the call may go
 */
public final class RateBudget<T> {

  /**
   * How much of a minute's limit protection and periodic calls may spend; the rest is kept for sends and their
   * confirmation. A quarter of the premium tier's 24,000 is a thousand nonce reads (or sends) of weight 6: a first
   * signal to a thousand accounts.
   */
  public static final double UNRESERVED_SHARE = 0.75;
  static final double SHRINK = 0.75;
  static final double FLOOR = 0.25;
  static final double REGROW_PER_MINUTE = 0.1;
  // Lighter counts a call when it receives it, the budget when it sends it: a charge kept 5 s past the minute leaves
  // that much lag between the two before a call the budget thinks free meets a minute Lighter still thinks full.
  static final long SENT_CHARGE_MS = RollingMinute.WINDOW_MS + 5_000;
  static final long FIRST_BACKOFF_MS = 1_000;
  // Lighter's minute rolls: calls leave it continuously, so a few seconds usually free room again, and the shrunk
  // limit keeps the scope below what drew the 429. Waiting up to a minute would hold a trade's send that long.
  static final long MAX_BACKOFF_MS = 8_000;

  /**
   * One scope's figures.
   *
   * @param used      weight spent in the rolling minute (on the standard tier each request at least 400)
   * @param limit     what may be spent in it now (the tier's, or less after 429s)
   * @param waiting   calls waiting now
   * @param delayed   calls that had to wait, since start
   * @param throttled 429 answers seen, since start
   */
  public record Usage(long used, long limit, int waiting, long delayed, long throttled) {
  }

  /**
   * What {@link #release} lets go.
   *
   * @param admitted    the calls that may go now, their cost spent, most urgent first
   * @param nextCheckMs when to call {@link #release} again, in ms from now; -1 when nothing waits
   */
  public record Release<T>(List<T> admitted, long nextCheckMs) {
  }

  private static final class Waiting<T> {
    final T ticket;
    final CallPriority priority;
    final int cost;
    final boolean spends;
    final long sequence;
    boolean delayed;

    Waiting(T ticket, CallPriority priority, int cost, boolean spends, long sequence) {
      this.ticket = ticket;
      this.priority = priority;
      this.cost = cost;
      this.spends = spends;
      this.sequence = sequence;
    }
  }

  private final class Scope {
    final RollingMinute window = new RollingMinute(SENT_CHARGE_MS);
    final PriorityQueue<Waiting<T>> queue = new PriorityQueue<>(Comparator
      .<Waiting<T>, Integer>comparing(waiting -> waiting.priority.ordinal())
      .thenComparingLong(waiting -> waiting.sequence));
    double factor = 1.0;
    long regrowFromMs;
    long blockedUntilMs;
    long backoffMs = FIRST_BACKOFF_MS;
    long delayed;
    long throttled;

    long limit(long nowMs) {
      if (factor < 1.0 && nowMs - regrowFromMs >= RollingMinute.WINDOW_MS) {
        long minutes = (nowMs - regrowFromMs) / RollingMinute.WINDOW_MS;
        factor = Math.min(1.0, factor + minutes * REGROW_PER_MINUTE);
        regrowFromMs += minutes * RollingMinute.WINDOW_MS;
      }
      return (long) Math.floor(tier.weightPerMinute() * factor);
    }

    /** Lets the calls that fit go, in order; the wait until the first that does not may fit, or -1. */
    long release(long nowMs, List<T> admitted) {
      long next = -1;
      if (nowMs < blockedUntilMs) {
        next = queue.isEmpty() ? -1 : blockedUntilMs - nowMs;
      } else {
        long limit = limit(nowMs);
        while (!queue.isEmpty()) {
          Waiting<T> first = queue.peek();
          long cap = first.priority.spendsReserve() ? limit : (long) Math.floor(limit * UNRESERVED_SHARE);
          long wait = window.waitFor(first.cost, cap, nowMs);
          if (wait > 0) {
            next = wait;
            break;
          }
          queue.poll();
          if (first.spends) {
            window.spend(first.cost, nowMs);
          }
          admitted.add(first.ticket);
        }
      }
      for (Waiting<T> waiting : queue) {
        if (!waiting.delayed) {
          waiting.delayed = true;
          delayed++;
        }
      }
      return next;
    }
  }

  private final AccountTier tier;
  private final Map<BudgetScope, Scope> scopes = new EnumMap<>(BudgetScope.class);
  private long sequence;

  public RateBudget(AccountTier tier) {
    this.tier = tier;
    for (BudgetScope scope : BudgetScope.values()) {
      scopes.put(scope, new Scope());
    }
  }

  public AccountTier tier() {
    return tier;
  }

  /** A call to {@code path} waits for room in the scope; {@link #release} says when it may go. */
  public synchronized void enqueue(BudgetScope scope, CallPriority priority, String path, T ticket) {
    scopes.get(scope).queue.add(new Waiting<>(ticket, priority, cost(path), true, sequence++));
  }

  /**
   * Waits, as a call to {@code path} would, until such a call would go, and is let go without spending: for a
   * caller that must not start a round of periodic reads while they would wait (an account's protection round
   * holds the account's queue while it runs).
   */
  public synchronized void enqueueProbe(BudgetScope scope, CallPriority priority, String path, T ticket) {
    scopes.get(scope).queue.add(new Waiting<>(ticket, priority, cost(path), false, sequence++));
  }

  /** What one call to {@code path} costs on this budget's tier. */
  public int cost(String path) {
    return tier.cost(EndpointWeights.weight(path));
  }

  /** The waiting calls that may go at {@code nowMs}, their cost spent; counts those left waiting as delayed. */
  public synchronized Release<T> release(long nowMs) {
    List<T> admitted = new ArrayList<>();
    long next = -1;
    for (Scope scope : scopes.values()) {
      long wait = scope.release(nowMs, admitted);
      if (wait >= 0 && (next < 0 || wait < next)) {
        next = wait;
      }
    }
    return new Release<>(admitted, next);
  }

  /** The exchange answered a call of the scope with 429: it backs off and its limit shrinks. */
  public synchronized void throttled(BudgetScope scope, long nowMs) {
    Scope throttledScope = scopes.get(scope);
    throttledScope.throttled++;
    throttledScope.limit(nowMs);
    throttledScope.factor = Math.max(FLOOR, throttledScope.factor * SHRINK);
    throttledScope.regrowFromMs = nowMs;
    throttledScope.blockedUntilMs = Math.max(throttledScope.blockedUntilMs, nowMs + throttledScope.backoffMs);
    throttledScope.backoffMs = Math.min(MAX_BACKOFF_MS, throttledScope.backoffMs * 2);
  }

  /** The exchange answered a call of the scope with anything but 429: the next 429 backs off from the start. */
  public synchronized void answered(BudgetScope scope) {
    scopes.get(scope).backoffMs = FIRST_BACKOFF_MS;
  }

  public synchronized Usage usage(BudgetScope scope, long nowMs) {
    Scope current = scopes.get(scope);
    return new Usage(current.window.used(nowMs), current.limit(nowMs), current.queue.size(), current.delayed,
      current.throttled);
  }
}
