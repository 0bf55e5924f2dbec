package io.copytrader.account;

import io.copytrader.Side;
import java.math.BigDecimal;

/**
 * A reduce-only stop-loss-limit order (Type 3, GTT) for the whole position.
 *
 * @param side opposite to the position
 * @param triggerPrice the price at which the order activates, exactly {@code triggerPriceTicks}
 * @param limitPrice the worst fill price after the trigger, exactly {@code limitPriceTicks}
 * @param marginFraction the initial margin fraction the trigger was computed with (0.3333 = 3x)
 */
public record StopLossPlan(
  Side side,
  BigDecimal baseAmount,
  long baseTicks,
  BigDecimal triggerPrice,
  long triggerPriceTicks,
  BigDecimal limitPrice,
  long limitPriceTicks,
  BigDecimal marginFraction) implements StopLossResult {

  public boolean isAsk() {
    return side.isAsk();
  }
}
