package io.copytrader.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The journal's SQL, run on the thread that owns the connection. */
final class JournalStore {

  private JournalStore() {
  }

  /**
   * Runs on the single writer, so the look-up and the insert cannot interleave with another insert; the
   * primary key of {@code idempotency_keys} is the backstop should that ever change.
   */
  static InsertOutcome insertRequest(Connection connection, NewRequest request, long now, long windowMillis)
    throws SQLException {
    String fingerprint = request.fingerprint();
    if (request.idempotencyKey() != null) {
      Optional<KeyRow> existing = keyRow(connection, request.accountIndex(), request.idempotencyKey());
      if (existing.isPresent() && existing.get().createdAt() > now - windowMillis) {
        RequestRecord original = findRequest(connection, existing.get().requestId()).orElseThrow(() ->
          new JournalException("idempotency key refers to missing request " + existing.get().requestId()));
        return new InsertOutcome.Duplicate(original, original.fingerprint().equals(fingerprint));
      }
      if (existing.isPresent()) {
        try (PreparedStatement expire = connection.prepareStatement(
          "DELETE FROM idempotency_keys WHERE account_index = ? AND idempotency_key = ?")) {
          expire.setLong(1, request.accountIndex());
          expire.setString(2, request.idempotencyKey());
          expire.executeUpdate();
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO requests (request_id, account_index,"
      + " kind, body, idempotency_key, fingerprint, state, created_at, signal_timestamp, max_lag_ms, attempts)"
      + " VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, 0)")) {
      insert.setString(1, request.requestId());
      insert.setLong(2, request.accountIndex());
      insert.setString(3, request.kind().wire());
      insert.setString(4, request.body());
      insert.setString(5, request.idempotencyKey());
      insert.setString(6, fingerprint);
      insert.setLong(7, now);
      JournalRows.setLong(insert, 8, request.signalTimestamp());
      JournalRows.setLong(insert, 9, request.maxLagMs());
      insert.executeUpdate();
    }
    if (request.idempotencyKey() != null) {
      try (PreparedStatement key = connection.prepareStatement("INSERT INTO idempotency_keys (account_index,"
        + " idempotency_key, request_id, created_at) VALUES (?, ?, ?, ?)")) {
        key.setLong(1, request.accountIndex());
        key.setString(2, request.idempotencyKey());
        key.setString(3, request.requestId());
        key.setLong(4, now);
        key.executeUpdate();
      }
    }
    return new InsertOutcome.Inserted(new RequestRecord(request.requestId(), request.accountIndex(), request.kind(),
      request.body(), request.idempotencyKey(), fingerprint, RequestState.QUEUED, Instant.ofEpochMilli(now), null,
      null, null, null, request.signalTimestamp(), request.maxLagMs(), 0));
  }

  static Optional<IdempotencyHit> findByIdempotencyKey(Connection connection, long accountIndex, String key,
                                                       long now, long windowMillis) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT r.request_id, r.state, r.fingerprint"
      + " FROM idempotency_keys k JOIN requests r ON r.request_id = k.request_id"
      + " WHERE k.account_index = ? AND k.idempotency_key = ? AND k.created_at > ?")) {
      select.setLong(1, accountIndex);
      select.setString(2, key);
      select.setLong(3, now - windowMillis);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new IdempotencyHit(row.getString(1), RequestState.fromWire(row.getString(2)),
          row.getString(3)));
      }
    }
  }

  /** Moves a request to {@code next} only if its current state allows it; false if not (or unknown). */
  static boolean transition(Connection connection, String requestId, RequestState next, String errorCode,
                            String errorMessage, long now) throws SQLException {
    Optional<RequestState> current = requestState(connection, requestId);
    if (current.isEmpty() || !current.get().canMoveTo(next)) {
      return false;
    }
    // Starting to execute is the first attempt: counting it in the same write saves a commit on the hot path.
    String timestamp = next == RequestState.EXECUTING ? "started_at = ?, attempts = attempts + 1" : "finished_at = ?";
    try (PreparedStatement update = connection.prepareStatement("UPDATE requests SET state = ?, " + timestamp
      + ", error_code = ?, error_message = ? WHERE request_id = ? AND state = ?")) {
      update.setString(1, next.wire());
      update.setLong(2, now);
      update.setString(3, errorCode);
      update.setString(4, errorMessage);
      update.setString(5, requestId);
      update.setString(6, current.get().wire());
      return update.executeUpdate() == 1;
    }
  }

  static int recordAttempt(Connection connection, String requestId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE requests SET attempts = attempts + 1"
      + " WHERE request_id = ? AND state = 'executing' RETURNING attempts")) {
      update.setString(1, requestId);
      try (ResultSet row = update.executeQuery()) {
        if (!row.next()) {
          throw new JournalException("request " + requestId + " is not executing; no attempt recorded");
        }
        return row.getInt(1);
      }
    }
  }

  /** The orders of one transaction, in the one savepoint of the caller's operation: all are written or none. */
  static void insertOrders(Connection connection, List<NewOrder> orders, long now) throws SQLException {
    for (NewOrder order : orders) {
      insertOrder(connection, order, now);
    }
  }

  /** Orders are only written for an executing request, so a request that ended cannot send again. */
  private static void insertOrder(Connection connection, NewOrder order, long now) throws SQLException {
    Optional<RequestState> state = requestState(connection, order.requestId());
    if (state.isEmpty()) {
      throw new JournalException("no request " + order.requestId() + " for order " + order.ordinal());
    }
    if (state.get() != RequestState.EXECUTING) {
      throw new JournalException("request " + order.requestId() + " is " + state.get().wire()
        + ", not executing; order " + order.ordinal() + " refused");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (request_id, ordinal, purpose,"
      + " market_id, client_order_index, nonce, api_key_index, tx_type, tx_hash, tx_info, side, base_amount, price,"
      + " trigger_price, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'signed', ?, ?)")) {
      insert.setString(1, order.requestId());
      insert.setInt(2, order.ordinal());
      insert.setString(3, order.purpose().wire());
      insert.setInt(4, order.marketId());
      insert.setLong(5, order.clientOrderIndex());
      insert.setLong(6, order.nonce());
      insert.setInt(7, order.apiKeyIndex());
      insert.setInt(8, order.txType());
      insert.setString(9, order.txHash());
      insert.setString(10, order.txInfo());
      insert.setString(11, order.side() == null ? null : order.side().wire());
      insert.setString(12, JournalRows.plain(order.baseAmount()));
      insert.setString(13, JournalRows.plain(order.price()));
      insert.setString(14, JournalRows.plain(order.triggerPrice()));
      insert.setLong(15, now);
      insert.setLong(16, now);
      insert.executeUpdate();
    }
    if (order.purpose().issuesClientOrderIndex()) {
      advanceClientOrderIndex(connection, findAccount(connection, order.requestId()), order.clientOrderIndex());
    }
  }

  static boolean updateOrder(Connection connection, String requestId, int ordinal, OrderUpdate update, long now)
    throws SQLException {
    OrderState current;
    try (PreparedStatement select = connection.prepareStatement(
      "SELECT state FROM orders WHERE request_id = ? AND ordinal = ?")) {
      select.setString(1, requestId);
      select.setInt(2, ordinal);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return false;
        }
        current = OrderState.fromWire(row.getString(1));
      }
    }
    if (!current.canMoveTo(update.state())) {
      return false;
    }
    try (PreparedStatement write = connection.prepareStatement("UPDATE orders SET state = ?,"
      + " tx_hash = coalesce(?, tx_hash), filled_base = coalesce(?, filled_base),"
      + " average_price = coalesce(?, average_price), exchange_status = coalesce(?, exchange_status),"
      + " error_code = coalesce(?, error_code), error_message = coalesce(?, error_message),"
      + " sent_at = CASE WHEN ? = 'sent' THEN coalesce(sent_at, ?) ELSE sent_at END, updated_at = ?"
      + " WHERE request_id = ? AND ordinal = ?")) {
      write.setString(1, update.state().wire());
      write.setString(2, update.txHash());
      write.setString(3, JournalRows.plain(update.filledBase()));
      write.setString(4, JournalRows.plain(update.averagePrice()));
      write.setString(5, update.exchangeStatus());
      write.setString(6, update.errorCode());
      write.setString(7, update.errorMessage());
      write.setString(8, update.state().wire());
      write.setLong(9, now);
      write.setLong(10, now);
      write.setString(11, requestId);
      write.setInt(12, ordinal);
      return write.executeUpdate() == 1;
    }
  }

  /** Stores the larger of the stored and the issued index and returns it: the counter never goes back. */
  static long advanceClientOrderIndex(Connection connection, long accountIndex, long issued) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO account_counters (account_index,"
      + " last_client_order_index) VALUES (?, ?) ON CONFLICT (account_index) DO UPDATE SET"
      + " last_client_order_index = max(last_client_order_index, excluded.last_client_order_index)"
      + " RETURNING last_client_order_index")) {
      upsert.setLong(1, accountIndex);
      upsert.setLong(2, issued);
      try (ResultSet row = upsert.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  static OptionalLong lastClientOrderIndex(Connection connection, long accountIndex) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
      "SELECT last_client_order_index FROM account_counters WHERE account_index = ?")) {
      select.setLong(1, accountIndex);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  static Optional<RequestDetail> findDetail(Connection connection, String requestId) throws SQLException {
    Optional<RequestRecord> request = findRequest(connection, requestId);
    if (request.isEmpty()) {
      return Optional.empty();
    }
    List<OrderRecord> orders = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
      "SELECT " + JournalRows.ORDER_COLUMNS + " FROM orders WHERE request_id = ? ORDER BY ordinal")) {
      select.setString(1, requestId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          orders.add(JournalRows.order(rows));
        }
      }
    }
    return Optional.of(new RequestDetail(request.get(), orders, RailStore.verdicts(connection, requestId),
      TargetStore.find(connection, requestId).orElse(null)));
  }

  /** Fetches one row more than the page to know whether another page follows. */
  static RequestPage list(Connection connection, RequestQuery query) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(JournalRows.REQUEST_COLUMNS)
      .append(" FROM requests WHERE 1 = 1");
    if (query.accountIndex() != null) {
      sql.append(" AND account_index = ?");
    }
    if (query.before() != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND request_id < ?))");
    }
    sql.append(" ORDER BY created_at DESC, request_id DESC LIMIT ?");
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      int parameter = 1;
      if (query.accountIndex() != null) {
        select.setLong(parameter++, query.accountIndex());
      }
      if (query.before() != null) {
        long millis = query.before().createdAt().toEpochMilli();
        select.setLong(parameter++, millis);
        select.setLong(parameter++, millis);
        select.setString(parameter++, query.before().requestId());
      }
      select.setInt(parameter, query.limit() + 1);
      List<RequestRecord> requests = JournalRows.requests(select);
      if (requests.size() <= query.limit()) {
        return new RequestPage(requests, null);
      }
      List<RequestRecord> page = requests.subList(0, query.limit());
      return new RequestPage(page, RequestCursor.after(page.get(page.size() - 1)));
    }
  }

  /** Executing first (they must be reconciled before anything is sent), then queued, each oldest first. */
  static List<RequestRecord> unfinished(Connection connection, long accountIndex) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT " + JournalRows.REQUEST_COLUMNS
      + " FROM requests WHERE account_index = ? AND state IN ('queued', 'executing')"
      + " AND kind IN ('trade', 'adjust', 'position', 'follow')"
      + " ORDER BY state = 'queued', created_at, request_id")) {
      select.setLong(1, accountIndex);
      return JournalRows.requests(select);
    }
  }

  private record KeyRow(String requestId, long createdAt) {
  }

  private static Optional<KeyRow> keyRow(Connection connection, long accountIndex, String key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT request_id, created_at FROM idempotency_keys"
      + " WHERE account_index = ? AND idempotency_key = ?")) {
      select.setLong(1, accountIndex);
      select.setString(2, key);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new KeyRow(row.getString(1), row.getLong(2))) : Optional.empty();
      }
    }
  }

  private static Optional<RequestRecord> findRequest(Connection connection, String requestId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
      "SELECT " + JournalRows.REQUEST_COLUMNS + " FROM requests WHERE request_id = ?")) {
      select.setString(1, requestId);
      List<RequestRecord> found = JournalRows.requests(select);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static Optional<RequestState> requestState(Connection connection, String requestId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT state FROM requests WHERE request_id = ?")) {
      select.setString(1, requestId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(RequestState.fromWire(row.getString(1))) : Optional.empty();
      }
    }
  }

  private static long findAccount(Connection connection, String requestId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
      "SELECT account_index FROM requests WHERE request_id = ?")) {
      select.setString(1, requestId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
