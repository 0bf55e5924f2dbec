package io.copytrader.journal;

/**
 * Where the journal's SQL differs between its engines; every other statement is written in what SQLite and
 * PostgreSQL both accept ({@code INSERT ... ON CONFLICT}, {@code RETURNING}, {@code FILTER}, {@code LIMIT ?}).
 */
enum SqlDialect {

  // SQLite: BEGIN IMMEDIATE takes the write lock at once, so a commit never meets a lock it has to wait for.
  SQLITE("BEGIN IMMEDIATE", "BEGIN", "max", "CROSS JOIN"),
  // PostgreSQL: a read sees one snapshot from its first statement on, as a read transaction on SQLite does.
  POSTGRESQL("BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "greatest", "JOIN");

  private final String beginWrite;
  private final String beginRead;
  private final String greatest;
  private final String orderedJoin;

  SqlDialect(String beginWrite, String beginRead, String greatest, String orderedJoin) {
    this.beginWrite = beginWrite;
    this.beginRead = beginRead;
    this.greatest = greatest;
    this.orderedJoin = orderedJoin;
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
   * A join whose left table is read first: SQLite keeps the table order of a {@code CROSS JOIN}, which PostgreSQL
   * writes without an {@code ON} and plans by its statistics anyway.
   */
  String orderedJoin() {
    return orderedJoin;
  }
}
