package io.copytrader.lighter.limits;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one key (an IP, an L1 address) spent in the last minute, exactly: each charge is kept with its time until it
 * is a minute old. Holds at most as many entries as the budget has units of the cheapest charge. Not thread-safe.
 */
public final class RollingMinute {

  public static final long WINDOW_MS = 60_000;

  private record Charge(long at, int cost) {
  }

  private final Deque<Charge> charges = new ArrayDeque<>();
  private final long windowMs;
  private long used;

  /** A minute, as Lighter counts its limits. */
  public RollingMinute() {
    this(WINDOW_MS);
  }

  /** Each charge kept {@code windowMs}: longer than a minute where the charges are counted again elsewhere, later. */
  public RollingMinute(long windowMs) {
    this.windowMs = windowMs;
  }

  /** Spends {@code cost} at {@code nowMs} when it fits {@code budget} with what the last minute spent. */
  public boolean tryCharge(int cost, long budget, long nowMs) {
    if (used(nowMs) + cost > budget) {
      return false;
    }
    spend(cost, nowMs);
    return true;
  }

  /** Spends {@code cost} at {@code nowMs}, whether it fits or not. */
  public void spend(int cost, long nowMs) {
    if (cost > 0) {
      charges.addLast(new Charge(nowMs, cost));
      used += cost;
    }
  }

  /** What was spent in the minute up to {@code nowMs}. */
  public long used(long nowMs) {
    while (!charges.isEmpty() && charges.peekFirst().at() <= nowMs - windowMs) {
      used -= charges.removeFirst().cost();
    }
    return used;
  }

  /**
   * Milliseconds from {@code nowMs} until {@code cost} more fits under {@code cap}: 0 when it fits now. A cost
   * above the cap fits once the minute is empty, so it could be slowed, never stuck.
   */
  public long waitFor(int cost, long cap, long nowMs) {
    long current = used(nowMs);
    if (current + cost <= cap || current == 0) {
      return 0;
    }
    long toFree = Math.min(current, current + cost - cap);
    long freed = 0;
    for (Charge charge : charges) {
      freed += charge.cost();
      if (freed >= toFree) {
        return charge.at() + windowMs - nowMs;
      }
    }
    return windowMs;
  }
}
