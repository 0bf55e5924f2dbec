package io.copytrader.lighter.budget;

import java.util.ArrayDeque;

/** What was spent in the rolling minute before a given instant, and how long until more may be spent. */
final class RollingWindow {

  static final long MINUTE_MS = 60_000;

  /** Each spend as {@code {atMillis, cost}}, oldest first. */
  private final ArrayDeque<long[]> spent = new ArrayDeque<>();
  private long used;

  /** What was spent in the minute up to {@code nowMs}. */
  long used(long nowMs) {
    while (!spent.isEmpty() && spent.peekFirst()[0] <= nowMs - MINUTE_MS) {
      used -= spent.pollFirst()[1];
    }
    return used;
  }

  void spend(int cost, long nowMs) {
    if (cost > 0) {
      spent.addLast(new long[] {nowMs, cost});
      used += cost;
    }
  }

  /**
   * Milliseconds from {@code nowMs} until {@code cost} more fits under {@code cap}: 0 when it fits now. A cost
   * above the cap (no tier's cap is that low) fits once the window is empty, so it could be slowed, never stuck.
   */
  long waitFor(int cost, long cap, long nowMs) {
    long current = used(nowMs);
    if (current + cost <= cap || current == 0) {
      return 0;
    }
    long toFree = Math.min(current, current + cost - cap);
    long freed = 0;
    for (long[] entry : spent) {
      freed += entry[1];
      if (freed >= toFree) {
        return entry[0] + MINUTE_MS - nowMs;
      }
    }
    return MINUTE_MS;
  }
}
