package io.copytrader.paper.limits;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What one key (an IP, an L1 address) spent in the last minute, exactly: each charge is kept with its time until it
 * is a minute old. Holds at most as many entries as the budget has units of the cheapest charge.
 */
final class RollingMinute {

  static final long WINDOW_MS = 60_000;

  private record Charge(long at, int cost) {
  }

  private final Deque<Charge> charges = new ArrayDeque<>();
  private long used;

  /** Spends {@code cost} at {@code now} when it fits {@code budget} with what the last minute spent. */
  boolean tryCharge(long now, int cost, int budget) {
    expire(now);
    if (used + cost > budget) {
      return false;
    }
    charges.addLast(new Charge(now, cost));
    used += cost;
    return true;
  }

  long used(long now) {
    expire(now);
    return used;
  }

  private void expire(long now) {
    while (!charges.isEmpty() && charges.peekFirst().at() <= now - WINDOW_MS) {
      used -= charges.removeFirst().cost();
    }
  }
}
