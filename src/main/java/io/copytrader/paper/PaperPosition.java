package io.copytrader.paper;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One market row of a paper account: signed size, average entry and realized PnL. Rows stay once touched,
 * as Lighter lists every market an account has traded.
 */
final class PaperPosition {

  final int marketId;
  BigDecimal size;
  BigDecimal entry = BigDecimal.ZERO;
  BigDecimal realized = BigDecimal.ZERO;

  PaperPosition(int marketId, int sizeDecimals) {
    this.marketId = marketId;
    this.size = BigDecimal.ZERO.setScale(sizeDecimals);
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
