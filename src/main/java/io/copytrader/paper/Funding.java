package io.copytrader.paper;

import io.copytrader.paper.PaperEngine.MarketState;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The paper exchange's funding: the premium of the mark over the index price, scaled by the premium multiplier
 * (in percent), plus the base interest rate, clamped to the big clamp. The paper exchange prices both the mark and
 * the index at its mid, so the premium, and with a zero interest rate the funding rate, is zero; no funding is
 * ever paid. {@code orderBookDetails} lists these parameters and {@code funding-rates} the rate.
 */
final class Funding {

  static final int PREMIUM_MULTIPLIER = 100;
  static final BigDecimal CLAMP_SMALL = new BigDecimal("0.0000");
  static final BigDecimal CLAMP_BIG = new BigDecimal("0.0000");
  static final BigDecimal BASE_INTEREST_RATE = new BigDecimal("0.0000");

  private Funding() {
  }

  /** The mark price: the mid of the synthetic book. */
  static BigDecimal mark(MarketState market) {
    return market.mid;
  }

  /** The index price: the paper exchange has no outside price, so its mid. */
  static BigDecimal index(MarketState market) {
    return market.mid;
  }

  static double rate(MarketState market) {
    BigDecimal premium = mark(market).subtract(index(market)).divide(index(market), MathContext.DECIMAL64)
      .multiply(BigDecimal.valueOf(PREMIUM_MULTIPLIER)).movePointLeft(2);
    BigDecimal rate = premium.add(BASE_INTEREST_RATE);
    return rate.max(CLAMP_BIG.negate()).min(CLAMP_BIG).doubleValue();
  }
}
