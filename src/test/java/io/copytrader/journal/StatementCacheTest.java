package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {

  private static final String INSERT = "INSERT INTO notes (id, text) VALUES (?, ?)";

  @TempDir
  Path dataDir;

  private Connection real;
  @AutoClose
  private StatementCache cache;

  @BeforeEach
  void open() throws SQLException {
    real = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("cache.db"));
    try (Statement statement = real.createStatement()) {
      statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
    }
    cache = new StatementCache(real);
  }

  @Test
  void aClosedStatementRunsAgainWithItsNewParameters() throws SQLException {
    insert(1, "first");
    insert(2, "second");

    assertThat(texts()).isEqualTo("first,second");
  }

  @Test
  void theSameSqlGivesTheSameCompiledStatement() throws SQLException {
    PreparedStatement first = cache.connection().prepareStatement(INSERT);
    first.close();
    PreparedStatement second = cache.connection().prepareStatement(INSERT);

    assertThat(second.unwrap(PreparedStatement.class)).isSameAs(first.unwrap(PreparedStatement.class));
  }

  @Test
  void closingAStatementClearsItsParameters() throws SQLException {
    try (PreparedStatement statement = cache.connection().prepareStatement(INSERT)) {
      statement.setLong(1, 1);
      statement.setString(2, "kept");
    }
    try (PreparedStatement statement = cache.connection().prepareStatement(INSERT)) {
      statement.setLong(1, 2);
      statement.executeUpdate();
    }

    assertThat(texts()).isEqualTo("null");
  }

  @Test
  void closingTheCacheClosesTheConnection() throws SQLException {
    insert(1, "x");

    cache.close();

    assertThat(real.isClosed()).isTrue();
  }

  private void insert(long id, String text) throws SQLException {
    try (PreparedStatement statement = cache.connection().prepareStatement(INSERT)) {
      statement.setLong(1, id);
      statement.setString(2, text);
      statement.executeUpdate();
    }
  }

  private String texts() throws SQLException {
    try (PreparedStatement select = cache.connection().prepareStatement(
      "SELECT group_concat(coalesce(text, 'null')) FROM notes ORDER BY id");
         ResultSet row = select.executeQuery()) {
      row.next();
      return row.getString(1);
    }
  }
}
