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
 * @param maxPoolSize          pooled HTTP/1.1 connections to the exchange
 */
public record LighterClientOptions(
  String baseUrl,
  Duration connectTimeout,
  Duration requestTimeout,
  int breakerMaxFailures,
  Duration breakerResetTimeout,
  Duration breakerFailureWindow,
  int maxPoolSize) {

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
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1");
    }
  }

  /**
   * Production defaults: fail fast on connect, allow a slow sequencer a few seconds, open after 5 failures in
   * 10 s and try again after 5 s, so that a burst of 429s pauses trading for seconds, not for a whole retry budget.
   */
  public static LighterClientOptions defaults(String baseUrl) {
    return new LighterClientOptions(baseUrl, Duration.ofSeconds(3), Duration.ofSeconds(10), 5,
      Duration.ofSeconds(5), Duration.ofSeconds(10), 16);
  }

  public LighterClientOptions withTimeouts(Duration connect, Duration request) {
    return new LighterClientOptions(baseUrl, connect, request, breakerMaxFailures, breakerResetTimeout,
      breakerFailureWindow, maxPoolSize);
  }

  public LighterClientOptions withBreaker(int maxFailures, Duration resetTimeout) {
    return new LighterClientOptions(baseUrl, connectTimeout, requestTimeout, maxFailures, resetTimeout,
      breakerFailureWindow, maxPoolSize);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
