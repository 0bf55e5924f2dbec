package io.copytrader.account;

import io.copytrader.config.TradingParameters;
import java.time.Duration;
import java.util.Optional;

/**
 * How one account executes requests.
 *
 * @param attempts 1 + MAX_RETRIES
 * @param maxSignalAge how long a request may wait in the queue before it starts
 * @param fillTimeout how long to wait for an accepted order's final state
 */
public record ExecutionSettings(TradingParameters trading, int attempts, Duration retryInterval,
                                Duration maxSignalAge, Duration fillTimeout) {

  /** Entry transactions expire soon, so that doubt about one ends soon: never later than a minute. */
  private static final Duration LONGEST_ENTRY_TX_EXPIRY = Duration.ofMinutes(1);
  /** Long enough for a sequencer under load to take the transaction. */
  private static final Duration SHORTEST_ENTRY_TX_EXPIRY = Duration.ofSeconds(10);

  /**
   * The {@code ExpiredAt} distance of an entry transaction: bounded by the signal's age limit, since an order that
   * reaches the sequencer later than that is no longer the signal's, and within 10 s to 1 min.
   */
  Duration entryTxExpiry() {
    Duration bounded = maxSignalAge.compareTo(LONGEST_ENTRY_TX_EXPIRY) > 0 ? LONGEST_ENTRY_TX_EXPIRY : maxSignalAge;
    return bounded.compareTo(SHORTEST_ENTRY_TX_EXPIRY) < 0 ? SHORTEST_ENTRY_TX_EXPIRY : bounded;
  }

  /** How late the request would start now, if later than its bounds allow; empty when it may still run. */
  Optional<Duration> lateness(QueuedRequest queued, long nowMillis) {
    return lateness(queued.request(), queued.acceptedAtMillis(), nowMillis);
  }

  /** {@link #lateness(QueuedRequest, long)} of a request accepted at {@code acceptedAtMillis}. */
  Optional<Duration> lateness(TradeRequest request, long acceptedAtMillis, long nowMillis) {
    long deadline = acceptedAtMillis + maxSignalAge.toMillis();
    if (request.signalTimestamp() != null) {
      long lag = request.maxLagMs() != null ? request.maxLagMs() : maxSignalAge.toMillis();
      deadline = Math.min(deadline, request.signalTimestamp() + lag);
    }
    if (nowMillis <= deadline) {
      return Optional.empty();
    }
    long since = request.signalTimestamp() != null ? Math.min(request.signalTimestamp(), acceptedAtMillis)
      : acceptedAtMillis;
    return Optional.of(Duration.ofMillis(nowMillis - since));
  }
}
