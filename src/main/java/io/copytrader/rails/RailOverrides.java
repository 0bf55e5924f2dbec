package io.copytrader.rails;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * An account's own rails, each null when the account keeps the global value; see {@link RailLimits} for their
 * meaning and {@link RailLimits#merge} for how they combine. Bounds are checked on the merged limits.
 */
public record RailOverrides(
  SymbolAllowlist symbolAllowlist,
  BigDecimal maxPositionUsd,
  BigDecimal maxLeverage,
  BigDecimal maxDailyLossUsd,
  BigDecimal maxDrawdownPct,
  Integer maxOrdersPerDay,
  Duration cooldown,
  Duration dedupeWindow,
  BigDecimal minAvailableMarginPct,
  KillMode lossTripMode) {

  public static final RailOverrides NONE =
    new RailOverrides(null, null, null, null, null, null, null, null, null, null);
}
