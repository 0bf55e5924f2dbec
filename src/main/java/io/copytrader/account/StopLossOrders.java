package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.lighter.Order;
import java.math.BigDecimal;

/** What a stop-loss order on the exchange is to the service: waiting, on which side, resting as planned. */
final class StopLossOrders {

  private StopLossOrders() {
  }

  /**
   * Whether {@code order} is a grouped order's child still waiting for its parent to fill: it protects nothing yet,
   * and goes with its parent if that ends unfilled, so it is neither counted nor touched.
   */
  static boolean awaitsParent(Order order) {
    return "parent-order".equals(order.triggerStatus());
  }

  /** Whether {@code order} sits on the side that closes {@code position}: a sell for a long, a buy for a short. */
  static boolean closes(Order order, Position position) {
    return order.isAsk() == (position.side() == Side.BUY);
  }

  /**
   * Whether {@code order} is the stop-loss {@code plan} describes, waiting for its trigger: reduce-only, on the
   * plan's side, with its trigger and whole size, and {@linkplain #untriggered untriggered}.
   */
  static boolean resting(Order order, StopLossPlan plan) {
    return untriggered(order) && order.stopLoss()
      && order.reduceOnly() && order.isAsk() == plan.isAsk() && same(order.triggerPrice(), plan.triggerPrice())
      && same(order.remainingBaseAmount(), plan.baseAmount());
  }

  /**
   * Lighter lists a stop waiting for its trigger as "pending" (lighter/Order.java lists the statuses). Any other
   * state is no protection: in progress, filled, cancelled, expired, or triggered and resting as a limit order
   * ("open") the price has already passed.
   */
  static boolean untriggered(Order order) {
    return "pending".equals(order.status());
  }

  static boolean same(BigDecimal shown, BigDecimal sent) {
    return shown != null && shown.compareTo(sent) == 0;
  }
}
