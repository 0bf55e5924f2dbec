package io.copytrader.testing;

import io.copytrader.paper.PaperConfig;
import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.paper.limits.RateLimits;

/**
 * Lighter's rate limits for the tests that are not about them. The paper exchange enforces them at the premium tier
 * by default; the limits themselves are tested by PaperRateLimitsTest, PaperStreamLimitsTest and LighterBudgetTest.
 */
public final class TestLimits {

  /** The service's budget for a paper exchange at {@link #builderTier}: {@code LIGHTER_ACCOUNT_TIER}. */
  public static final String SERVICE_TIER = "builder";

  private TestLimits() {
  }

  /**
   * Limits on at the builder tier: a test class runs many scenarios a minute against one exchange from one loopback
   * IP, and its own reads of the exchange count in the same minutes as the service's, which a single premium account
   * (80 reads of weight 300 a minute) would not do.
   */
  public static PaperConfig builderTier(PaperConfig config) {
    return config.withRateLimits(RateLimits.lighter().withDefaultTier(AccountTier.BUILDER));
  }

  /**
   * Limits off: the fault campaign's ledgers and saboteur read the exchange every 20 ms, and the naked-moment checks
   * back to back, to judge the service, which no tier allows; the campaign injects 429s as a fault of its own.
   */
  public static PaperConfig unlimited(PaperConfig config) {
    return config.withRateLimits(RateLimits.lighter().withEnabled(false));
  }
}
