package io.copytrader.lighter;

import java.time.Duration;
import java.util.Optional;

/**
 * How far this host's clock may be from the exchange's, from the time the exchange reports in its status
 * ({@code GET /}). A transaction's {@code ExpiredAt} is judged by the exchange's clock, and "it expired unapplied" is
 * evidence only once the exchange's clock has passed it; a host clock running ahead of the exchange's would take it
 * for that evidence while the exchange may still apply the transaction. Bounded, not estimated: the exchange
 * stamped its time somewhere between the request leaving and its answer arriving, and to the second, so only the
 * bounds of the last reading are kept. Lighter documents the status's {@code timestamp} as unix seconds; that it is
 * the server's current time is what a reading assumes, so one that puts the two clocks more than
 * {@link #PLAUSIBLE} apart is not taken for the exchange's clock, and the assumption of {@link #ASSUMED_AHEAD}
 * stands. Safe to share between threads.
 */
public final class ExchangeClock {

  /** Bounds of (this host's clock − the exchange's clock), in milliseconds, from one reading. */
  public record Offset(long aheadAtLeastMs, long aheadAtMostMs, long readAtMillis) {

    /** Whether this host's clock is, for certain, more than {@code margin} away from the exchange's. */
    public boolean beyond(Duration margin) {
      return aheadAtLeastMs > margin.toMillis() || aheadAtMostMs < -margin.toMillis();
    }
  }

  /**
   * How far the exchange's clock is taken to be behind this host's, at least, where a reading does not say it may
   * be further: a host kept by NTP is within milliseconds, and this leaves room for a second's resolution.
   */
  public static final Duration ASSUMED_AHEAD = Duration.ofSeconds(5);

  /** Further apart than this, a reported time is taken for something else than the exchange's clock. */
  public static final Duration PLAUSIBLE = Duration.ofHours(1);

  /** A reported timestamp from here on is in milliseconds (10^11 seconds is after the year 5000). */
  private static final long MILLIS_FROM = 100_000_000_000L;
  private static final long SECOND_MS = 1_000;

  private volatile Offset last;

  /**
   * One reading: the exchange reported {@code reported} (unix seconds, or milliseconds when that large) in answer to
   * a request sent at {@code sentAtMillis} and answered at {@code answeredAtMillis}, both by this host's clock.
   *
   * @return whether the reading was taken: false for one that cannot be right or is not {@link #PLAUSIBLE}
   */
  public boolean observe(long reported, long sentAtMillis, long answeredAtMillis) {
    if (reported <= 0 || answeredAtMillis < sentAtMillis) {
      return false;
    }
    long stampedFrom = earliest(reported);
    long stampedTo = reported >= MILLIS_FROM ? reported : stampedFrom + SECOND_MS - 1;
    Offset offset = new Offset(sentAtMillis - stampedTo, answeredAtMillis - stampedFrom, answeredAtMillis);
    if (offset.beyond(PLAUSIBLE)) {
      return false;
    }
    last = offset;
    return true;
  }

  /** The earliest time, in milliseconds, a reported time stands for: its second's start, or itself in milliseconds. */
  public static long earliest(long reported) {
    return reported >= MILLIS_FROM ? reported : reported * SECOND_MS;
  }

  /** The last reading's bounds; empty before the first. */
  public Optional<Offset> offset() {
    return Optional.ofNullable(last);
  }

  /**
   * How long after a transaction's {@code ExpiredAt}, by this host's clock, the exchange's clock has surely passed
   * it too: the last reading's bound, or {@link #ASSUMED_AHEAD} when that is larger or nothing was read yet.
   */
  public Duration expiryMargin() {
    Offset offset = last;
    return offset == null || offset.aheadAtMostMs() <= ASSUMED_AHEAD.toMillis() ? ASSUMED_AHEAD
      : Duration.ofMillis(offset.aheadAtMostMs());
  }
}
