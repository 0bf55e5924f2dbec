package io.copytrader.journal;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Each account's equity over time, for the dashboard's chart: every reading of the account the rails fold into the
 * equity marks (each protection run's, each sized order's) is kept as the sample of its minute, the latest of the
 * minute winning, for {@link #RETENTION}.
 */
public final class EquityStore {

  public static final Duration RETENTION = Duration.ofDays(7);
  private static final long MINUTE_MS = 60_000;

  private EquityStore() {
  }

  /** A sample: the start of its minute and the account's equity then. */
  public record EquitySample(Instant at, BigDecimal equity) {
  }

  /** Keeps {@code equity} as the account's sample of {@code now}'s minute and drops those past the retention. */
  static void sample(SqlSession session, long accountIndex, BigDecimal equity, Instant now) throws SQLException {
    long minute = now.toEpochMilli() / MINUTE_MS * MINUTE_MS;
    session.update("INSERT INTO equity_samples (account_index, minute, equity) VALUES (?, ?, ?)"
      + " ON CONFLICT (account_index, minute) DO UPDATE SET equity = excluded.equity",
      accountIndex, minute, JournalRows.plain(equity));
    session.update("DELETE FROM equity_samples WHERE account_index = ? AND minute < ?",
      accountIndex, minute - RETENTION.toMillis());
  }

  /** The account's samples from {@code since} on, oldest first. */
  public static Future<List<EquitySample>> since(Journal journal, long accountIndex, Instant since) {
    return journal.read(session -> session.query("SELECT minute, equity FROM equity_samples"
        + " WHERE account_index = ? AND minute >= ? ORDER BY minute",
      row -> new EquitySample(row.instant(1), row.decimal(2)), accountIndex, since.toEpochMilli()));
  }
}
