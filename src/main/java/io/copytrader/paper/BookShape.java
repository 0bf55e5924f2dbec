package io.copytrader.paper;

import java.math.BigDecimal;

/**
 * How the synthetic order book sits around the mid price.
 *
 * @param spread best ask minus best bid, as a fraction of the mid
 * @param levels price levels on each side
 * @param levelStep distance between levels, as a fraction of the mid
 * @param levelNotional USDC resting at each level
 */
public record BookShape(BigDecimal spread, int levels, BigDecimal levelStep, BigDecimal levelNotional) {

  public static BookShape defaults() {
    return new BookShape(new BigDecimal("0.0002"), 20, new BigDecimal("0.0005"), new BigDecimal("50000"));
  }
}
