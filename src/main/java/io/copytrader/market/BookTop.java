package io.copytrader.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The best bid and best ask of a market's order book, exact decimals as the exchange prints them; either side
 * is null when that side is empty. A price at or below zero is no price at all, so it counts as an empty side.
 */
public record BookTop(BigDecimal bestBid, BigDecimal bestAsk) {

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  public BookTop {
    bestBid = positiveOrNull(bestBid);
    bestAsk = positiveOrNull(bestAsk);
  }

  /**
   * (bid + ask) / 2, exact (one more decimal than the prices at most); the one side when the other is empty;
   * empty when the book is.
   */
  public Optional<BigDecimal> mid() {
    if (bestBid == null || bestAsk == null) {
      return Optional.ofNullable(bestBid != null ? bestBid : bestAsk);
    }
    BigDecimal sum = bestBid.add(bestAsk);
    return Optional.of(sum.divide(TWO, sum.scale() + 1, RoundingMode.UNNECESSARY));
  }

  private static BigDecimal positiveOrNull(BigDecimal price) {
    return price != null && price.signum() > 0 ? price : null;
  }
}
