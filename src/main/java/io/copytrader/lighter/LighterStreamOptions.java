package io.copytrader.lighter;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how {@link LighterStream} connects.
 *
 * @param host              the exchange's host
 * @param port              its port
 * @param ssl               {@code wss} rather than {@code ws}
 * @param pingInterval      how often the client sends {@code {"type":"ping"}} (Lighter's SDKs: 30 s)
 * @param staleAfter        silence on the connection after which its state is no longer trusted; longer than
 *                          {@code pingInterval}, so a healthy but quiet connection (answered pings) stays fresh
 * @param firstReconnectDelay the wait before the first reconnection attempt, doubled on each failure
 * @param maxReconnectDelay the longest wait between attempts
 * @param quota             how fast subscriptions go out, on how many connections ({@link StreamQuota#lighter()}
 *                          unless a test says)
 * @param confirmTimeout    how long a sent subscription may go without its snapshot before it is sent again
 *                          (an exchange that refuses it, 30009 or 23001, names no channel), doubled on each retry
 */
public record LighterStreamOptions(String host, int port, boolean ssl, Duration pingInterval, Duration staleAfter,
                                   Duration firstReconnectDelay, Duration maxReconnectDelay, StreamQuota quota,
                                   Duration confirmTimeout) {

  public static final String PATH = "/stream";

  public LighterStreamOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(confirmTimeout, "confirmTimeout");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range");
    }
    if (pingInterval.isNegative() || pingInterval.isZero() || staleAfter.isNegative() || staleAfter.isZero()
      || firstReconnectDelay.isNegative() || firstReconnectDelay.isZero()
      || maxReconnectDelay.compareTo(firstReconnectDelay) < 0 || confirmTimeout.isNegative()
      || confirmTimeout.isZero()) {
      throw new IllegalArgumentException("intervals must be positive and the maximum delay at least the first");
    }
  }

  /** Paced as Lighter's limits allow ({@link StreamQuota#lighter()}). */
  public LighterStreamOptions(String host, int port, boolean ssl, Duration pingInterval, Duration staleAfter,
                              Duration firstReconnectDelay, Duration maxReconnectDelay) {
    this(host, port, ssl, pingInterval, staleAfter, firstReconnectDelay, maxReconnectDelay, StreamQuota.lighter(),
      Duration.ofSeconds(10));
  }

  /** The stream of the exchange at {@code baseUrl} (its REST URL), as {@link LighterNetwork#streamUrlFor} says. */
  public static LighterStreamOptions defaults(String baseUrl) {
    return forStreamUrl(LighterNetwork.streamUrlFor(baseUrl));
  }

  /** The stream at {@code streamUrl}: a {@code ws} or {@code wss} URL with a host and the path {@value #PATH}. */
  public static LighterStreamOptions forStreamUrl(String streamUrl) {
    URI uri = URI.create(streamUrl);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("ws") || scheme.equals("wss")) || !PATH.equals(uri.getPath())
      || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("streamUrl must be a ws or wss URL with a host and the path " + PATH);
    }
    boolean ssl = scheme.equals("wss");
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    return new LighterStreamOptions(uri.getHost(), port, ssl, Duration.ofSeconds(30), Duration.ofSeconds(45),
      Duration.ofMillis(250), Duration.ofSeconds(10));
  }

  public LighterStreamOptions withPingInterval(Duration interval) {
    return new LighterStreamOptions(host, port, ssl, interval, staleAfter, firstReconnectDelay, maxReconnectDelay,
      quota, confirmTimeout);
  }

  public LighterStreamOptions withStaleAfter(Duration silence) {
    return new LighterStreamOptions(host, port, ssl, pingInterval, silence, firstReconnectDelay, maxReconnectDelay,
      quota, confirmTimeout);
  }

  public LighterStreamOptions withReconnectDelays(Duration first, Duration max) {
    return new LighterStreamOptions(host, port, ssl, pingInterval, staleAfter, first, max, quota,
      confirmTimeout);
  }

  public LighterStreamOptions withQuota(StreamQuota limits) {
    return new LighterStreamOptions(host, port, ssl, pingInterval, staleAfter, firstReconnectDelay,
      maxReconnectDelay, limits, confirmTimeout);
  }

  public LighterStreamOptions withConfirmTimeout(Duration timeout) {
    return new LighterStreamOptions(host, port, ssl, pingInterval, staleAfter, firstReconnectDelay,
      maxReconnectDelay, quota, timeout);
  }
}
