package io.copytrader.config;

import io.copytrader.paper.limits.RateLimits;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The paper exchange of paper mode and of the {@code paper-exchange} command.
 *
 * @param port           its port, null for any free one
 * @param balance        the collateral each paper account starts with
 * @param sequencerDelay its sequencer delay, null for its default
 * @param rateLimits     Lighter's limits as it enforces them ({@code PAPER_RATE_LIMITS}, {@code PAPER_ACCOUNT_TIER})
 */
public record PaperSettings(Integer port, BigDecimal balance, Duration sequencerDelay, RateLimits rateLimits) {

  public int portOrAny() {
    return port == null ? 0 : port;
  }
}
