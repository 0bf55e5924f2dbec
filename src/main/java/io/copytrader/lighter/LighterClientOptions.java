package io.copytrader.lighter;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the service talks to one Lighter REST endpoint.
 *
 * @param baseUrl              scheme, host, optional port and optional path prefix, e.g. {@code https://mainnet.zklighter.elliot.ai}
 * @param connectTimeout       time allowed to open a TCP/TLS connection
 * @param requestTimeout       time allowed for a whole request, from sending to the last byte of the response
 * @param breakerMaxFailures   exchange failures within {@code breakerFailureWindow} that open the breaker
 * @param breakerResetTimeout  how long the breaker stays open before one trial call is let through
 * @param breakerFailureWindow the rolling window failures are counted in (whole seconds)
 * @param maxPoolSize          pooled HTTP/1.1 connections to the exchange for reads
 * @param sendConnections      pooled HTTP/1.1 connections for {@code sendTx}, which every account may need at once
 * @param connectionWait       how long a send may wait for one of them: a send queued behind others is not a fault,
 *                             and one that gets none in time was not sent
 */
public record LighterClientOptions(
  String baseUrl,
  Duration connectTimeout,
  Duration requestTimeout,
  int breakerMaxFailures,
  Duration breakerResetTimeout,
  Duration breakerFailureWindow,
  int maxPoolSize,
  int sendConnections,
  Duration connectionWait) {

  /** Send connections for a few accounts, and at most: a moderate number of connections from one IP. */
  public static final int MIN_SEND_CONNECTIONS = 16;
  public static final int MAX_SEND_CONNECTIONS = 128;

  public LighterClientOptions {
    Objects.requireNonNull(baseUrl, "baseUrl");
    URI uri = URI.create(baseUrl);
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("baseUrl must be an http or https URL with a host");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(breakerResetTimeout, "breakerResetTimeout");
    if (breakerFailureWindow == null || breakerFailureWindow.toSeconds() < 1) {
      throw new IllegalArgumentException("breakerFailureWindow must be at least one second");
    }
    if (breakerMaxFailures < 1) {
      throw new IllegalArgumentException("breakerMaxFailures must be at least 1");
    }
    if (maxPoolSize < 1 || sendConnections < 1) {
      throw new IllegalArgumentException("maxPoolSize and sendConnections must be at least 1");
    }
    requirePositive(connectionWait, "connectionWait");
  }

  /**
   * Production defaults: fail fast on connect, allow a slow sequencer a few seconds, open after 5 failures in
   * 10 s and try again after 5 s, so that a burst of 429s pauses trading for seconds, not for a whole retry budget.
   */
  public static LighterClientOptions defaults(String baseUrl) {
    return new LighterClientOptions(baseUrl, Duration.ofSeconds(3), Duration.ofSeconds(10), 5,
      Duration.ofSeconds(5), Duration.ofSeconds(10), 16, 16, Duration.ofSeconds(10));
  }

  public LighterClientOptions withTimeouts(Duration connect, Duration request) {
    return new LighterClientOptions(baseUrl, connect, request, breakerMaxFailures, breakerResetTimeout,
      breakerFailureWindow, maxPoolSize, sendConnections, connectionWait);
  }

  public LighterClientOptions withBreaker(int maxFailures, Duration resetTimeout) {
    return new LighterClientOptions(baseUrl, connectTimeout, requestTimeout, maxFailures, resetTimeout,
      breakerFailureWindow, maxPoolSize, sendConnections, connectionWait);
  }

  /**
   * Send connections for {@code accounts} accounts: one each, since an account sends one transaction at a time and
   * a fanned-out signal has every account send at once, between {@link #MIN_SEND_CONNECTIONS} and
   * {@link #MAX_SEND_CONNECTIONS}. With 16, a thousand sends took 63 exchange round trips one after another.
   */
  public LighterClientOptions withSendConnectionsFor(int accounts) {
    int connections = Math.max(MIN_SEND_CONNECTIONS, Math.min(MAX_SEND_CONNECTIONS, accounts));
    return new LighterClientOptions(baseUrl, connectTimeout, requestTimeout, breakerMaxFailures, breakerResetTimeout,
      breakerFailureWindow, maxPoolSize, connections, connectionWait);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
