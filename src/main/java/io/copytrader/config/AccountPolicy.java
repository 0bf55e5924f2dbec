package io.copytrader.config;

import io.copytrader.rails.RailLimits;
import java.time.Duration;

/**
 * How every account trades: the service-wide trading parameters (an account may override them), its queue,
 * retries, signal freshness and position protection.
 *
 * @param rails the global risk rails; each account carries its own effective ones ({@link AccountConfig#rails()})
 * @param leverage the global {@code LEVERAGE}; each account carries its own effective one
 */
public record AccountPolicy(
  TradingParameters trading,
  int maxQueuePerAccount,
  int maxRetries,
  Duration retryInterval,
  Duration maxSignalAge,
  Duration protectionInterval,
  ExternalPositions protectExternalPositions,
  RailLimits rails,
  LeverageSetting leverage) {
}
