package io.copytrader.account;

import io.copytrader.Side;
import java.math.BigDecimal;

/**
 * A reduce-only take-profit-limit order (Type 5, GTT) of {@code BaseAmount} 0: position-tied, sized by the exchange
 * to the position it closes, always sent in a group with the stop-loss (docs/lighter-api.md, "Grouped orders").
 *
 * @param side opposite to the position
 * @param triggerPrice the price at which the order activates, exactly {@code triggerPriceTicks}
 * @param limitPrice the worst fill price after the trigger, exactly {@code limitPriceTicks}
 */
public record TakeProfitPlan(
  Side side,
  BigDecimal triggerPrice,
  long triggerPriceTicks,
  BigDecimal limitPrice,
  long limitPriceTicks) implements TakeProfitResult {

  public boolean isAsk() {
    return side.isAsk();
  }
}
