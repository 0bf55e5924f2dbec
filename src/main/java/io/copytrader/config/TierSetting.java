package io.copytrader.config;

import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.paper.limits.RateLimits;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code LIGHTER_ACCOUNT_TIER}: the Lighter account tier whose REST limits the service budgets (docs/lighter-api.md,
 * "Rate limits"). Unless set: in paper mode the tier the service's own paper exchange enforces
 * ({@code PAPER_ACCOUNT_TIER}), so the budget matches the limits it meets; live, premium, since a budget set above the
 * account's tier is found out by the exchange's first 429s, which shrink it, whereas one set below would slow every
 * call for good without a sign.
 */
final class TierSetting {

  static final AccountTier DEFAULT = AccountTier.PREMIUM;

  private TierSetting() {
  }

  /** The tier named by {@code text} (null when unset), or the default with a problem added. */
  static AccountTier parse(String text, Mode mode, RateLimits paperLimits, List<String> problems) {
    AccountTier unset = mode == Mode.PAPER ? paperLimits.defaultTier() : DEFAULT;
    if (text == null) {
      return unset;
    }
    return AccountTier.parse(text).orElseGet(() -> {
      problems.add("LIGHTER_ACCOUNT_TIER must be one of " + Arrays.stream(AccountTier.values())
        .map(AccountTier::wire).collect(Collectors.joining(", ")));
      return unset;
    });
  }
}
