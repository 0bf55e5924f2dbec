package io.copytrader.config;

import io.copytrader.lighter.budget.AccountTier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code LIGHTER_ACCOUNT_TIER}: the Lighter account tier whose REST limits the service budgets (docs/lighter-api.md,
 * "Rate limits"). Premium by default: a budget set above the account's tier is found out by the exchange's first
 * 429s, which shrink it, whereas one set below would slow every call for good without a sign.
 */
final class TierSetting {

  static final AccountTier DEFAULT = AccountTier.PREMIUM;

  private TierSetting() {
  }

  /** The tier named by {@code text} (null for the default), or the default with a problem added. */
  static AccountTier parse(String text, List<String> problems) {
    if (text == null) {
      return DEFAULT;
    }
    return AccountTier.byName(text).orElseGet(() -> {
      problems.add("LIGHTER_ACCOUNT_TIER must be one of " + Arrays.stream(AccountTier.values())
        .map(AccountTier::label).collect(Collectors.joining(", ")));
      return DEFAULT;
    });
  }
}
