package io.copytrader.market;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A perpetual market as the service trades it.
 *
 * @param defaultInitialMarginFraction the market's default initial margin as a fraction (0.05 = 20x)
 * @param minInitialMarginFraction the smallest initial margin the market allows as a fraction (0.02 = 50x), or
 *   null when not known
 */
public record Market(
  int marketId,
  String symbol,
  boolean active,
  int sizeDecimals,
  int priceDecimals,
  BigDecimal minBaseAmount,
  BigDecimal minQuoteAmount,
  BigDecimal defaultInitialMarginFraction,
  BigDecimal minInitialMarginFraction) {

  /** A market whose smallest initial margin is not known. */
  public Market(int marketId, String symbol, boolean active, int sizeDecimals, int priceDecimals,
                BigDecimal minBaseAmount, BigDecimal minQuoteAmount, BigDecimal defaultInitialMarginFraction) {
    this(marketId, symbol, active, sizeDecimals, priceDecimals, minBaseAmount, minQuoteAmount,
      defaultInitialMarginFraction, null);
  }

  public long baseTicks(BigDecimal base, RoundingMode rounding) {
    return Ticks.toTicks(base, sizeDecimals, rounding);
  }

  public long priceTicks(BigDecimal price, RoundingMode rounding) {
    return Ticks.toTicks(price, priceDecimals, rounding);
  }

  public BigDecimal base(long ticks) {
    return Ticks.fromTicks(ticks, sizeDecimals);
  }

  public BigDecimal price(long ticks) {
    return Ticks.fromTicks(ticks, priceDecimals);
  }
}
