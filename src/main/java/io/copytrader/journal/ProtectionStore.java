package io.copytrader.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
   * Those of {@code clientOrderIndexes} the account placed as stop-losses or take-profits: its protective orders.
   * Callers tell the two apart by the order's type.
   */
  static Set<Long> ownStopLosses(Connection connection, long accountIndex, Collection<Long> clientOrderIndexes)
    throws SQLException {
    Set<Long> own = new HashSet<>();
    if (clientOrderIndexes.isEmpty()) {
      return own;
    }
    String placeholders = String.join(", ", Collections.nCopies(clientOrderIndexes.size(), "?"));
    try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT o.client_order_index"
      + " FROM orders o JOIN requests r ON r.request_id = o.request_id"
      + " WHERE r.account_index = ? AND o.purpose IN ('stop_loss_place', 'take_profit_place')"
      + " AND o.client_order_index IN (" + placeholders + ")")) {
      int parameter = 1;
      select.setLong(parameter++, accountIndex);
      for (long index : clientOrderIndexes) {
        select.setLong(parameter++, index);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          own.add(rows.getLong(1));
        }
      }
    }
    return own;
  }

  /** Those of {@code marketIds} in which an entry order of the account was filled, wholly or in part. */
  static Set<Integer> marketsEntered(Connection connection, long accountIndex, List<Integer> marketIds)
    throws SQLException {
    Set<Integer> entered = new HashSet<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM orders o"
      + " JOIN requests r ON r.request_id = o.request_id WHERE o.market_id = ? AND r.account_index = ?"
      + " AND o.purpose = 'entry' AND o.state IN ('filled', 'partially_filled') LIMIT 1")) {
      for (int marketId : marketIds) {
        select.setInt(1, marketId);
        select.setLong(2, accountIndex);
        try (ResultSet row = select.executeQuery()) {
          if (row.next()) {
            entered.add(marketId);
          }
        }
      }
    }
    return entered;
  }

  /**
   * Ends the account's protection runs a stop left executing. Nothing of theirs is resumed: the next run reads
   * the exchange afresh and finds whatever they left there by its client order index.
   */
  static int abandonProtection(Connection connection, long accountIndex, long now) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE requests SET state = 'failed',"
      + " finished_at = ?, error_code = 'INTERRUPTED', error_message = 'the service stopped during the run'"
      + " WHERE account_index = ? AND kind = 'protection' AND state IN ('queued', 'executing')")) {
      update.setLong(1, now);
      update.setLong(2, accountIndex);
      return update.executeUpdate();
    }
  }
}
