package io.copytrader.lighter.limits;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A Lighter account tier and the REST weight it may spend in a rolling minute (docs/lighter-api.md, "Rate limits"):
 * the one model the paper exchange enforces and the service budgets. A standard account's 60 requests a minute are
 * unweighted, yet no more of a heavy endpoint than a premium account's 24,000 weight allows; both hold exactly when
 * each standard request costs the larger of its weight and 400 against 24,000.
 *
 * @param wire the name {@code LIGHTER_ACCOUNT_TIER}, {@code PAPER_ACCOUNT_TIER} and the paper control take
 * @param code {@code user_tier} as {@code accountLimits} answers it
 */
public enum AccountTier {
  STANDARD("standard", "std", 24_000),
  PREMIUM("premium", "premium", 24_000),
  PLUS("plus", "plus", 120_000),
  BUILDER("builder", "builder", 240_000);

  /** What one standard request costs at least: 24,000 / 60. */
  public static final int STANDARD_REQUEST_COST = 400;

  private final String wire;
  private final String code;
  private final int weightPerMinute;

  AccountTier(String wire, String code, int weightPerMinute) {
    this.wire = wire;
    this.code = code;
    this.weightPerMinute = weightPerMinute;
  }

  public String wire() {
    return wire;
  }

  public String code() {
    return code;
  }

  /** The weight this tier may spend in a rolling minute. */
  public int weightPerMinute() {
    return weightPerMinute;
  }

  /**
   * What a request of this weight costs against {@link #weightPerMinute()}: a request outside the limits (weight 0)
   * nothing on any tier.
   */
  public int cost(int weight) {
    return this == STANDARD && weight > 0 ? Math.max(weight, STANDARD_REQUEST_COST) : weight;
  }

  /** The tier named so (case-insensitive, surrounding blanks ignored), or empty. */
  public static Optional<AccountTier> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(tier -> tier.wire.equals(wanted)).findFirst();
  }
}
