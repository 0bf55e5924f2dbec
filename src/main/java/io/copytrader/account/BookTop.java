package io.copytrader.account;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The best bid and best ask of a market's order book; either side is null when that side is empty. A price at
 * or below zero is no price at all, so it counts as an empty side.
 */
public record BookTop(BigDecimal bestBid, BigDecimal bestAsk) {

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  public BookTop {
    bestBid = positiveOrNull(bestBid);
    bestAsk = positiveOrNull(bestAsk);
  }

  /** The mid of both sides, the one side present, or empty when the book is empty. */
  public Optional<BigDecimal> mid() {
    if (bestBid != null && bestAsk != null) {
      // Halving a finite decimal always terminates, so the exact divide cannot throw.
      return Optional.of(bestBid.add(bestAsk).divide(TWO));
    }
    return Optional.ofNullable(bestBid != null ? bestBid : bestAsk);
  }

  private static BigDecimal positiveOrNull(BigDecimal price) {
    return price != null && price.signum() > 0 ? price : null;
  }
}
