package io.copytrader.lighter.budget;

/**
 * Who waits when the REST budget runs short, first to last, and how much of a minute's budget each may spend. Sends
 * and confirmations may spend all of it; {@link #PROTECT} and {@link #PERIODIC} calls only up to
 * {@link RateBudget#UNRESERVED_SHARE}, so the rest is always there for a signal's sends (a start's protection reads
 * at a thousand accounts fill the minute for a quarter of an hour, and would otherwise hold a first signal's sends
 * that long). Periodic reads go only while nothing more urgent waits, so a crowd of them is stretched out rather
 * than answered by 429s, and never stands in front of a send.
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

  /** Whether calls of this priority may spend the part of the minute kept for sends. */
  public boolean spendsReserve() {
    return this == SEND || this == CONFIRM;
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
