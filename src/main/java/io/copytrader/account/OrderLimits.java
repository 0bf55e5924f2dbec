package io.copytrader.account;

import io.copytrader.market.Market;
import java.math.BigDecimal;

/** Lighter's ranges for order fields (lighter-go constants): base 1 .. 2^48 − 1 ticks, prices 1 .. 2^32 − 1. */
final class OrderLimits {

  static final long MAX_BASE_TICKS = (1L << 48) - 1;
  static final long MAX_PRICE_TICKS = (1L << 32) - 1;

  private OrderLimits() {
  }

  /** Whether a base amount already at the market's size decimals fits an order. */
  static boolean baseFits(Market market, BigDecimal base) {
    return base.compareTo(market.base(MAX_BASE_TICKS)) <= 0;
  }

  /** Whether a price already at the market's price decimals is a valid order price. */
  static boolean priceFits(Market market, BigDecimal price) {
    return price.compareTo(market.price(1)) >= 0 && price.compareTo(market.price(MAX_PRICE_TICKS)) <= 0;
  }
}
