package io.copytrader.leader;

import java.util.Locale;

/** How a leader is being watched, as {@code GET /api/leaders} shows it. */
public enum FeedState {
  /** The WebSocket channel is subscribed and heard from. */
  LIVE,
  /** The channel is refused or down: the leader's account is read over REST at the poll interval. */
  POLLING,
  /** Nothing heard for longer than the stale bound: followers only reduce until a REST reconcile succeeds. */
  STALE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
