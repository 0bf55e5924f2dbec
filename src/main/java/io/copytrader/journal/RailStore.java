package io.copytrader.journal;

import io.copytrader.rails.EquityMarks;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.copytrader.rails.Rail;
import io.copytrader.rails.RailOutcome;
import io.copytrader.rails.RailVerdict;
import io.copytrader.rails.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
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

  /** An account's entries of the last day by market: how many since a time (the day's start), and the latest. */
  static final String OPENING_ACTIVITY = "SELECT o.market_id,"
    + " count(*) FILTER (WHERE coalesce(o.sent_at, o.created_at) >= ?), max(coalesce(o.sent_at, o.created_at))"
    + " FROM orders o WHERE o.account_index = ? AND o.purpose = 'entry' AND coalesce(o.sent_at, o.created_at) >= ?"
    + " AND " + MAY_HAVE_EXECUTED + " GROUP BY o.market_id";

  private RailStore() {
  }

  /** Replaces the request's verdicts: the latest check is the one that decided what was sent. */
  static void recordVerdicts(SqlSession session, String requestId, List<RailVerdict> verdicts)
    throws SQLException {
    JsonArray rows = new JsonArray();
    for (RailVerdict verdict : verdicts) {
      rows.add(new JsonObject().put("rail", verdict.rail().wire()).put("verdict", verdict.verdict().wire())
        .put("detail", verdict.detail()));
    }
    session.update("INSERT INTO request_verdicts (request_id, verdicts) VALUES (?, ?)"
      + " ON CONFLICT (request_id) DO UPDATE SET verdicts = excluded.verdicts", requestId, rows.encode());
  }

  /** Records the verdicts and ends the request {@code refused} with the rail's code; false if it cannot move. */
  static boolean refuse(SqlSession session, String requestId, RailOutcome outcome, long now) throws SQLException {
    if (!JournalStore.transition(session, requestId, RequestState.REFUSED, outcome.errorCode(),
      outcome.refusal(), now)) {
      return false;
    }
    recordVerdicts(session, requestId, outcome.verdicts());
    return true;
  }

  /**
   * The request's latest verdicts: its one row, or else the rows of a release that kept one per rail (a journal
   * from before, or a node not yet upgraded writing to it).
   */
  static List<RailVerdict> verdicts(SqlSession session, String requestId) throws SQLException {
    Optional<String> stored = session.first("SELECT verdicts FROM request_verdicts WHERE request_id = ?",
      row -> row.string(1), requestId);
    if (stored.isEmpty()) {
      return session.query("SELECT rail, verdict, detail FROM rail_verdicts WHERE request_id = ? ORDER BY ordinal",
        row -> new RailVerdict(Rail.fromWire(row.string(1)), Verdict.fromWire(row.string(2)), row.string(3)),
        requestId);
    }
    List<RailVerdict> verdicts = new ArrayList<>();
    for (Object item : new JsonArray(stored.get())) {
      JsonObject row = (JsonObject) item;
      verdicts.add(new RailVerdict(Rail.fromWire(row.getString("rail")), Verdict.fromWire(row.getString("verdict")),
        row.getString("detail")));
    }
    return verdicts;
  }

  static KillSwitch killSwitch(SqlSession session) throws SQLException {
    KillMode global = KillMode.OFF;
    Map<Long, KillMode> accounts = new HashMap<>();
    for (KillSwitchEntry entry : killSwitchEntries(session)) {
      if (entry.accountIndex() == null) {
        global = entry.mode();
      } else {
        accounts.put(entry.accountIndex(), entry.mode());
      }
    }
    return new KillSwitch(global, accounts);
  }

  static List<KillSwitchEntry> killSwitchEntries(SqlSession session) throws SQLException {
    return session.query("SELECT scope, mode, reason, set_at FROM kill_switch ORDER BY scope", row -> {
      long scope = row.longValue(1);
      return new KillSwitchEntry(scope == ALL_ACCOUNTS ? null : scope, KillMode.fromWire(row.string(2)),
        row.string(3), row.instant(4));
    });
  }

  static KillSwitch engage(SqlSession session, Long accountIndex, KillMode mode, String reason, long now)
    throws SQLException {
    KillSwitch engaged = killSwitch(session).engage(accountIndex, mode);
    session.update("INSERT INTO kill_switch (scope, mode, reason, set_at) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (scope) DO UPDATE SET mode = excluded.mode, reason = excluded.reason,"
        + " set_at = excluded.set_at",
      accountIndex == null ? ALL_ACCOUNTS : accountIndex, mode.wire(), reason, now);
    return engaged;
  }

  static KillSwitch resume(SqlSession session, Long accountIndex) throws SQLException {
    KillSwitch resumed = killSwitch(session).resume(accountIndex);
    if (accountIndex == null) {
      session.update("DELETE FROM kill_switch");
    } else {
      session.update("DELETE FROM kill_switch WHERE scope = ?", accountIndex);
    }
    return resumed;
  }

  /** Folds a reading into the account's marks, writing them only when the peak rose or a new day began. */
  static EquityMarks observeEquity(SqlSession session, long accountIndex, BigDecimal equity,
                                   BigDecimal unrealizedPnl, Instant now) throws SQLException {
    EquityStore.sample(session, accountIndex, equity, now);
    Optional<EquityMarks> stored = equityMarks(session, accountIndex);
    EquityMarks marks = stored.map(known -> known.observe(equity, unrealizedPnl, now))
      .orElseGet(() -> EquityMarks.first(equity, unrealizedPnl, now));
    if (stored.isPresent() && stored.get() == marks) {
      return marks;
    }
    session.update("INSERT INTO equity_marks (account_index, peak_equity, peak_at, day, day_start_equity,"
        + " day_start_unrealized_pnl) VALUES (?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (account_index) DO UPDATE SET peak_equity = excluded.peak_equity,"
        + " peak_at = excluded.peak_at, day = excluded.day, day_start_equity = excluded.day_start_equity,"
        + " day_start_unrealized_pnl = excluded.day_start_unrealized_pnl",
      accountIndex, JournalRows.plain(marks.peakEquity()), marks.peakAt().toEpochMilli(), marks.day().toString(),
      JournalRows.plain(marks.dayStartEquity()), JournalRows.plain(marks.dayStartUnrealizedPnl()));
    return marks;
  }

  private static Optional<EquityMarks> equityMarks(SqlSession session, long accountIndex) throws SQLException {
    return session.first("SELECT peak_equity, peak_at, day, day_start_equity, day_start_unrealized_pnl"
        + " FROM equity_marks WHERE account_index = ?",
      row -> new EquityMarks(row.decimal(1), row.instant(2), LocalDate.parse(row.string(3)), row.decimal(4),
        row.decimal(5)), accountIndex);
  }

  /**
   * The account's entries of the last day, read from their own index (account, time) and nothing else: the read
   * grows with the account's entries of that day, not with its history nor with the other accounts.
   */
  static OpeningActivity openingActivity(SqlSession session, long accountIndex, Instant now)
    throws SQLException {
    long dayStart = EquityMarks.startOfUtcDay(now).toEpochMilli();
    List<MarketEntries> markets = session.query(OPENING_ACTIVITY,
      row -> new MarketEntries(row.intValue(1), row.intValue(2), row.instant(3)),
      dayStart, accountIndex, now.minus(Duration.ofDays(1)).toEpochMilli());
    int today = 0;
    Map<Integer, Instant> lastByMarket = new HashMap<>();
    for (MarketEntries market : markets) {
      today += market.today();
      lastByMarket.put(market.marketId(), market.last());
    }
    return new OpeningActivity(today, lastByMarket);
  }

  /** A market's entries of the last day: how many were today and when the last was. */
  private record MarketEntries(int marketId, int today, Instant last) {
  }

  /**
   * When the account last received a signal identical to the request's (same fingerprint) within {@code window}
   * before it; requests queued after it do not count, so of two identical signals the first is never the one refused.
   */
  static Optional<Instant> previousIdenticalSignal(SqlSession session, String requestId, Duration window)
    throws SQLException {
    return session.first("SELECT max(earlier.created_at)"
        + " FROM requests request JOIN requests earlier ON earlier.account_index = request.account_index"
        + " AND earlier.fingerprint = request.fingerprint AND earlier.kind = request.kind"
        + " AND earlier.created_at >= request.created_at - ? AND (earlier.created_at < request.created_at"
        + " OR (earlier.created_at = request.created_at AND earlier.request_id < request.request_id))"
        + " WHERE request.request_id = ?",
      row -> Optional.ofNullable(row.instant(1)), window.toMillis(), requestId).flatMap(found -> found);
  }
}
