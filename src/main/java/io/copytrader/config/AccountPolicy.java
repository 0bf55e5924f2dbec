package io.copytrader.config;

import java.time.Duration;

/**
 * How every account trades: the service-wide trading parameters (an account may override them), its queue,
 * retries, signal freshness and position protection.
 */
public record AccountPolicy(
  TradingParameters trading,
  int maxQueuePerAccount,
  int maxRetries,
  Duration retryInterval,
  Duration maxSignalAge,
  Duration protectionInterval,
  ExternalPositions protectExternalPositions) {
}
