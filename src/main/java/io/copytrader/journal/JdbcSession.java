package io.copytrader.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** A session over SQLite's JDBC connection, each SQL text prepared once ({@link StatementCache}). */
final class JdbcSession implements SqlSession {

  private final StatementCache statements;
  private final Connection connection;

  JdbcSession(Connection connection) {
    this.statements = new StatementCache(connection);
    this.connection = statements.connection();
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.SQLITE;
  }

  @Override
  public int update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  @Override
  public void batch(String sql, List<List<Object>> parameterLists) throws SQLException {
    if (parameterLists.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (List<Object> parameters : parameterLists) {
        bind(statement, parameters.toArray());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  @Override
  public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
    List<T> values = new ArrayList<>();
    try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
      SqlRow row = new Row(rows);
      while (rows.next()) {
        values.add(reader.read(row));
      }
    }
    return values;
  }

  @Override
  public void execute(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (statement.execute()) {
        // A kept statement that returned rows stays in progress until its result closes (a PRAGMA's answer).
        statement.getResultSet().close();
      }
    }
  }

  @Override
  public void close() throws SQLException {
    statements.close();
  }

  private PreparedStatement prepare(String sql, Object[] parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    bind(statement, parameters);
    return statement;
  }

  private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
    for (int index = 0; index < parameters.length; index++) {
      Object value = parameters[index];
      if (value == null) {
        statement.setNull(index + 1, Types.NULL);
      } else if (value instanceof String text) {
        statement.setString(index + 1, text);
      } else if (value instanceof Long || value instanceof Integer) {
        statement.setLong(index + 1, ((Number) value).longValue());
      } else {
        throw new IllegalArgumentException("the journal stores no " + value.getClass().getSimpleName());
      }
    }
  }

  /** The result set's current row. */
  private record Row(ResultSet rows) implements SqlRow {

    @Override
    public String string(int column) throws SQLException {
      return rows.getString(column);
    }

    @Override
    public long longValue(int column) throws SQLException {
      return rows.getLong(column);
    }

    @Override
    public Long nullableLong(int column) throws SQLException {
      long value = rows.getLong(column);
      return rows.wasNull() ? null : value;
    }
  }
}
