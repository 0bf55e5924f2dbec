package io.copytrader.journal;

import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The SQL behind account ownership (docs/ARCHITECTURE.md "Account ownership"): one lease row per account, its
 * times on the database's clock ({@link SqlDialect#nowMillis()}). Every change of a row is an UPDATE or an upsert,
 * which on PostgreSQL locks the row until the transaction ends, so an acquisition and a fenced write of the former
 * owner never both commit; SQLite's writer lock serialises them anyway.
 */
final class LeaseStore {

  private LeaseStore() {
  }

  /**
   * Takes the account's lease for {@code node} when no row exists, when it expired, or when it is already
   * {@code node}'s (a restart under the same node id), with an epoch one above the row's (the account's verticle
   * claims its unfinished requests under it as it starts, {@link Journal#claimUnfinished}). Empty when another node
   * holds an unexpired lease. In a journal no other node
   * can share (SQLite) the row is taken whoever held it: that was a former process of this service.
   */
  static OptionalLong acquire(SqlSession session, long accountIndex, String node, long ttlMillis)
    throws SQLException {
    String now = session.dialect().nowMillis();
    // The row's expires_at is compared with the database's clock as the statement runs, never with a node's.
    return session.first("INSERT INTO account_leases (account_index, owner, epoch, acquired_at,"
        + " renewed_at, expires_at) VALUES (?, ?, 1, " + now + ", " + now + ", " + now + " + ?)"
        + " ON CONFLICT (account_index) DO UPDATE SET owner = excluded.owner, epoch = account_leases.epoch + 1,"
        + " acquired_at = excluded.acquired_at, renewed_at = excluded.renewed_at, expires_at = excluded.expires_at"
        + (session.dialect().sharedByNodes() ? " WHERE account_leases.expires_at <= excluded.acquired_at"
        + " OR account_leases.owner = excluded.owner" : "") + " RETURNING epoch",
      row -> OptionalLong.of(row.longValue(1)), accountIndex, node, ttlMillis)
      .orElse(OptionalLong.empty());
  }

  /**
   * Leases one renewal statement extends at most. A chunk short of it is padded with its last lease, so the
   * statement's text never changes and stays prepared.
   */
  static final int RENEWAL_CHUNK = 128;

  /**
   * Extends each of {@code held} (account to epoch) that is still {@code node}'s under that epoch and unexpired;
   * answers those extended. One statement per {@value #RENEWAL_CHUNK} leases rather than one per lease: a node
   * renews every account it holds every few seconds, in one transaction every write waits behind, and at a thousand
   * accounts a statement each took 3.5 ms of the writer each time, 2.1 ms now ({@code LeaseRenewalBenchmark},
   * BENCHMARKS.md section 6).
   */
  static Set<Long> renew(SqlSession session, String node, Map<Long, Long> held, long ttlMillis)
    throws SQLException {
    String now = session.dialect().nowMillis();
    String sql = "UPDATE account_leases SET renewed_at = " + now + ", expires_at = " + now + " + ?"
      + " WHERE owner = ? AND expires_at > " + now + " AND (account_index, epoch) IN (VALUES "
      + String.join(", ", Collections.nCopies(RENEWAL_CHUNK, "(CAST(? AS BIGINT), CAST(? AS BIGINT))"))
      + ") RETURNING account_index";
    List<Map.Entry<Long, Long>> leases = List.copyOf(held.entrySet());
    Set<Long> renewed = new HashSet<>();
    for (int from = 0; from < leases.size(); from += RENEWAL_CHUNK) {
      List<Map.Entry<Long, Long>> chunk = leases.subList(from, Math.min(leases.size(), from + RENEWAL_CHUNK));
      Object[] parameters = new Object[2 + 2 * RENEWAL_CHUNK];
      parameters[0] = ttlMillis;
      parameters[1] = node;
      for (int slot = 0; slot < RENEWAL_CHUNK; slot++) {
        Map.Entry<Long, Long> lease = chunk.get(Math.min(slot, chunk.size() - 1));
        parameters[2 + 2 * slot] = lease.getKey();
        parameters[3 + 2 * slot] = lease.getValue();
      }
      renewed.addAll(session.query(sql, row -> row.longValue(1), parameters));
    }
    return renewed;
  }

  /** Expires each of {@code held} still {@code node}'s under its epoch now, for another node to take at once. */
  static void release(SqlSession session, String node, Map<Long, Long> held) throws SQLException {
    String now = session.dialect().nowMillis();
    for (Map.Entry<Long, Long> lease : held.entrySet()) {
      session.update("UPDATE account_leases SET expires_at = " + now
        + " WHERE account_index = ? AND owner = ? AND epoch = ?", lease.getKey(), node, lease.getValue());
    }
  }

  static List<LeaseRow> rows(SqlSession session) throws SQLException {
    return session.query("SELECT account_index, owner, epoch, acquired_at, renewed_at, expires_at"
        + " FROM account_leases ORDER BY account_index",
      row -> new LeaseRow(row.longValue(1), row.string(2), row.longValue(3), row.instant(4), row.instant(5),
        row.instant(6)));
  }

  /**
   * The fence: fails with {@link LeaseLostException}, so that the caller's write rolls back, unless the account's
   * lease row still names {@code node} under {@code epoch}. On PostgreSQL the no-op update locks the row until the
   * write commits, so no acquisition can slip in between the check and the commit. On SQLite the writer's
   * transaction already holds the file's one write lock, so a read is as safe, and it leaves the lease's page out of
   * the commit.
   */
  static void fence(SqlSession session, long accountIndex, String node, long epoch) throws SQLException {
    String check = session.dialect().sharedByNodes()
      ? "UPDATE account_leases SET owner = owner WHERE account_index = ? AND owner = ? AND epoch = ?"
      : "SELECT count(*) FROM account_leases WHERE account_index = ? AND owner = ? AND epoch = ?";
    int held = session.dialect().sharedByNodes() ? session.update(check, accountIndex, node, epoch)
      : session.first(check, row -> row.intValue(1), accountIndex, node, epoch).orElse(0);
    if (held != 1) {
      throw new LeaseLostException("account " + accountIndex + " is no longer owned by node " + node + " under epoch "
        + epoch);
    }
  }
}
