package io.copytrader.journal;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One database connection as the journal's stores use it, whichever engine is behind it: statements with {@code ?}
 * parameters, rows read by position (1 first). Parameters are {@code String}, {@code Long}, {@code Integer} or null.
 * Confined to the thread that owns the connection ({@link JournalThread}); every call returns once the database has
 * answered, and a database's refusal is an {@link SQLException}.
 */
interface SqlSession extends AutoCloseable {

  /** Reads one row of a result as a value. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(SqlRow row) throws SQLException;
  }

  /**
   * Readies the session for its next transaction: a session whose connection was lost takes a new one if there is
   * one, else fails at once with an {@link java.sql.SQLTransientConnectionException}. Never called inside a
   * transaction.
   */
  default void ready() throws SQLException {
  }

  /** Whether the session has a connection to work on; an embedded database's always has. */
  default boolean connected() {
    return true;
  }

  /** Which engine's SQL this session speaks, for the few statements the two write differently. */
  SqlDialect dialect();

  /** Runs a statement that returns no rows; answers how many rows it changed. */
  int update(String sql, Object... parameters) throws SQLException;

  /** Runs a statement once per parameter list, as one batch. */
  void batch(String sql, List<List<Object>> parameterLists) throws SQLException;

  <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException;

  /** The first row's value, if there is a row. */
  default <T> Optional<T> first(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
    List<T> rows = query(sql, reader, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs a statement with no parameters: transaction control, schema changes. */
  void execute(String sql) throws SQLException;

  /**
   * Runs a statement with no parameters whose answer nothing waits for (a savepoint's opening and release): the
   * session may send it ahead of the next statement without waiting, in which case its failure is that next
   * statement's.
   */
  default void pipeline(String sql) throws SQLException {
    execute(sql);
  }

  @Override
  void close() throws SQLException;
}
