package io.copytrader.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The best bid and ask of one market at one moment; either side may be empty, never both.
 * Prices are exact decimals as printed by the exchange.
 */
public record BookTop(int marketId, BigDecimal bestBid, BigDecimal bestAsk) {

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  public BookTop {
    if (bestBid == null && bestAsk == null) {
      throw new IllegalArgumentException("a book top needs at least one side");
    }
  }

  public Optional<BigDecimal> bid() {
    return Optional.ofNullable(bestBid);
  }

  public Optional<BigDecimal> ask() {
    return Optional.ofNullable(bestAsk);
  }

  /** (bid + ask) / 2, exact (one more decimal than the prices at most); the one side when the other is empty. */
  public BigDecimal mid() {
    if (bestBid == null) {
      return bestAsk;
    }
    if (bestAsk == null) {
      return bestBid;
    }
    BigDecimal sum = bestBid.add(bestAsk);
    return sum.divide(TWO, sum.scale() + 1, RoundingMode.UNNECESSARY);
  }
}
