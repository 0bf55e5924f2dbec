package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.market.Market;
import io.copytrader.market.Ticks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Where a position's take-profit sits, the mirror of {@link StopLossPolicy}. {@code TAKE_PROFIT_RATIO} is a gain
 * as a share of the initial margin: the trigger lies entry × f × ratio away from the entry on the profitable side
 * (above a long's entry, below a short's), f being the initial margin fraction the stop-loss was computed with, so
 * both stand on the same leverage. The limit price lets the triggered order fill up to {@code MAX_SLIPPAGE} beyond
 * the trigger, as the stop-loss-limit's does. Used only when the take-profit is on
 * ({@link TradingParameters#takeProfitOn()}).
 */
public final class TakeProfitPolicy {

  private final TradingParameters parameters;

  public TakeProfitPolicy(TradingParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  /**
   * The take-profit for a position of {@code side} entered at {@code entry}, or why none can be placed.
   *
   * @param marginFraction the initial margin fraction in force, as the position's stop-loss plan carries it
   */
  public TakeProfitResult plan(Market market, Side side, BigDecimal entry, BigDecimal marginFraction) {
    if (entry == null || entry.signum() <= 0 || marginFraction == null || marginFraction.signum() <= 0) {
      return invalid("the " + market.symbol() + " position has no entry price or margin fraction");
    }
    boolean isLong = side == Side.BUY;
    BigDecimal ratio = parameters.takeProfitRatio();
    BigDecimal move = marginFraction.multiply(ratio);
    BigDecimal trigger = entry.multiply(isLong ? BigDecimal.ONE.add(move) : BigDecimal.ONE.subtract(move));
    // Toward the entry (a long's down, a short's up): the gain taken is never larger than the formula allows.
    BigDecimal triggerPrice = Ticks.round(trigger, market.priceDecimals(),
      isLong ? RoundingMode.FLOOR : RoundingMode.CEILING);
    if (triggerPrice.signum() <= 0) {
      return invalid("take-profit ratio " + ratio.toPlainString() + " puts the " + market.symbol()
        + " take-profit at or below zero");
    }
    // The limit sits on the closing side of the trigger (below it for a long's sell) and rounds back toward it,
    // so a fill stays within the slippage allowance; at least one tick.
    BigDecimal limit = triggerPrice.multiply(isLong ? BigDecimal.ONE.subtract(parameters.maxSlippage())
      : BigDecimal.ONE.add(parameters.maxSlippage()));
    BigDecimal limitPrice = Ticks.round(limit, market.priceDecimals(),
      isLong ? RoundingMode.CEILING : RoundingMode.FLOOR).max(market.price(1));
    if (!OrderLimits.priceFits(market, triggerPrice) || !OrderLimits.priceFits(market, limitPrice)) {
      return new Rejection(RejectionCode.PRICE_OUT_OF_RANGE, "take-profit trigger " + triggerPrice.toPlainString()
        + " / limit " + limitPrice.toPlainString() + " for " + market.symbol()
        + " is outside the prices Lighter accepts");
    }
    return new TakeProfitPlan(side.opposite(), triggerPrice, market.priceTicks(triggerPrice,
      RoundingMode.UNNECESSARY), limitPrice, market.priceTicks(limitPrice, RoundingMode.UNNECESSARY));
  }

  private static Rejection invalid(String message) {
    return new Rejection(RejectionCode.TAKE_PROFIT_PRICE_INVALID, message);
  }
}
