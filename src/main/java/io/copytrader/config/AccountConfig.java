package io.copytrader.config;

import java.math.BigDecimal;

/**
 * One Lighter account the service trades for, with its API key and optional per-account overrides of the
 * trading parameters (null = use the service-wide value).
 */
public record AccountConfig(
  long accountIndex,
  int apiKeyIndex,
  Secret privateKey,
  String name,
  BigDecimal scalingFactor,
  BigDecimal maxSlippage,
  BigDecimal stopLossRatio) {

  /** A human label for messages: the configured name, or the index. */
  public String label() {
    return name == null || name.isBlank() ? "#" + accountIndex : name + " (#" + accountIndex + ")";
  }

  public TradingParameters effective(TradingParameters defaults) {
    return new TradingParameters(
      scalingFactor != null ? scalingFactor : defaults.scalingFactor(),
      maxSlippage != null ? maxSlippage : defaults.maxSlippage(),
      stopLossRatio != null ? stopLossRatio : defaults.stopLossRatio());
  }
}
