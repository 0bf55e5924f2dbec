package io.copytrader.paper.limits;

import io.copytrader.lighter.limits.AccountTier;
import java.util.Objects;

/**
 * Whether and how the paper exchange enforces Lighter's limits.
 *
 * @param enabled false only by an explicit setting ({@code PAPER_RATE_LIMITS=false}): then nothing is refused
 * @param defaultTier the tier of every account without one of its own, and of an IP's unauthenticated requests
 *   ({@code PAPER_ACCOUNT_TIER})
 * @param stream the WebSocket's limits
 */
public record RateLimits(boolean enabled, AccountTier defaultTier, StreamLimits stream) {

  public RateLimits {
    Objects.requireNonNull(defaultTier, "defaultTier");
    Objects.requireNonNull(stream, "stream");
  }

  /** On, premium accounts, Lighter's WebSocket limits. */
  public static RateLimits lighter() {
    return new RateLimits(true, AccountTier.PREMIUM, StreamLimits.lighter());
  }

  public RateLimits withDefaultTier(AccountTier tier) {
    return new RateLimits(enabled, tier, stream);
  }

  public RateLimits withEnabled(boolean on) {
    return new RateLimits(on, defaultTier, stream);
  }

  public RateLimits withStream(StreamLimits limits) {
    return new RateLimits(enabled, defaultTier, limits);
  }
}
