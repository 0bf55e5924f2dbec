package io.copytrader.journal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The SQL behind the account's protection runs: which orders and positions are the service's own. */
final class ProtectionStore {

  private ProtectionStore() {
  }

  /**
   * Those of {@code orders} the journal holds as stop-losses or take-profits the service placed for the account: its
   * protective orders (callers tell the two apart by the order's type). Each is looked up by its market and client order index (the orders' index on both), then its request's
   * account: a read that stays as short however long the account's history grows, where going through the
   * account's requests read every order it ever had.
   */
  static Set<Long> ownStopLosses(SqlSession session, long accountIndex, Collection<ClientOrderRef> orders)
    throws SQLException {
    Set<Long> own = new HashSet<>();
    for (ClientOrderRef order : orders) {
      if (session.first("SELECT 1 FROM orders o JOIN requests r ON r.request_id = o.request_id"
        + " WHERE o.market_id = ? AND o.client_order_index = ? AND r.account_index = ?"
        + " AND o.purpose IN ('stop_loss_place', 'take_profit_place') LIMIT 1", row -> true, order.marketId(),
        order.clientOrderIndex(), accountIndex).isPresent()) {
        own.add(order.clientOrderIndex());
      }
    }
    return own;
  }

  /** Those of {@code marketIds} in which an entry order of the account was filled, wholly or in part. */
  static Set<Integer> marketsEntered(SqlSession session, long accountIndex, List<Integer> marketIds)
    throws SQLException {
    Set<Integer> entered = new HashSet<>();
    for (int marketId : marketIds) {
      // The unary plus keeps SQLite off the market's index, which would read every account's orders in the market
      // (all of them when this account never entered it); through the account's requests it reads only its own.
      if (session.first("SELECT 1 FROM orders o JOIN requests r ON r.request_id = o.request_id"
        + " WHERE +o.market_id = ? AND r.account_index = ? AND o.purpose = 'entry'"
        + " AND o.state IN ('filled', 'partially_filled') LIMIT 1", row -> true, marketId, accountIndex).isPresent()) {
        entered.add(marketId);
      }
    }
    return entered;
  }

  /**
   * Ends the account's protection runs a stop left executing. Nothing of theirs is resumed: the next run reads
   * the exchange afresh and finds whatever they left there by its client order index.
   */
  static int abandonProtection(SqlSession session, long accountIndex, long now) throws SQLException {
    return session.update("UPDATE requests SET state = 'failed',"
      + " finished_at = ?, error_code = 'INTERRUPTED', error_message = 'the service stopped during the run'"
      + " WHERE account_index = ? AND kind = 'protection' AND state IN ('queued', 'executing')", now, accountIndex);
  }
}
