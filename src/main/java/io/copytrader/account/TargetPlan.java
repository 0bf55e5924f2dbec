package io.copytrader.account;

import java.math.BigDecimal;
import java.util.List;

/**
 * How an account goes from its position to a target in one market: no step when it holds the target already, one
 * (open, increase, decrease, close) or two for a flip (a reduce-only close, then an open).
 *
 * @param current the signed position before, in base units
 * @param target the signed target at the market's size step
 */
public record TargetPlan(BigDecimal current, BigDecimal target, List<TargetStep> steps) {

  public TargetPlan {
    steps = List.copyOf(steps);
  }

  /** The account holds the target already: nothing to do. */
  public boolean noChange() {
    return steps.isEmpty();
  }
}
