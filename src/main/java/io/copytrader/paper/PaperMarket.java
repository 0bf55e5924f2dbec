package io.copytrader.paper;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A market of the paper exchange.
 *
 * @param defaultInitialMarginFraction in Lighter's units of 1/10000 (500 = 5% = 20x)
 * @param midPrice where the synthetic book is centred at start
 */
public record PaperMarket(int marketId, String symbol, boolean active, int sizeDecimals, int priceDecimals,
                          BigDecimal minBaseAmount, BigDecimal minQuoteAmount, int defaultInitialMarginFraction,
                          BigDecimal midPrice) {

  private static final int MAX_DECIMALS = 8;

  public PaperMarket {
    Objects.requireNonNull(symbol, "symbol");
    if (marketId < 0 || marketId > 254) {
      throw new IllegalArgumentException("a perp market id is 0..254");
    }
    if (sizeDecimals < 0 || sizeDecimals > MAX_DECIMALS || priceDecimals < 0 || priceDecimals > MAX_DECIMALS) {
      throw new IllegalArgumentException("decimals must be 0.." + MAX_DECIMALS);
    }
    if (minBaseAmount.signum() <= 0 || minBaseAmount.stripTrailingZeros().scale() > sizeDecimals) {
      throw new IllegalArgumentException("the minimum base amount must be positive and fit the size decimals");
    }
    if (minQuoteAmount.signum() < 0 || midPrice.signum() <= 0) {
      throw new IllegalArgumentException("the minimum quote amount and the mid price must be positive");
    }
    if (defaultInitialMarginFraction < 1 || defaultInitialMarginFraction > 10_000) {
      throw new IllegalArgumentException("the initial margin fraction is 1..10000 (units of 1/10000)");
    }
  }

  /** The maintenance margin fraction, in 1/10000, as {@code orderBookDetails} lists it. */
  public int maintenanceMarginFraction() {
    return defaultInitialMarginFraction * 6 / 25;
  }

  /** The lowest initial margin fraction an account may choose here (the highest leverage), 2/5 of the default. */
  public int minInitialMarginFraction() {
    return Math.max(1, defaultInitialMarginFraction * 2 / 5);
  }
}
