package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.market.Market;
import io.copytrader.market.Ticks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Where a position's stop-loss sits. {@code STOP_LOSS_RATIO} is a loss as a share of the initial margin: the
 * trigger lies entry × f × ratio away from the entry, f being the position's initial margin fraction, so at 10x
 * (f = 0.10) and ratio 0.05 the stop is 0.5 % from entry. The limit price lets the triggered order fill up to
 * {@code MAX_SLIPPAGE} beyond the trigger.
 */
public final class StopLossPolicy {

  private final TradingParameters parameters;

  public StopLossPolicy(TradingParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  /** The stop-loss for the whole of {@code position}, on the other side, or why none can be placed. */
  public StopLossResult plan(Market market, Position position) {
    BigDecimal entry = position.averageEntryPrice();
    if (entry == null || entry.signum() <= 0) {
      return invalid("the " + market.symbol() + " position has no entry price");
    }
    BigDecimal marginFraction = marginFraction(market, position);
    if (marginFraction == null || marginFraction.signum() <= 0) {
      return invalid("no initial margin fraction is known for " + market.symbol());
    }
    BigDecimal minimum = market.minInitialMarginFraction();
    if (marginFraction.compareTo(BigDecimal.ONE) > 0 || (minimum != null && marginFraction.compareTo(minimum) < 0)) {
      // A fraction outside what the market allows is a unit mistake (a percent read as a ratio or the reverse),
      // not a leverage: such a stop would sit 100x too close or too far, so none is sent and operators are told.
      return new Rejection(RejectionCode.STOP_LOSS_IMPLAUSIBLE, "the " + market.symbol() + " stop-loss would assume"
        + " an initial margin fraction of " + marginFraction.toPlainString() + ", outside the market's "
        + (minimum == null ? "(unknown)" : minimum.toPlainString()) + " .. 1; refusing to place it");
    }
    boolean isLong = position.side() == Side.BUY;
    BigDecimal ratio = parameters.stopLossRatio();
    BigDecimal trigger = beyond(entry, marginFraction.multiply(ratio), isLong);
    if (trigger.signum() <= 0) {
      return invalid("stop-loss ratio " + ratio.toPlainString() + " puts the " + market.symbol()
        + " stop at or below zero");
    }
    BigDecimal triggerPrice = roundTowardEntry(market, trigger, isLong);
    BigDecimal limit = beyond(triggerPrice, parameters.maxSlippage(), isLong);
    if (limit.signum() <= 0) {
      return invalid("slippage " + parameters.maxSlippage().toPlainString() + " puts the " + market.symbol()
        + " stop-loss limit at or below zero");
    }
    BigDecimal limitPrice = roundTowardEntry(market, limit, isLong);
    if (!OrderLimits.priceFits(market, triggerPrice) || !OrderLimits.priceFits(market, limitPrice)) {
      return new Rejection(RejectionCode.PRICE_OUT_OF_RANGE, "stop-loss trigger " + triggerPrice.toPlainString()
        + " / limit " + limitPrice.toPlainString() + " for " + market.symbol()
        + " is outside the prices Lighter accepts");
    }
    // Reduce-only: the exchange caps it at the position, so a sub-tick remainder rounds up rather than stay
    // unprotected.
    BigDecimal base = Ticks.round(position.size(), market.sizeDecimals(), RoundingMode.CEILING);
    if (!OrderLimits.baseFits(market, base)) {
      return new Rejection(RejectionCode.SIZE_ABOVE_MAXIMUM, "the " + market.symbol()
        + " position is larger than the largest order Lighter accepts");
    }
    return new StopLossPlan(position.side().opposite(), base, market.baseTicks(base, RoundingMode.UNNECESSARY),
      triggerPrice, market.priceTicks(triggerPrice, RoundingMode.UNNECESSARY),
      limitPrice, market.priceTicks(limitPrice, RoundingMode.UNNECESSARY), marginFraction);
  }

  /**
   * {@code plan} checked against the market's price before it is sent. A stop whose trigger the price has already
   * passed (a long's mark at or below it, a short's at or above) fires as soon as it arrives, and a limit taken from
   * the trigger would then sit on the wrong side of the book and rest unfilled while the price runs on. Its limit is
   * taken from where the book is instead: {@code MAX_SLIPPAGE} beyond the touch it sells into (the bid for a long's
   * stop, the ask for a short's), so it fills as it fires. Otherwise, or without a price, the plan is unchanged.
   *
   * @param mark the market's price the trigger is compared with (the book's mid when no mark is read)
   * @param touch the best price on the side the stop fills against
   */
  public StopLossPlan againstPrice(Market market, StopLossPlan plan, BigDecimal mark, BigDecimal touch) {
    boolean isLong = plan.side() == Side.SELL;
    if (mark == null || touch == null || !pastTrigger(plan.triggerPrice(), mark, isLong)) {
      return plan;
    }
    BigDecimal from = isLong ? touch.min(plan.triggerPrice()) : touch.max(plan.triggerPrice());
    BigDecimal limitPrice = roundTowardEntry(market, beyond(from, parameters.maxSlippage(), isLong), isLong);
    if (!OrderLimits.priceFits(market, limitPrice)) {
      return plan;
    }
    return new StopLossPlan(plan.side(), plan.baseAmount(), plan.baseTicks(), plan.triggerPrice(),
      plan.triggerPriceTicks(), limitPrice, market.priceTicks(limitPrice, RoundingMode.UNNECESSARY),
      plan.marginFraction());
  }

  /** Whether the price has reached a stop's trigger: at or below it for a long's stop, at or above for a short's. */
  public static boolean pastTrigger(BigDecimal trigger, BigDecimal mark, boolean isLong) {
    int side = mark.compareTo(trigger);
    return isLong ? side <= 0 : side >= 0;
  }

  /**
   * Lighter's REST account reports the position's fraction in percent ("33.33" = 3x); zero or absent means the
   * market default (orderBookDetails, 1/10000 units, already a fraction in {@link Market}). The caller passes a
   * percent only from REST: the streams' unit is not established.
   */
  private static BigDecimal marginFraction(Market market, Position position) {
    BigDecimal percent = position.initialMarginFractionPercent();
    if (percent != null && percent.signum() > 0) {
      return percent.movePointLeft(2);
    }
    return market.defaultInitialMarginFraction();
  }

  /** {@code price} moved by {@code fraction} in the losing direction: down for a long, up for a short. */
  private static BigDecimal beyond(BigDecimal price, BigDecimal fraction, boolean isLong) {
    return price.multiply(isLong ? BigDecimal.ONE.subtract(fraction) : BigDecimal.ONE.add(fraction));
  }

  /*
   * Both prices round back toward the entry (a long's up, a short's down): the trigger so that the stop is never
   * further from the entry, and the loss never larger, than the formula allows; the limit, taken from the
   * rounded trigger, so that a fill stays within the slippage allowance. Either is at least one tick.
   */
  private static BigDecimal roundTowardEntry(Market market, BigDecimal price, boolean isLong) {
    return atLeastOneTick(market,
      Ticks.round(price, market.priceDecimals(), isLong ? RoundingMode.CEILING : RoundingMode.FLOOR));
  }

  private static BigDecimal atLeastOneTick(Market market, BigDecimal price) {
    BigDecimal tick = market.price(1);
    return price.compareTo(tick) < 0 ? tick : price;
  }

  private static Rejection invalid(String message) {
    return new Rejection(RejectionCode.STOP_LOSS_PRICE_INVALID, message);
  }
}
