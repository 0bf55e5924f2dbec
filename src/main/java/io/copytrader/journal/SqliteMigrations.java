package io.copytrader.journal;

import java.util.List;

/**
 * The SQLite journal's migrations from account ownership on, named for what each changes; {@link Schema} applies
 * them in its order. A released migration is never edited.
 */
final class SqliteMigrations {

  // Account ownership among nodes sharing one journal (README.md "Running in production"): one lease row per
  // account, whose epoch grows at every change of owner and fences the order rows written before a send; and
  // the epoch under which the owner took a request into its queue, NULL while a request journaled by another
  // node waits to be claimed.
  static final List<String> ACCOUNT_OWNERSHIP = List.of(
    """
    CREATE TABLE account_leases (
      account_index INTEGER PRIMARY KEY,
      owner TEXT NOT NULL,
      epoch INTEGER NOT NULL CHECK (epoch > 0),
      acquired_at INTEGER NOT NULL,
      renewed_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    )""",
    "ALTER TABLE requests ADD COLUMN claimed_epoch INTEGER",
    "CREATE INDEX requests_unclaimed ON requests (account_index, created_at) WHERE state = 'queued'"
      + " AND claimed_epoch IS NULL");

  // A request's rails' verdicts as one row (a JSON array, in the rails' order) instead of one row per rail: the
  // rails check every opening order, and ten rows each were a tenth of the journal writer's time in a fan-out
  // (BENCHMARKS.md section 6). Migrations only add (README.md "Upgrading node by node"), so rail_verdicts stays:
  // what an earlier release wrote there is still read (RailStore.verdicts).
  static final List<String> VERDICTS_PER_REQUEST = List.of(
    """
    CREATE TABLE request_verdicts (
      request_id TEXT PRIMARY KEY REFERENCES requests (request_id),
      verdicts TEXT NOT NULL
    )""");

  // Each order carries its request's account, and entries are indexed by account and time: the rails count an
  // account's entries of the day (RailStore.openingActivity) from that index alone, instead of going through every
  // request the account ever had, a read that grew with the account's history and ran before every opening
  // (BENCHMARKS.md section 6).
  // One node holds a SQLite journal, so every row written after this migration carries the account, and no node of
  // the release before reads the file again: the time index of entries, which nothing reads any more, is dropped
  // rather than kept up to date at every entry (on PostgreSQL, which such nodes share, it stays).
  static final List<String> ENTRIES_BY_ACCOUNT = List.of(
    "ALTER TABLE orders ADD COLUMN account_index INTEGER",
    "UPDATE orders SET account_index = (SELECT r.account_index FROM requests r WHERE r.request_id = orders.request_id)",
    "CREATE INDEX orders_account_entry_time ON orders (account_index, coalesce(sent_at, created_at))"
      + " WHERE purpose = 'entry'",
    "DROP INDEX orders_entry_time");

  // The rails' read of an account's entries (RailStore.OPENING_ACTIVITY) from the index alone: the state, filled
  // amount and market it needs were read from each entry's row, a page of its own in a large journal, and the read
  // runs before every opening on the journal's one reader thread, where a fan-out's openings queue behind each other
  // (BENCHMARKS.md section 6). SQLite has no included columns, so they are trailing columns of the key; the plain
  // times and the purpose are there too, as the planner counts an index as covering only with every column the
  // query names. The index it replaces is no longer read.
  static final List<String> ENTRIES_COVERED = List.of(
    "CREATE INDEX orders_account_entries ON orders (account_index, coalesce(sent_at, created_at), market_id, state,"
      + " filled_base, sent_at, created_at, purpose) WHERE purpose = 'entry'",
    "DROP INDEX orders_account_entry_time");

  private SqliteMigrations() {
  }
}
