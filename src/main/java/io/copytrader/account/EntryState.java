package io.copytrader.account;

import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.OrderState;
import java.util.List;
import java.util.Optional;

/**
 * Where a request's entry order stands, which decides what its next attempt may do: plan and send, settle by
 * evidence, or follow the order the exchange has.
 */
enum EntryState {
  /** Nothing of it can be on the exchange: planning and sending is allowed. */
  NOT_SENT,
  /** Signed and perhaps sent, fate unknown: only evidence from the exchange may move it on. */
  IN_DOUBT,
  /** The exchange accepted it or shows it: it is followed to its final state and never sent again. */
  ON_EXCHANGE;

  /**
   * The journal row that decides an interrupted request's entry, of its entry rows in journal order: the last
   * one the exchange showed done, else the last one that may have reached the exchange, else none (every row was
   * refused before it could act).
   */
  static Optional<OrderRecord> decisive(List<OrderRecord> entryRows) {
    Optional<OrderRecord> shown = entryRows.stream().filter(row -> of(row) == ON_EXCHANGE).reduce((a, b) -> b);
    return shown.isPresent() ? shown : entryRows.stream().filter(row -> of(row) == IN_DOUBT).reduce((a, b) -> b);
  }

  /** What one journaled entry transaction's state says of it. */
  static EntryState of(OrderRecord row) {
    OrderState state = row.state();
    return switch (state) {
      case FILLED, PARTIALLY_FILLED, CANCELLED -> ON_EXCHANGE;
      case REJECTED -> NOT_SENT;
      case SIGNED, SENT, ACCEPTED, UNKNOWN -> IN_DOUBT;
    };
  }
}
