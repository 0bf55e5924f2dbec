package io.copytrader.lighter;

import java.util.ArrayDeque;

/**
 * The IP's budget of counted client messages (subscribe, unsubscribe) in a rolling window, shared by every stream
 * connection: Lighter counts its 200 a minute per IP, not per connection (docs/lighter-api.md, "Rate limits").
 * Pings and pongs are not counted, as Lighter does not count them. Not thread-safe: every connection of a stream
 * uses it on the stream's context.
 */
final class StreamMessageWindow {

  private final int limit;
  private final long windowMillis;
  private final ArrayDeque<Long> sentAtMillis = new ArrayDeque<>();

  StreamMessageWindow(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /** How long until one more message may go at {@code nowMillis}: 0 when it may go now. */
  long waitMillis(long nowMillis) {
    while (!sentAtMillis.isEmpty() && sentAtMillis.peekFirst() <= nowMillis - windowMillis) {
      sentAtMillis.pollFirst();
    }
    return sentAtMillis.size() < limit ? 0 : sentAtMillis.peekFirst() + windowMillis - nowMillis;
  }

  /** A message went at {@code nowMillis}. */
  void sent(long nowMillis) {
    sentAtMillis.addLast(nowMillis);
  }
}
