package io.copytrader.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A perpetual market as the service trades it.
 *
 * @param defaultInitialMarginFraction the market's default initial margin as a fraction (0.05 = 20x)
 * @param minInitialMarginFraction the smallest initial margin the market allows as a fraction (0.02 = 50x), or
 *   null when not known
 * @param access what besides exits the market allows now
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
  BigDecimal minInitialMarginFraction,
  MarketAccess access) {

  public Market {
    Objects.requireNonNull(access, "access");
  }

  /** A market open to every order. */
  public Market(int marketId, String symbol, boolean active, int sizeDecimals, int priceDecimals,
                BigDecimal minBaseAmount, BigDecimal minQuoteAmount, BigDecimal defaultInitialMarginFraction,
                BigDecimal minInitialMarginFraction) {
    this(marketId, symbol, active, sizeDecimals, priceDecimals, minBaseAmount, minQuoteAmount,
      defaultInitialMarginFraction, minInitialMarginFraction, MarketAccess.OPEN);
  }

  /** A market open to every order whose smallest initial margin is not known. */
  public Market(int marketId, String symbol, boolean active, int sizeDecimals, int priceDecimals,
                BigDecimal minBaseAmount, BigDecimal minQuoteAmount, BigDecimal defaultInitialMarginFraction) {
    this(marketId, symbol, active, sizeDecimals, priceDecimals, minBaseAmount, minQuoteAmount,
      defaultInitialMarginFraction, null, MarketAccess.OPEN);
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
