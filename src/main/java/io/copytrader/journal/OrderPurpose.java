package io.copytrader.journal;

import java.util.Locale;

/** Why an order was signed. */
public enum OrderPurpose {
  ENTRY,
  CLOSE,
  REDUCE,
  STOP_LOSS_PLACE,
  STOP_LOSS_MODIFY,
  STOP_LOSS_CANCEL,
  /** A take-profit placed beside the stop-loss, as a leg of a group (TakeProfitPlan). */
  TAKE_PROFIT_PLACE,
  /** A take-profit of the service's cancelled: a surplus one, one replaced by a new pair, or one of no position. */
  TAKE_PROFIT_CANCEL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the order's client order index was newly issued for it. Modify and cancel transactions
   * address an order that already exists, so their index must not move the account's counter.
   */
  public boolean issuesClientOrderIndex() {
    return this != STOP_LOSS_MODIFY && this != STOP_LOSS_CANCEL && this != TAKE_PROFIT_CANCEL;
  }

  /** Whether the order trades the request's own size (an entry, close or reduction), which must never run twice. */
  public boolean isEntry() {
    return this == ENTRY || this == CLOSE || this == REDUCE;
  }

  public static OrderPurpose fromWire(String wire) {
    return Wire.parse(OrderPurpose.class, wire);
  }
}
