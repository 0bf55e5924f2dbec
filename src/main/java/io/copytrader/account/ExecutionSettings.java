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

  /** How late the request would start now, if later than its bounds allow; empty when it may still run. */
  Optional<Duration> lateness(QueuedRequest queued, long nowMillis) {
    long deadline = queued.acceptedAtMillis() + maxSignalAge.toMillis();
    TradeRequest request = queued.request();
    if (request.signalTimestamp() != null) {
      long lag = request.maxLagMs() != null ? request.maxLagMs() : maxSignalAge.toMillis();
      deadline = Math.min(deadline, request.signalTimestamp() + lag);
    }
    if (nowMillis <= deadline) {
      return Optional.empty();
    }
    long since = request.signalTimestamp() != null ? Math.min(request.signalTimestamp(), queued.acceptedAtMillis())
      : queued.acceptedAtMillis();
    return Optional.of(Duration.ofMillis(nowMillis - since));
  }
}
