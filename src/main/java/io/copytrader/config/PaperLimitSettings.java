package io.copytrader.config;

import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.paper.limits.RateLimits;
import java.util.List;
import java.util.function.Function;

/**
 * The paper exchange's rate limits: {@code PAPER_RATE_LIMITS} ({@code true} unless explicitly {@code false}) and
 * {@code PAPER_ACCOUNT_TIER} ({@code standard}, {@code premium}, {@code plus} or {@code builder}; premium unless
 * set), on Lighter's WebSocket limits.
 */
final class PaperLimitSettings {

  private PaperLimitSettings() {
  }

  static RateLimits parse(Function<Setting, String> text, List<String> problems) {
    RateLimits limits = RateLimits.lighter();
    String enabled = text.apply(Setting.PAPER_RATE_LIMITS);
    if (enabled != null && !enabled.strip().equalsIgnoreCase("true")) {
      if (enabled.strip().equalsIgnoreCase("false")) {
        limits = limits.withEnabled(false);
      } else {
        problems.add("PAPER_RATE_LIMITS must be true or false, got " + ConfigParser.shown(enabled));
      }
    }
    String tier = text.apply(Setting.PAPER_ACCOUNT_TIER);
    if (tier != null) {
      AccountTier parsed = AccountTier.parse(tier).orElse(null);
      if (parsed == null) {
        problems.add("PAPER_ACCOUNT_TIER must be standard, premium, plus or builder, got " + ConfigParser.shown(tier));
      } else {
        limits = limits.withDefaultTier(parsed);
      }
    }
    return limits;
  }
}
