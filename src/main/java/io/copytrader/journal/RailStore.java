package io.copytrader.journal;

import io.copytrader.rails.EquityMarks;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.copytrader.rails.Rail;
import io.copytrader.rails.RailOutcome;
import io.copytrader.rails.RailVerdict;
import io.copytrader.rails.Verdict;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL behind the risk rails: verdicts per request, the kill switch, equity marks and the day's counters. */
final class RailStore {

  /** The kill switch row that holds all accounts; the others are keyed by account index. */
  static final long ALL_ACCOUNTS = -1;

  /** An entry order that may have executed: sent or in doubt, filled, or cancelled after a partial fill. */
  private static final String MAY_HAVE_EXECUTED = "(o.state NOT IN ('rejected', 'cancelled')"
    + " OR (o.state = 'cancelled' AND CAST(coalesce(o.filled_base, '0') AS REAL) > 0))";

  private RailStore() {
  }

  /** Replaces the request's verdicts: the latest check is the one that decided what was sent. */
  static void recordVerdicts(Connection connection, String requestId, List<RailVerdict> verdicts)
    throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM rail_verdicts WHERE request_id = ?")) {
      delete.setString(1, requestId);
      delete.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rail_verdicts (request_id, ordinal,"
      + " rail, verdict, detail) VALUES (?, ?, ?, ?, ?)")) {
      for (int ordinal = 0; ordinal < verdicts.size(); ordinal++) {
        RailVerdict verdict = verdicts.get(ordinal);
        insert.setString(1, requestId);
        insert.setInt(2, ordinal);
        insert.setString(3, verdict.rail().wire());
        insert.setString(4, verdict.verdict().wire());
        insert.setString(5, verdict.detail());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Records the verdicts and ends the request {@code refused} with the rail's code; false if it cannot move. */
  static boolean refuse(Connection connection, String requestId, RailOutcome outcome, long now) throws SQLException {
    if (!JournalStore.transition(connection, requestId, RequestState.REFUSED, outcome.errorCode(),
      outcome.refusal(), now)) {
      return false;
    }
    recordVerdicts(connection, requestId, outcome.verdicts());
    return true;
  }

  static List<RailVerdict> verdicts(Connection connection, String requestId) throws SQLException {
    List<RailVerdict> verdicts = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
      "SELECT rail, verdict, detail FROM rail_verdicts WHERE request_id = ? ORDER BY ordinal")) {
      select.setString(1, requestId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          verdicts.add(new RailVerdict(Rail.fromWire(rows.getString(1)), Verdict.fromWire(rows.getString(2)),
            rows.getString(3)));
        }
      }
    }
    return verdicts;
  }

  static KillSwitch killSwitch(Connection connection) throws SQLException {
    KillMode global = KillMode.OFF;
    Map<Long, KillMode> accounts = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT scope, mode FROM kill_switch");
         ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        KillMode mode = KillMode.fromWire(rows.getString(2));
        if (rows.getLong(1) == ALL_ACCOUNTS) {
          global = mode;
        } else {
          accounts.put(rows.getLong(1), mode);
        }
      }
    }
    return new KillSwitch(global, accounts);
  }

  static List<KillSwitchEntry> killSwitchEntries(Connection connection) throws SQLException {
    List<KillSwitchEntry> entries = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT scope, mode, reason, set_at FROM kill_switch"
      + " ORDER BY scope");
         ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        long scope = rows.getLong(1);
        entries.add(new KillSwitchEntry(scope == ALL_ACCOUNTS ? null : scope, KillMode.fromWire(rows.getString(2)),
          rows.getString(3), Instant.ofEpochMilli(rows.getLong(4))));
      }
    }
    return entries;
  }

  static KillSwitch engage(Connection connection, Long accountIndex, KillMode mode, String reason, long now)
    throws SQLException {
    KillSwitch engaged = killSwitch(connection).engage(accountIndex, mode);
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO kill_switch (scope, mode, reason,"
      + " set_at) VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET mode = excluded.mode,"
      + " reason = excluded.reason, set_at = excluded.set_at")) {
      upsert.setLong(1, accountIndex == null ? ALL_ACCOUNTS : accountIndex);
      upsert.setString(2, mode.wire());
      upsert.setString(3, reason);
      upsert.setLong(4, now);
      upsert.executeUpdate();
    }
    return engaged;
  }

  static KillSwitch resume(Connection connection, Long accountIndex) throws SQLException {
    KillSwitch resumed = killSwitch(connection).resume(accountIndex);
    String sql = accountIndex == null ? "DELETE FROM kill_switch" : "DELETE FROM kill_switch WHERE scope = ?";
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      if (accountIndex != null) {
        delete.setLong(1, accountIndex);
      }
      delete.executeUpdate();
    }
    return resumed;
  }

  /** Folds a reading into the account's marks, writing them only when the peak rose or a new day began. */
  static EquityMarks observeEquity(Connection connection, long accountIndex, BigDecimal equity,
                                   BigDecimal unrealizedPnl, Instant now) throws SQLException {
    EquityStore.sample(connection, accountIndex, equity, now);
    Optional<EquityMarks> stored = equityMarks(connection, accountIndex);
    EquityMarks marks = stored.map(known -> known.observe(equity, unrealizedPnl, now))
      .orElseGet(() -> EquityMarks.first(equity, unrealizedPnl, now));
    if (stored.isPresent() && stored.get() == marks) {
      return marks;
    }
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO equity_marks (account_index,"
      + " peak_equity, peak_at, day, day_start_equity, day_start_unrealized_pnl) VALUES (?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (account_index) DO UPDATE SET peak_equity = excluded.peak_equity,"
      + " peak_at = excluded.peak_at, day = excluded.day, day_start_equity = excluded.day_start_equity,"
      + " day_start_unrealized_pnl = excluded.day_start_unrealized_pnl")) {
      upsert.setLong(1, accountIndex);
      upsert.setString(2, JournalRows.plain(marks.peakEquity()));
      upsert.setLong(3, marks.peakAt().toEpochMilli());
      upsert.setString(4, marks.day().toString());
      upsert.setString(5, JournalRows.plain(marks.dayStartEquity()));
      upsert.setString(6, JournalRows.plain(marks.dayStartUnrealizedPnl()));
      upsert.executeUpdate();
    }
    return marks;
  }

  private static Optional<EquityMarks> equityMarks(Connection connection, long accountIndex) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT peak_equity, peak_at, day,"
      + " day_start_equity, day_start_unrealized_pnl FROM equity_marks WHERE account_index = ?")) {
      select.setLong(1, accountIndex);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new EquityMarks(JournalRows.decimal(row, 1), Instant.ofEpochMilli(row.getLong(2)),
          LocalDate.parse(row.getString(3)), JournalRows.decimal(row, 4), JournalRows.decimal(row, 5)));
      }
    }
  }

  /**
   * Reads orders first, through their time index, so the scan is the last day's entries rather than the account's
   * whole history: SQLite keeps the table order of a CROSS JOIN.
   */
  static OpeningActivity openingActivity(Connection connection, long accountIndex, Instant now)
    throws SQLException {
    long dayStart = EquityMarks.startOfUtcDay(now).toEpochMilli();
    int today = 0;
    Map<Integer, Instant> lastByMarket = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT o.market_id,"
      + " count(*) FILTER (WHERE coalesce(o.sent_at, o.created_at) >= ?), max(coalesce(o.sent_at, o.created_at))"
      + " FROM orders o CROSS JOIN requests r ON r.request_id = o.request_id WHERE o.purpose = 'entry'"
      + " AND coalesce(o.sent_at, o.created_at) >= ? AND r.account_index = ? AND " + MAY_HAVE_EXECUTED
      + " GROUP BY o.market_id")) {
      select.setLong(1, dayStart);
      select.setLong(2, now.minus(Duration.ofDays(1)).toEpochMilli());
      select.setLong(3, accountIndex);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          today += rows.getInt(2);
          lastByMarket.put(rows.getInt(1), Instant.ofEpochMilli(rows.getLong(3)));
        }
      }
    }
    return new OpeningActivity(today, lastByMarket);
  }

  /**
   * When the account last received a signal identical to the request's (same fingerprint) within {@code window}
   * before it; requests queued after it do not count, so of two identical signals the first is never the one refused.
   */
  static Optional<Instant> previousIdenticalSignal(Connection connection, String requestId, Duration window)
    throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT max(earlier.created_at)"
      + " FROM requests request JOIN requests earlier ON earlier.account_index = request.account_index"
      + " AND earlier.fingerprint = request.fingerprint AND earlier.kind = request.kind"
      + " AND earlier.created_at >= request.created_at - ? AND (earlier.created_at < request.created_at"
      + " OR (earlier.created_at = request.created_at AND earlier.request_id < request.request_id))"
      + " WHERE request.request_id = ?")) {
      select.setLong(1, window.toMillis());
      select.setString(2, requestId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        long millis = row.getLong(1);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
      }
    }
  }
}
