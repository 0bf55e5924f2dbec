package io.copytrader.paper;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One market row of a paper account: signed size, average entry, realized PnL, and the account's leverage there
 * (initial margin fraction and margin mode, the market's default until an UpdateLeverage sets them). Rows stay once
 * touched, as Lighter lists every market an account has traded.
 */
final class PaperPosition {

  private static final BigDecimal BASIS_POINTS = BigDecimal.valueOf(10_000);

  final int marketId;
  BigDecimal size;
  BigDecimal entry = BigDecimal.ZERO;
  BigDecimal realized = BigDecimal.ZERO;
  /** In Lighter's units of 1/10,000: 500 is 5 %, 20x. */
  int initialMarginFraction;
  /** 0 cross, 1 isolated (UpdateLeverageTx). */
  int marginMode;
  /** Whether an UpdateLeverage chose the fraction (Lighter's {@code margin_set_flag}). */
  boolean marginSet;

  PaperPosition(int marketId, int sizeDecimals, int defaultInitialMarginFraction) {
    this.marketId = marketId;
    this.size = BigDecimal.ZERO.setScale(sizeDecimals);
    this.initialMarginFraction = defaultInitialMarginFraction;
  }

  /** The initial margin fraction of a row, or (no row yet) the market's default, as a decimal fraction. */
  static BigDecimal imf(PaperPosition row, int marketDefault) {
    return fraction(row == null ? marketDefault : row.initialMarginFraction);
  }

  /** A fraction in 1/10,000 as a decimal fraction: 500 is 0.05. */
  static BigDecimal fraction(int basisPoints) {
    return BigDecimal.valueOf(basisPoints).divide(BASIS_POINTS);
  }

  /**
   * Applies a fill of {@code base} (positive buys, negative sells) at {@code price}; returns the PnL realized
   * by the part that reduced the position.
   */
  BigDecimal apply(BigDecimal base, BigDecimal price, int priceDecimals) {
    BigDecimal realizedNow = BigDecimal.ZERO;
    if (size.signum() == 0 || size.signum() == base.signum()) {
      BigDecimal newSize = size.add(base);
      BigDecimal cost = size.abs().multiply(entry).add(base.abs().multiply(price));
      entry = cost.divide(newSize.abs(), priceDecimals + 6, RoundingMode.HALF_EVEN);
      size = newSize;
      return realizedNow;
    }
    BigDecimal closing = base.abs().min(size.abs());
    realizedNow = closing.multiply(price.subtract(entry)).multiply(BigDecimal.valueOf(size.signum()));
    realized = realized.add(realizedNow);
    BigDecimal newSize = size.add(base);
    if (newSize.signum() == 0) {
      entry = BigDecimal.ZERO;
    } else if (newSize.signum() != size.signum()) {
      entry = price;
    }
    size = newSize;
    return realizedNow;
  }

  BigDecimal unrealized(BigDecimal mark) {
    return size.signum() == 0 ? BigDecimal.ZERO : mark.subtract(entry).multiply(size);
  }
}
