package io.copytrader.account;

import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import java.util.List;

/** One step a protection run takes for a market, as {@link ProtectionPlan} decided it. */
sealed interface ProtectionAction {

  Market market();

  /** Whether the step sends a transaction (and so is journaled as an order of the run). */
  default boolean sends() {
    return true;
  }

  /** The position has no stop-loss of the service's: place one. */
  record Place(Market market, Position position, StopLossPlan plan) implements ProtectionAction {
  }

  /** The service's stop-loss has the wrong trigger or size: move it to the plan with ModifyOrder. */
  record Fix(Market market, Position position, Order order, StopLossPlan plan) implements ProtectionAction {
  }

  /**
   * The service's stop-loss expires soon and ModifyOrder cannot extend it: place a new one, then cancel the old,
   * so the position is never without one.
   */
  record Renew(Market market, Position position, Order order, StopLossPlan plan) implements ProtectionAction {
  }

  /**
   * With take-profit on, the position has no complete protective set of the service's (one stop-loss and one
   * take-profit, OCO siblings, covering it all at the planned triggers, not expiring soon): place the position-tied
   * pair, then cancel {@code replaced}, the orders it takes over from, so the position is never without a stop-loss.
   */
  record PlacePair(Market market, Position position, StopLossPlan stop, TakeProfitPlan takeProfit,
                   List<Order> replaced) implements ProtectionAction {

    public PlacePair {
      replaced = List.copyOf(replaced);
    }
  }

  /**
   * A stop-loss or take-profit of the service's that protects nothing: no position, the wrong side, or a second one.
   */
  record Cancel(Market market, Order order, String reason) implements ProtectionAction {
  }

  /** No stop-loss can be computed for the position: operators must act. */
  record Unprotectable(Market market, Position position, String reason) implements ProtectionAction {

    @Override
    public boolean sends() {
      return false;
    }
  }

  /** A position the service did not open, left to its owner as {@code PROTECT_EXTERNAL_POSITIONS=report} says. */
  record External(Market market, Position position) implements ProtectionAction {

    @Override
    public boolean sends() {
      return false;
    }
  }
}
