package io.copytrader.rails;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The loss rails as alarms: how far the account is from its daily-loss and drawdown limits, when to warn (80 % of
 * a limit) and when to trip the kill switch (the limit reached). A figure that is missing trips nothing: the
 * rails already refuse openings without it, and a trip closes positions in flatten mode.
 */
public final class LossWatch {

  static final BigDecimal WARNING_FRACTION = new BigDecimal("0.8");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

  private LossWatch() {
  }

  /** The day's loss as a positive number (a gain is a negative loss). */
  public static BigDecimal dailyLoss(BigDecimal realizedPnlToday, BigDecimal unrealizedPnlToday) {
    return realizedPnlToday.add(unrealizedPnlToday).negate();
  }

  /**
   * How far equity is below its peak, in percent of the peak; null when either is missing or the peak is not
   * above 0.
   */
  public static BigDecimal drawdownPct(BigDecimal equity, BigDecimal peak) {
    if (equity == null || peak == null || peak.signum() <= 0) {
      return null;
    }
    return peak.subtract(equity).multiply(HUNDRED).divide(peak, PRECISION);
  }

  public static LossLevel level(BigDecimal used, BigDecimal limit) {
    if (used == null) {
      return LossLevel.UNKNOWN;
    }
    if (used.compareTo(limit) >= 0) {
      return LossLevel.TRIPPED;
    }
    return used.compareTo(limit.multiply(WARNING_FRACTION)) >= 0 ? LossLevel.WARNING : LossLevel.OK;
  }

  /** The daily-loss check, then the drawdown check, for an account in {@code state}. */
  public static List<LossCheck> assess(RailLimits limits, AccountState state) {
    BigDecimal loss = state.realizedPnlToday() == null || state.unrealizedPnlToday() == null ? null
      : dailyLoss(state.realizedPnlToday(), state.unrealizedPnlToday());
    BigDecimal drawdown = drawdownPct(state.equity(), state.equityPeak());
    return List.of(
      new LossCheck(Rail.MAX_DAILY_LOSS, level(loss, limits.maxDailyLossUsd()), loss, limits.maxDailyLossUsd()),
      new LossCheck(Rail.MAX_DRAWDOWN, level(drawdown, limits.maxDrawdownPct()), drawdown, limits.maxDrawdownPct()));
  }

  /** The mode to set the account's kill switch to when a check tripped (the limits' trip mode), else empty. */
  public static Optional<KillMode> trip(RailLimits limits, List<LossCheck> checks) {
    return checks.stream().anyMatch(check -> check.level() == LossLevel.TRIPPED)
      ? Optional.of(limits.lossTripMode()) : Optional.empty();
  }
}
