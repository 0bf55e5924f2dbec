package io.copytrader.leader;

import io.copytrader.metrics.ServiceMetrics;

/**
 * The idempotency key of a target submitted for a leader change, {@code follow:<leader>:<follower>:<market>:<event>}
 * (README.md, "Copying a leader"): the same change always gives the same key, so resubmitting it after a restart
 * never trades twice. Events are {@code e<ms>} for a leader change and {@code d<ms>} for a drift correction.
 */
final class FollowKeys {

  private FollowKeys() {
  }

  static String key(String leader, long follower, int marketId, String event) {
    return ServiceMetrics.FOLLOW_KEY_PREFIX + leader + ":" + follower + ":" + marketId + ":" + event;
  }

  /** The key of a leader change in one market, the same for every follower it goes to: the notices' fan-out key. */
  static String signal(String leader, int marketId, String event) {
    return ServiceMetrics.FOLLOW_KEY_PREFIX + leader + ":" + marketId + ":" + event;
  }

  /** A new event id after {@code previous} (null for none), from the clock but never repeating one. */
  static String nextEvent(char kind, long nowMillis, long previousMillis) {
    return kind + Long.toString(Math.max(nowMillis, previousMillis + 1));
  }

  /** The time in an event id, 0 when it has none. */
  static long millisOf(String event) {
    if (event == null || event.length() < 2 || !event.substring(1).matches("\\d{1,18}")) {
      return 0;
    }
    return Long.parseLong(event.substring(1));
  }
}
