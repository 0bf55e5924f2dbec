package io.copytrader.journal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The journal's SQL, run on the thread that owns the session. */
final class JournalStore {

  private JournalStore() {
  }

  /**
   * Runs on the node's single writer, so the look-up and the insert cannot interleave with another insert of this
   * node. Another node's writer may insert the same key at the same moment (PostgreSQL): the key's insert then waits
   * for that transaction and, once it committed, finds the key taken, takes back its own row and answers the
   * other's request as the original.
   *
   * @param claimedEpoch the epoch of the owner that journals it, or null when a node not owning the account does
   * @param started whether it is journaled executing, its first attempt counted, rather than queued
   */
  static InsertOutcome insertRequest(SqlSession session, NewRequest request, long now, long windowMillis,
                                     Long claimedEpoch, boolean started) throws SQLException {
    Optional<InsertOutcome> repeat = repeatOf(session, request, now, windowMillis);
    if (repeat.isPresent()) {
      return repeat.get();
    }
    String fingerprint = request.fingerprint();
    RequestState state = started ? RequestState.EXECUTING : RequestState.QUEUED;
    Long startedAt = started ? now : null;
    int attempts = started ? 1 : 0;
    session.update("INSERT INTO requests (request_id, account_index, kind, body, idempotency_key, fingerprint,"
        + " state, created_at, started_at, signal_timestamp, max_lag_ms, attempts, claimed_epoch)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      request.requestId(), request.accountIndex(), request.kind().wire(), request.body(), request.idempotencyKey(),
      fingerprint, state.wire(), now, startedAt, request.signalTimestamp(), request.maxLagMs(), attempts,
      claimedEpoch);
    if (request.idempotencyKey() != null && session.update("INSERT INTO idempotency_keys (account_index,"
        + " idempotency_key, request_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      request.accountIndex(), request.idempotencyKey(), request.requestId(), now) == 0) {
      session.update("DELETE FROM requests WHERE request_id = ?", request.requestId());
      return repeatOf(session, request, now, windowMillis).orElseThrow(() -> new JournalException(
        "idempotency key of request " + request.requestId() + " is taken but names no request"));
    }
    return new InsertOutcome.Inserted(new RequestRecord(request.requestId(), request.accountIndex(), request.kind(),
      request.body(), request.idempotencyKey(), fingerprint, state, Instant.ofEpochMilli(now),
      startedAt == null ? null : Instant.ofEpochMilli(startedAt), null, null, null, request.signalTimestamp(),
      request.maxLagMs(), attempts));
  }

  /** The original of a request whose idempotency key names one within the window; an older key is deleted. */
  static Optional<InsertOutcome> repeatOf(SqlSession session, NewRequest request, long now, long windowMillis)
    throws SQLException {
    if (request.idempotencyKey() == null) {
      return Optional.empty();
    }
    Optional<KeyRow> existing = keyRow(session, request.accountIndex(), request.idempotencyKey());
    if (existing.isPresent() && existing.get().createdAt() > now - windowMillis) {
      RequestRecord original = findRequest(session, existing.get().requestId()).orElseThrow(() ->
        new JournalException("idempotency key refers to missing request " + existing.get().requestId()));
      return Optional.of(new InsertOutcome.Duplicate(original, original.fingerprint().equals(request.fingerprint())));
    }
    if (existing.isPresent()) {
      session.update("DELETE FROM idempotency_keys WHERE account_index = ? AND idempotency_key = ?",
        request.accountIndex(), request.idempotencyKey());
    }
    return Optional.empty();
  }

  static Optional<IdempotencyHit> findByIdempotencyKey(SqlSession session, long accountIndex, String key,
                                                       long now, long windowMillis) throws SQLException {
    return session.first("SELECT r.request_id, r.state, r.fingerprint"
        + " FROM idempotency_keys k JOIN requests r ON r.request_id = k.request_id"
        + " WHERE k.account_index = ? AND k.idempotency_key = ? AND k.created_at > ?",
      row -> new IdempotencyHit(row.string(1), RequestState.fromWire(row.string(2)), row.string(3)),
      accountIndex, key, now - windowMillis);
  }

  /** Moves a request to {@code next} only if its current state allows it; false if not (or unknown). */
  static boolean transition(SqlSession session, String requestId, RequestState next, String errorCode,
                            String errorMessage, long now) throws SQLException {
    List<RequestState> from = RequestState.from(next);
    if (from.isEmpty()) {
      return false;
    }
    // Starting to execute is the first attempt: counting it in the same write saves a commit on the hot path.
    String timestamp = next == RequestState.EXECUTING ? "started_at = ?, attempts = attempts + 1" : "finished_at = ?";
    List<Object> parameters = new ArrayList<>(List.of(next.wire(), now));
    parameters.add(errorCode);
    parameters.add(errorMessage);
    parameters.add(requestId);
    from.forEach(state -> parameters.add(state.wire()));
    // The allowed earlier states in the WHERE clause: the move and its check are one statement.
    return session.update("UPDATE requests SET state = ?, " + timestamp
      + ", error_code = ?, error_message = ? WHERE request_id = ? AND state IN (" + placeholders(from.size()) + ")",
      parameters.toArray()) == 1;
  }

  static int recordAttempt(SqlSession session, String requestId) throws SQLException {
    return session.first("UPDATE requests SET attempts = attempts + 1"
        + " WHERE request_id = ? AND state = 'executing' RETURNING attempts", row -> row.intValue(1), requestId)
      .orElseThrow(() -> new JournalException("request " + requestId + " is not executing; no attempt recorded"));
  }

  /** Checks, in the writer's transaction, that the account is still this node's; fails the write if not. */
  interface Fence {
    void check(SqlSession session, long accountIndex) throws SQLException;
  }

  /**
   * The orders of one transaction, in the one savepoint of the caller's operation: all are written or none, and
   * only once {@code fence} passed for their account.
   */
  static void insertOrders(SqlSession session, List<NewOrder> orders, long now, Fence fence) throws SQLException {
    Map<String, Long> accounts = new HashMap<>();
    Map<Long, Long> issued = new HashMap<>();
    for (NewOrder order : orders) {
      Long account = accounts.get(order.requestId());
      if (account == null) {
        account = executingAccount(session, order, fence);
        accounts.put(order.requestId(), account);
      }
      insertOrder(session, order, account, now);
      if (order.purpose().issuesClientOrderIndex()) {
        issued.merge(account, order.clientOrderIndex(), Math::max);
      }
    }
    for (Map.Entry<Long, Long> counter : issued.entrySet()) {
      advanceClientOrderIndex(session, counter.getKey(), counter.getValue());
    }
  }

  /**
   * The account of the order's request once its fence passed. Orders are only written for an executing request, so
   * a request that ended cannot send again.
   */
  private static long executingAccount(SqlSession session, NewOrder order, Fence fence) throws SQLException {
    Optional<RequestAccount> request = session.first("SELECT account_index, state FROM requests WHERE request_id = ?",
      row -> new RequestAccount(row.longValue(1), RequestState.fromWire(row.string(2))), order.requestId());
    if (request.isEmpty()) {
      throw new JournalException("no request " + order.requestId() + " for order " + order.ordinal());
    }
    fence.check(session, request.get().accountIndex());
    if (request.get().state() != RequestState.EXECUTING) {
      throw new JournalException("request " + order.requestId() + " is " + request.get().state().wire()
        + ", not executing; order " + order.ordinal() + " refused");
    }
    return request.get().accountIndex();
  }

  private record RequestAccount(long accountIndex, RequestState state) {
  }

  private static void insertOrder(SqlSession session, NewOrder order, long accountIndex, long now)
    throws SQLException {
    session.update("INSERT INTO orders (request_id, ordinal, purpose, market_id, client_order_index, nonce,"
        + " api_key_index, tx_type, tx_hash, tx_info, side, base_amount, price, trigger_price, state, created_at,"
        + " updated_at, account_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'signed', ?, ?, ?)",
      order.requestId(), order.ordinal(), order.purpose().wire(), order.marketId(), order.clientOrderIndex(),
      order.nonce(), order.apiKeyIndex(), order.txType(), order.txHash(), order.txInfo(),
      order.side() == null ? null : order.side().wire(), JournalRows.plain(order.baseAmount()),
      JournalRows.plain(order.price()), JournalRows.plain(order.triggerPrice()), now, now, accountIndex);
  }

  static boolean updateOrder(SqlSession session, String requestId, int ordinal, OrderUpdate update, long now)
    throws SQLException {
    List<OrderState> from = OrderState.from(update.state());
    if (from.isEmpty()) {
      return false;
    }
    List<Object> parameters = new ArrayList<>(List.of(update.state().wire()));
    Collections.addAll(parameters, update.txHash(), JournalRows.plain(update.filledBase()),
      JournalRows.plain(update.averagePrice()), update.exchangeStatus(), update.errorCode(), update.errorMessage(),
      update.state().wire(), now, now, requestId, ordinal);
    from.forEach(state -> parameters.add(state.wire()));
    // The states the order may move from in the WHERE clause: the move and its check are one statement.
    return session.update("UPDATE orders SET state = ?,"
        + " tx_hash = coalesce(?, tx_hash), filled_base = coalesce(?, filled_base),"
        + " average_price = coalesce(?, average_price), exchange_status = coalesce(?, exchange_status),"
        + " error_code = coalesce(?, error_code), error_message = coalesce(?, error_message),"
        + " sent_at = CASE WHEN ? = 'sent' THEN coalesce(sent_at, ?) ELSE sent_at END, updated_at = ?"
        + " WHERE request_id = ? AND ordinal = ? AND state IN (" + placeholders(from.size()) + ")",
      parameters.toArray()) == 1;
  }

  /** {@link #updateOrder} on each of {@code ordinals}: true only when every one moved. */
  static boolean updateOrders(SqlSession session, String requestId, List<Integer> ordinals, OrderUpdate update,
                              long now) throws SQLException {
    boolean all = true;
    for (int ordinal : ordinals) {
      all &= updateOrder(session, requestId, ordinal, update, now);
    }
    return all;
  }

  /** {@code count} comma-separated parameter markers. */
  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /** Stores the larger of the stored and the issued index and returns it: the counter never goes back. */
  static long advanceClientOrderIndex(SqlSession session, long accountIndex, long issued) throws SQLException {
    return session.first("INSERT INTO account_counters (account_index, last_client_order_index) VALUES (?, ?)"
        + " ON CONFLICT (account_index) DO UPDATE SET last_client_order_index = " + session.dialect().greatest()
        + "(account_counters.last_client_order_index, excluded.last_client_order_index)"
        + " RETURNING last_client_order_index", row -> row.longValue(1), accountIndex, issued)
      .orElseThrow();
  }

  static OptionalLong lastClientOrderIndex(SqlSession session, long accountIndex) throws SQLException {
    Optional<Long> last = session.first("SELECT last_client_order_index FROM account_counters WHERE account_index = ?",
      row -> row.longValue(1), accountIndex);
    return last.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  static Optional<RequestDetail> findDetail(SqlSession session, String requestId) throws SQLException {
    Optional<RequestRecord> request = findRequest(session, requestId);
    if (request.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RequestDetail(request.get(), orders(session, requestId),
      RailStore.verdicts(session, requestId), TargetStore.find(session, requestId).orElse(null)));
  }

  static List<OrderRecord> orders(SqlSession session, String requestId) throws SQLException {
    return session.query("SELECT " + JournalRows.ORDER_COLUMNS + " FROM orders WHERE request_id = ? ORDER BY ordinal",
      JournalRows::order, requestId);
  }

  /** Fetches one row more than the page to know whether another page follows. */
  static RequestPage list(SqlSession session, RequestQuery query) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(JournalRows.REQUEST_COLUMNS)
      .append(" FROM requests WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    if (query.accountIndex() != null) {
      sql.append(" AND account_index = ?");
      parameters.add(query.accountIndex());
    }
    if (query.before() != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND request_id < ?))");
      long millis = query.before().createdAt().toEpochMilli();
      parameters.add(millis);
      parameters.add(millis);
      parameters.add(query.before().requestId());
    }
    sql.append(" ORDER BY created_at DESC, request_id DESC LIMIT ?");
    parameters.add(query.limit() + 1);
    List<RequestRecord> requests = session.query(sql.toString(), JournalRows::request, parameters.toArray());
    if (requests.size() <= query.limit()) {
      return new RequestPage(requests, null);
    }
    List<RequestRecord> page = requests.subList(0, query.limit());
    return new RequestPage(page, RequestCursor.after(page.get(page.size() - 1)));
  }

  private record KeyRow(String requestId, long createdAt) {
  }

  private static Optional<KeyRow> keyRow(SqlSession session, long accountIndex, String key) throws SQLException {
    return session.first("SELECT request_id, created_at FROM idempotency_keys"
      + " WHERE account_index = ? AND idempotency_key = ?", row -> new KeyRow(row.string(1), row.longValue(2)),
      accountIndex, key);
  }

  private static Optional<RequestRecord> findRequest(SqlSession session, String requestId) throws SQLException {
    return session.first("SELECT " + JournalRows.REQUEST_COLUMNS + " FROM requests WHERE request_id = ?",
      JournalRows::request, requestId);
  }

  /** The request's account, if the request is known. */
  static Optional<Long> accountOf(SqlSession session, String requestId) throws SQLException {
    return session.first("SELECT account_index FROM requests WHERE request_id = ?", row -> row.longValue(1),
      requestId);
  }
}
