package io.copytrader.config;

import io.copytrader.rails.RailLimits;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One Lighter account the service trades for, with its API key and optional per-account overrides of the
 * trading parameters (null = use the service-wide value).
 *
 * @param rails the account's effective risk rails: the global ones with the account's own overrides laid over
 * @param leverage the account's effective leverage setting: its own laid over the global {@code LEVERAGE}
 * @param takeProfitRatio the account's own {@code take_profit_ratio} (0 turns the take-profit off); null = global
 */
public record AccountConfig(
  long accountIndex,
  int apiKeyIndex,
  Secret privateKey,
  String name,
  BigDecimal scalingFactor,
  BigDecimal maxSlippage,
  BigDecimal stopLossRatio,
  RailLimits rails,
  LeverageSetting leverage,
  BigDecimal takeProfitRatio) {

  public AccountConfig {
    Objects.requireNonNull(rails, "rails");
    Objects.requireNonNull(leverage, "leverage");
  }

  /** A human label for messages: the configured name, or the index. */
  public String label() {
    return name == null || name.isBlank() ? "#" + accountIndex : name + " (#" + accountIndex + ")";
  }

  public TradingParameters effective(TradingParameters defaults) {
    return new TradingParameters(
      scalingFactor != null ? scalingFactor : defaults.scalingFactor(),
      maxSlippage != null ? maxSlippage : defaults.maxSlippage(),
      stopLossRatio != null ? stopLossRatio : defaults.stopLossRatio(),
      takeProfitRatio != null ? takeProfitRatio : defaults.takeProfitRatio());
  }
}
