package io.copytrader.journal;

/**
 * Where the journal's SQL differs between its engines; every other statement is written in what SQLite and
 * PostgreSQL both accept ({@code INSERT ... ON CONFLICT}, {@code RETURNING}, {@code FILTER}, {@code LIMIT ?}).
 */
enum SqlDialect {

  // SQLite: BEGIN IMMEDIATE takes the write lock at once, so a commit never meets a lock it has to wait for.
  // One node holds a SQLite journal, so there is no other writer to skip or tell.
  SQLITE("BEGIN IMMEDIATE", "BEGIN", "max", "", false,
    "CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)"),
  // PostgreSQL: a read sees one snapshot from its first statement on, as a read transaction on SQLite does.
  POSTGRESQL("BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "greatest", " FOR UPDATE SKIP LOCKED", true,
    "CAST(floor(extract(epoch FROM clock_timestamp()) * 1000) AS BIGINT)");

  private final String beginWrite;
  private final String beginRead;
  private final String greatest;
  private final String skipLocked;
  private final boolean notifies;
  private final String nowMillis;

  SqlDialect(String beginWrite, String beginRead, String greatest, String skipLocked, boolean notifies,
             String nowMillis) {
    this.beginWrite = beginWrite;
    this.beginRead = beginRead;
    this.greatest = greatest;
    this.skipLocked = skipLocked;
    this.notifies = notifies;
    this.nowMillis = nowMillis;
  }

  /** How the writer's transactions begin. */
  String beginWrite() {
    return beginWrite;
  }

  /** How a reader's transactions begin. */
  String beginRead() {
    return beginRead;
  }

  /** The function answering the larger of its arguments: SQLite's scalar {@code max}, PostgreSQL's {@code greatest}. */
  String greatest() {
    return greatest;
  }

  /**
   * Appended to a {@code SELECT} whose rows the transaction is about to claim: rows another node's transaction holds
   * are passed over rather than waited for (PostgreSQL); nothing on SQLite, whose one writer holds the whole file.
   */
  String skipLocked() {
    return skipLocked;
  }

  /** Whether {@code pg_notify} tells other nodes of a commit (PostgreSQL); SQLite has no other node to tell. */
  boolean notifies() {
    return notifies;
  }

  /**
   * Whether several nodes may share the journal: never SQLite's, whose file lock admits one service, so every lease
   * row in it is this node's or a former process's.
   */
  boolean sharedByNodes() {
    return this == POSTGRESQL;
  }

  /**
   * The database server's wall clock in epoch milliseconds, read when the statement runs (PostgreSQL's
   * {@code clock_timestamp()}, not the transaction's start): lease expiries are compared on this one clock, so the
   * nodes' own clocks never matter.
   */
  String nowMillis() {
    return nowMillis;
  }
}
