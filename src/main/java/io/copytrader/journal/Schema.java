package io.copytrader.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations, applied in order at open, each in its own transaction with its row in
 * {@code schema_version}. A released migration is never edited: a change is a new migration appended here.
 */
final class Schema {

  // Take-profit orders (TakeProfitPlan) are journaled with a purpose of their own; the CHECK is extended by the
  // same table rebuild as PROTECTION_KIND, with the indexes made again.
  private static final List<String> TAKE_PROFIT_PURPOSE = SqliteOrdersTable.purposesAdded("'take_profit_place'");

  // A take-profit's cancellation is journaled as such (OrderPurpose.TAKE_PROFIT_CANCEL), never as a stop-loss's.
  private static final List<String> TAKE_PROFIT_CANCEL_PURPOSE =
    SqliteOrdersTable.purposesAdded("'take_profit_place', 'take_profit_cancel'");

  // Protection runs (the per-account supervisor's stop-loss maintenance) are journaled as requests of their
  // own kind ending 'completed'. SQLite cannot alter a CHECK, so the table is rebuilt as its documentation
  // describes: foreign keys off around it, checked before it commits; rows, indexes and references stay as they were.
  private static final List<String> PROTECTION_KIND = List.of(
    """
    CREATE TABLE requests_v2 (
      request_id TEXT PRIMARY KEY,
      account_index INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('trade', 'adjust', 'protection')),
      body TEXT NOT NULL,
      idempotency_key TEXT,
      fingerprint TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN
        ('queued', 'executing', 'filled', 'partially_filled', 'rejected', 'failed', 'expired', 'completed')),
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      error_code TEXT,
      error_message TEXT,
      signal_timestamp INTEGER,
      max_lag_ms INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0
    )""",
    """
    INSERT INTO requests_v2 (request_id, account_index, kind, body, idempotency_key, fingerprint, state,
      created_at, started_at, finished_at, error_code, error_message, signal_timestamp, max_lag_ms, attempts)
    SELECT request_id, account_index, kind, body, idempotency_key, fingerprint, state, created_at, started_at,
      finished_at, error_code, error_message, signal_timestamp, max_lag_ms, attempts FROM requests""",
    "DROP TABLE requests",
    "ALTER TABLE requests_v2 RENAME TO requests",
    "CREATE INDEX requests_newest ON requests (created_at DESC, request_id DESC)",
    "CREATE INDEX requests_account_newest ON requests (account_index, created_at DESC, request_id DESC)",
    """
    CREATE INDEX requests_unfinished ON requests (account_index, created_at, request_id)
      WHERE state IN ('queued', 'executing')""");

  private static final List<List<String>> MIGRATIONS = List.of(
    List.of(
      """
      CREATE TABLE requests (
        request_id TEXT PRIMARY KEY,
        account_index INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('trade', 'adjust')),
        body TEXT NOT NULL,
        idempotency_key TEXT,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN
          ('queued', 'executing', 'filled', 'partially_filled', 'rejected', 'failed', 'expired')),
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        error_code TEXT,
        error_message TEXT,
        signal_timestamp INTEGER,
        max_lag_ms INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0
      )""",
      "CREATE INDEX requests_newest ON requests (created_at DESC, request_id DESC)",
      "CREATE INDEX requests_account_newest ON requests (account_index, created_at DESC, request_id DESC)",
      """
      CREATE INDEX requests_unfinished ON requests (account_index, created_at, request_id)
        WHERE state IN ('queued', 'executing')""",
      """
      CREATE TABLE idempotency_keys (
        account_index INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_id TEXT NOT NULL REFERENCES requests (request_id),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (account_index, idempotency_key)
      ) WITHOUT ROWID""",
      "CREATE INDEX idempotency_keys_request ON idempotency_keys (request_id)",
      SqliteOrdersTable.FIRST,
      "CREATE INDEX orders_client_order_index ON orders (market_id, client_order_index)",
      "CREATE INDEX orders_tx_hash ON orders (tx_hash) WHERE tx_hash IS NOT NULL",
      """
      CREATE TABLE account_counters (
        account_index INTEGER PRIMARY KEY,
        last_client_order_index INTEGER NOT NULL CHECK (last_client_order_index >= 0)
      )"""),
    PROTECTION_KIND,
    // Risk rails: a request a rail refused ends 'refused' (the requests table rebuilt as PROTECTION_KIND did, with
    // that state added); each request's rail verdicts; the kill switch (scope -1 is all accounts, else an account
    // index); the equity marks the loss rails measure from; and the indexes that rebuild the day's counters.
    with(rebuildWithState(PROTECTION_KIND, "'refused'"),
      """
      CREATE TABLE rail_verdicts (
        request_id TEXT NOT NULL REFERENCES requests (request_id),
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        rail TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'cut', 'refuse')),
        detail TEXT NOT NULL,
        PRIMARY KEY (request_id, ordinal)
      ) WITHOUT ROWID""",
      """
      CREATE TABLE kill_switch (
        scope INTEGER PRIMARY KEY CHECK (scope >= -1),
        mode TEXT NOT NULL CHECK (mode IN ('halt', 'flatten')),
        reason TEXT NOT NULL,
        set_at INTEGER NOT NULL
      )""",
      """
      CREATE TABLE equity_marks (
        account_index INTEGER PRIMARY KEY,
        peak_equity TEXT NOT NULL,
        peak_at INTEGER NOT NULL,
        day TEXT NOT NULL,
        day_start_equity TEXT NOT NULL,
        day_start_unrealized_pnl TEXT NOT NULL
      )""",
      "CREATE INDEX orders_entry_time ON orders (coalesce(sent_at, created_at)) WHERE purpose = 'entry'",
      "CREATE INDEX requests_account_fingerprint ON requests (account_index, fingerprint, created_at)"),
    // Leverage changes (UpdateLeverage, tx type 20): each signed one journaled before it leaves, like an order,
    // with the request that needed it (none for a correction at start) and what became of it.
    List.of(
      """
      CREATE TABLE leverage_changes (
        change_id INTEGER PRIMARY KEY,
        account_index INTEGER NOT NULL,
        request_id TEXT REFERENCES requests (request_id),
        market_id INTEGER NOT NULL,
        initial_margin_fraction INTEGER NOT NULL CHECK (initial_margin_fraction BETWEEN 1 AND 10000),
        margin_mode INTEGER NOT NULL CHECK (margin_mode IN (0, 1)),
        nonce INTEGER NOT NULL,
        api_key_index INTEGER NOT NULL,
        tx_hash TEXT NOT NULL,
        tx_info TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('signed', 'sent', 'applied', 'refused', 'not_sent', 'unconfirmed')),
        error_code TEXT,
        error_message TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      )""",
      "CREATE INDEX leverage_changes_account ON leverage_changes (account_index, market_id, change_id)"),
    // Target positions: requests of kinds 'position' (HTTP) and 'follow' (a followed leader's change), the requests
    // table rebuilt as the risk rails' migration left it with those kinds added; each target's first plan and its
    // steps (a retry that plans again adds steps).
    with(rebuildWithKinds(rebuildWithState(PROTECTION_KIND, "'refused'"), "'position', 'follow'"),
      "CREATE INDEX requests_account_fingerprint ON requests (account_index, fingerprint, created_at)",
      """
      CREATE TABLE position_targets (
        request_id TEXT PRIMARY KEY REFERENCES requests (request_id),
        target_base TEXT NOT NULL,
        position_before TEXT NOT NULL,
        price TEXT NOT NULL
      ) WITHOUT ROWID""",
      """
      CREATE TABLE target_steps (
        request_id TEXT NOT NULL REFERENCES requests (request_id),
        step INTEGER NOT NULL CHECK (step >= 0),
        action TEXT NOT NULL CHECK (action IN ('open', 'increase', 'decrease', 'close')),
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        base_amount TEXT NOT NULL,
        client_order_index INTEGER,
        outcome TEXT NOT NULL,
        detail TEXT,
        PRIMARY KEY (request_id, step)
      ) WITHOUT ROWID"""),
    // Copying leaders (FollowStore): each leader's last known position per market and the change that produced
    // it, when each follower started following, and per follower and market whether it follows or waits for the
    // leader's next flat or flip, with the last change submitted to it.
    List.of(
      """
      CREATE TABLE leader_markets (
        leader TEXT NOT NULL,
        market_id INTEGER NOT NULL,
        position TEXT NOT NULL,
        entry TEXT,
        equity TEXT,
        event TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (leader, market_id)
      )""",
      """
      CREATE TABLE follow_starts (
        follower INTEGER NOT NULL,
        leader TEXT NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (follower, leader)
      )""",
      """
      CREATE TABLE followed_markets (
        follower INTEGER NOT NULL,
        leader TEXT NOT NULL,
        market_id INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('following', 'waiting_flat')),
        since INTEGER NOT NULL,
        last_event TEXT,
        target TEXT,
        PRIMARY KEY (follower, leader, market_id)
      )"""),
    // Equity samples for the dashboard's chart (EquityStore): the latest reading of each account per minute.
    List.of(
      """
      CREATE TABLE equity_samples (
        account_index INTEGER NOT NULL,
        minute INTEGER NOT NULL,
        equity TEXT NOT NULL,
        PRIMARY KEY (account_index, minute)
      ) WITHOUT ROWID"""),
    TAKE_PROFIT_PURPOSE,
    TAKE_PROFIT_CANCEL_PURPOSE,
    SqliteMigrations.ACCOUNT_OWNERSHIP,
    SqliteMigrations.VERDICTS_PER_REQUEST,
    SqliteMigrations.ENTRIES_BY_ACCOUNT,
    SqliteMigrations.ENTRIES_COVERED
  );

  static final int CURRENT_VERSION = MIGRATIONS.size();

  /** The statements of one migration, for tests that build a journal as an older release left it. */
  static List<String> migration(int version) {
    return MIGRATIONS.get(version - 1);
  }

  /**
   * The statements of a table rebuild of {@code requests} with {@code state} added to its states: the rebuild's
   * table renamed so the copy does not meet the one an earlier migration left behind.
   */
  private static List<String> rebuildWithState(List<String> rebuild, String state) {
    String states = "'expired', 'completed'";
    if (!rebuild.get(0).contains(states + ")")) {
      throw new IllegalStateException("the rebuild to extend does not end its states with " + states);
    }
    return rebuild.stream().map(sql -> sql.replace("requests_v2", "requests_next")
      .replace(states + ")", states + ", " + state + ")")).toList();
  }

  /**
   * The statements of a table rebuild of {@code requests} with {@code kinds} added to its kinds: the rebuild's table
   * renamed so the copy does not meet the one an earlier migration left behind.
   */
  private static List<String> rebuildWithKinds(List<String> rebuild, String kinds) {
    String known = "'adjust', 'protection')";
    if (!rebuild.get(0).contains(known)) {
      throw new IllegalStateException("the rebuild to extend does not end its kinds with " + known);
    }
    return rebuild.stream().map(sql -> sql.replace("requests_next", "requests_kinds")
      .replace(known, "'adjust', 'protection', " + kinds + ")")).toList();
  }

  private static List<String> with(List<String> first, String... more) {
    List<String> statements = new ArrayList<>(first);
    statements.addAll(List.of(more));
    return List.copyOf(statements);
  }

  private Schema() {
  }

  /** Brings the database to {@link #CURRENT_VERSION}; refuses a database this code does not understand. */
  static void migrate(Connection connection, String file, Clock clock) throws SQLException {
    int version = currentVersion(connection, file);
    if (version > CURRENT_VERSION) {
      throw new JournalException("journal " + file + " has schema version " + version
        + ", newer than this build understands (" + CURRENT_VERSION + "); refusing to open it."
        + " Run the release that wrote it, or restore a backup made by this one");
    }
    if (version >= CURRENT_VERSION) {
      return;
    }
    // A table rebuild drops the table others refer to; SQLite ignores this pragma inside a transaction.
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA foreign_keys = OFF");
      try {
        for (int next = version + 1; next <= CURRENT_VERSION; next++) {
          apply(connection, next, clock);
        }
      } finally {
        statement.execute("PRAGMA foreign_keys = ON");
      }
    }
  }

  private static int currentVersion(Connection connection, String file) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      boolean versioned;
      boolean empty;
      try (ResultSet tables = statement.executeQuery(
        "SELECT count(*), count(*) FILTER (WHERE name = 'schema_version') FROM sqlite_schema"
          + " WHERE type = 'table'")) {
        tables.next();
        empty = tables.getInt(1) == 0;
        versioned = tables.getInt(2) == 1;
      }
      if (!versioned && !empty) {
        throw new JournalException("journal " + file + " is an SQLite database with no schema_version table,"
          + " so it was not written by this service; refusing to open it");
      }
      if (!versioned) {
        statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        return 0;
      }
      try (ResultSet max = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        max.next();
        return max.getInt(1);
      }
    }
  }

  private static void apply(Connection connection, int version, Clock clock) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        for (String sql : MIGRATIONS.get(version - 1)) {
          statement.execute(sql);
        }
        try (ResultSet broken = statement.executeQuery("PRAGMA foreign_key_check")) {
          if (broken.next()) {
            throw new SQLException("migration " + version + " would leave a row of " + broken.getString(1)
              + " referring to nothing");
          }
        }
        try (PreparedStatement record =
               connection.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
          record.setInt(1, version);
          record.setLong(2, clock.millis());
          record.executeUpdate();
        }
        statement.execute("COMMIT");
      } catch (SQLException problem) {
        statement.execute("ROLLBACK");
        throw problem;
      }
    }
  }
}
