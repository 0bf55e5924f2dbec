package io.copytrader.account;

import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import java.time.Instant;
import java.util.List;

/** One step a protection run takes for a market, as {@link ProtectionPlan} decided it. */
sealed interface ProtectionAction {

  Market market();

  /** Whether the step sends a transaction (and so is journaled as an order of the run). */
  default boolean sends() {
    return true;
  }

  /** The step in a few words, for the run's log and journal. */
  String describe();

  /** The position has no stop-loss of the service's: place one. */
  record Place(Market market, Position position, StopLossPlan plan) implements ProtectionAction {

    @Override
    public String describe() {
      return "place " + market.symbol() + " stop at " + plan.triggerPrice().toPlainString() + " for "
        + plan.baseAmount().toPlainString();
    }
  }

  /** The service's stop-loss has the wrong trigger or size: move it to the plan with ModifyOrder. */
  record Fix(Market market, Position position, Order order, StopLossPlan plan) implements ProtectionAction {

    @Override
    public String describe() {
      return "fix " + market.symbol() + " stop " + order.orderIndex() + " to " + plan.triggerPrice().toPlainString()
        + " for " + plan.baseAmount().toPlainString();
    }
  }

  /**
   * The service's stop-loss expires soon and ModifyOrder cannot extend it: place a new one, then cancel the old,
   * so the position is never without one.
   */
  record Renew(Market market, Position position, Order order, StopLossPlan plan) implements ProtectionAction {

    @Override
    public String describe() {
      return "renew " + market.symbol() + " stop " + order.orderIndex() + " expiring "
        + Instant.ofEpochMilli(order.orderExpiry());
    }
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

    @Override
    public String describe() {
      return "place " + market.symbol() + " stop at " + stop.triggerPrice().toPlainString() + " and take-profit at "
        + takeProfit.triggerPrice().toPlainString() + " for the whole position, replacing "
        + replaced.stream().map(order -> String.valueOf(order.orderIndex())).toList();
    }
  }

  /**
   * A stop-loss or take-profit of the service's that protects nothing: no position, the wrong side, or a second one.
   */
  record Cancel(Market market, Order order, String reason) implements ProtectionAction {

    @Override
    public String describe() {
      return "cancel " + market.symbol() + (order.takeProfit() ? " take-profit " : " stop ") + order.orderIndex()
        + ": " + reason;
    }
  }

  /** No stop-loss can be computed for the position: operators must act. */
  record Unprotectable(Market market, Position position, String reason) implements ProtectionAction {

    @Override
    public boolean sends() {
      return false;
    }

    @Override
    public String describe() {
      return "unprotectable " + market.symbol() + ": " + reason;
    }
  }

  /** A position the service did not open, left to its owner as {@code PROTECT_EXTERNAL_POSITIONS=report} says. */
  record External(Market market, Position position) implements ProtectionAction {

    @Override
    public boolean sends() {
      return false;
    }

    @Override
    public String describe() {
      return "report " + market.symbol() + " position not opened by the service";
    }
  }
}
