package io.copytrader.paper.limits;

/**
 * The WebSocket's limits per IP (docs/lighter-api.md, "Rate limits").
 *
 * @param connections connections one IP may hold open (23003 beyond)
 * @param subscriptionsPerConnection channels one connection may follow (23001 beyond)
 * @param messagesPerMinute subscribe, unsubscribe and other client frames one IP may send in a rolling minute
 *   (30009 beyond); pings, pongs and transactions are not counted here
 * @param inflightMessages counted frames one IP may have unanswered (30010 beyond)
 * @param accounts different accounts one IP's account channels may follow (23002 beyond; the figure is assumed)
 */
public record StreamLimits(int connections, int subscriptionsPerConnection, int messagesPerMinute,
                           int inflightMessages, int accounts) {

  public StreamLimits {
    if (connections < 1 || subscriptionsPerConnection < 1 || messagesPerMinute < 1 || inflightMessages < 1
      || accounts < 1) {
      throw new IllegalArgumentException("every WebSocket limit must be at least 1");
    }
  }

  /** Lighter's: 255 connections, 500 subscriptions each, 200 messages a minute, 50 inflight, 5,000 accounts. */
  public static StreamLimits lighter() {
    return new StreamLimits(255, 500, 200, 50, 5_000);
  }
}
