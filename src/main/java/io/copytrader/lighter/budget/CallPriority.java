package io.copytrader.lighter.budget;

/**
 * Who waits when the REST budget runs short, first to last. The first three may spend the whole minute's budget and
 * are let through in this order; {@link #PERIODIC} reads spend only up to {@link RateBudget#PERIODIC_SHARE} of it,
 * and only while nothing more urgent waits, so a crowd of periodic reads is stretched out rather than answered by
 * 429s, and never stands in front of a send.
 */
public enum CallPriority {
  /** A transaction and what a request reads on its way to sending it (nonce, sizing, the book). */
  SEND,
  /** Learning a sent transaction's fate: the order by client order index, the tx by hash. */
  CONFIRM,
  /** A protection run asked for by a start, a reconnect or an operator, and what it places. */
  PROTECT,
  /** Reads on a timer: protection supervisors' rounds, leader polls and reconciles, market refreshes, views. */
  PERIODIC;

  public boolean urgent() {
    return this != PERIODIC;
  }

  /** An endpoint's own priority, for a call whose caller chose none (the operation named as Lighter names it). */
  public static CallPriority of(String operation) {
    return switch (operation) {
      case "tx", "accountOrders" -> CONFIRM;
      case "orderBooks", "orderBookDetails", "apikeys" -> PERIODIC;
      default -> SEND;
    };
  }
}
