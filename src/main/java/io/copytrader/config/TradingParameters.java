package io.copytrader.config;

import java.math.BigDecimal;

/**
 * The sizing and risk parameters one account trades with.
 *
 * @param takeProfitRatio the take-profit distance as a fraction of the initial margin; 0 when no take-profit is placed
 */
public record TradingParameters(BigDecimal scalingFactor, BigDecimal maxSlippage, BigDecimal stopLossRatio,
                                BigDecimal takeProfitRatio) {

  public TradingParameters {
    takeProfitRatio = takeProfitRatio == null ? BigDecimal.ZERO : takeProfitRatio;
  }

  /** Parameters without a take-profit (the default, as in the Python service). */
  public TradingParameters(BigDecimal scalingFactor, BigDecimal maxSlippage, BigDecimal stopLossRatio) {
    this(scalingFactor, maxSlippage, stopLossRatio, BigDecimal.ZERO);
  }

  /** Whether positions carry a take-profit beside their stop-loss. */
  public boolean takeProfitOn() {
    return takeProfitRatio.signum() > 0;
  }
}
