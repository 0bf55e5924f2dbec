package io.copytrader.lighter.budget;

import java.util.Locale;
import java.util.Optional;

/**
 * Lighter's account tiers and the REST budget of each per rolling minute (docs/lighter-api.md, "Rate limits"):
 * a standard account counts requests (60 a minute, every request alike), the others count weight.
 */
public enum AccountTier {
  STANDARD(60, false),
  PREMIUM(24_000, true),
  PLUS(120_000, true),
  BUILDER(240_000, true);

  private final int perMinute;
  private final boolean weighted;

  AccountTier(int perMinute, boolean weighted) {
    this.perMinute = perMinute;
    this.weighted = weighted;
  }

  /** What the tier may spend in one rolling minute: requests for standard, weight for the others. */
  public int perMinute() {
    return perMinute;
  }

  /**
   * What one call to {@code endpoint} costs on this tier: its weight, or on standard 1 (0 for what is outside
   * Lighter's limits, {@code GET /}).
   */
  public int cost(String endpoint) {
    int weight = CallWeights.weight(endpoint);
    return weighted ? weight : Math.min(weight, 1);
  }

  /** The tier named (any case), if it is one. */
  public static Optional<AccountTier> byName(String name) {
    for (AccountTier tier : values()) {
      if (tier.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
        return Optional.of(tier);
      }
    }
    return Optional.empty();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
