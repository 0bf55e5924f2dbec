package io.copytrader.account;

import io.copytrader.Side;
import java.math.BigDecimal;

/**
 * A market order (Type MARKET, IOC) ready to sign: every amount both as a decimal and in the market's ticks.
 *
 * @param baseAmount the size in base units, exactly {@code baseTicks} at the market's size decimals
 * @param worstPrice the worst acceptable fill price (the order's {@code Price}), exactly {@code worstPriceTicks}
 * @param closesPosition true when the order closes the whole position
 */
public record OrderPlan(
  Side side,
  BigDecimal baseAmount,
  long baseTicks,
  BigDecimal worstPrice,
  long worstPriceTicks,
  boolean reduceOnly,
  boolean closesPosition) implements SizingResult {

  public boolean isAsk() {
    return side.isAsk();
  }
}
