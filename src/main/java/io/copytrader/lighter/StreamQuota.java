package io.copytrader.lighter;

import java.time.Duration;

/**
 * What {@link LighterStream} allows itself of Lighter's WebSocket limits per IP (docs/lighter-api.md, "Rate
 * limits"): how fast subscription changes go out and how many connections and subscriptions it holds.
 *
 * @param messagesPerWindow          subscription changes every connection together sends in a rolling window
 * @param window                     the rolling window
 * @param spacing                    the least time between two of one connection's messages, 1 ms or more
 * @param subscriptionsPerConnection channels one connection follows at most
 * @param connections                connections the stream opens at most
 */
public record StreamQuota(int messagesPerWindow, Duration window, Duration spacing, int subscriptionsPerConnection,
                          int connections) {

  public StreamQuota {
    if (messagesPerWindow < 1 || window.isNegative() || window.isZero() || spacing.toMillis() < 1
      || subscriptionsPerConnection < 1 || connections < 1) {
      throw new IllegalArgumentException("a stream quota needs at least one message in a positive window, spaced"
        + " 1 ms or more, and at least one connection and subscription");
    }
  }

  /**
   * Within Lighter's 200 client messages a minute: 180, one each 20 ms on a connection; its 500 subscriptions a
   * connection and 255 connections.
   */
  public static StreamQuota lighter() {
    return new StreamQuota(180, Duration.ofSeconds(65), Duration.ofMillis(20), 500, 255);
  }

  /** This quota with another pace of messages. */
  public StreamQuota withMessages(int perWindow, Duration rollingWindow, Duration between) {
    return new StreamQuota(perWindow, rollingWindow, between, subscriptionsPerConnection, connections);
  }

  /** This quota with other connection limits. */
  public StreamQuota withConnections(int subscriptionsEach, int count) {
    return new StreamQuota(messagesPerWindow, window, spacing, subscriptionsEach, count);
  }

  StreamMessageWindow newWindow() {
    return new StreamMessageWindow(messagesPerWindow, window.toMillis());
  }
}
