package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead log reaches the database file through the checkpointer's own connection, not the writer's. */
class SqliteCheckpointerTest {

  private static final int ROWS = 200;

  @TempDir
  Path dataDir;

  private Path file;
  private Connection writer;

  @BeforeEach
  void writeRowsIntoTheLogOnly() throws SQLException {
    file = dataDir.resolve("journal.db");
    writer = connect();
    try (Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("PRAGMA wal_autocheckpoint=0");
      statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    }
    try (PreparedStatement insert = writer.prepareStatement("INSERT INTO notes (id, body) VALUES (?, ?)")) {
      for (int id = 0; id < ROWS; id++) {
        insert.setInt(1, id);
        insert.setString(2, "x".repeat(2_000));
        insert.executeUpdate();
      }
    }
  }

  @AfterEach
  void closeWriter() throws SQLException {
    writer.close();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  @Test
  void committedRowsReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
    long before = Files.size(file);
    try (SqliteCheckpointer checkpointer = SqliteCheckpointer.start(connect(), Duration.ofMillis(20))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.size(file) < (long) ROWS * 2_000 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }

    assertThat(before).as("the writer left its rows in the log").isLessThan((long) ROWS * 2_000);
    assertThat(Files.size(file)).as("the checkpointer moved them into the file").isGreaterThanOrEqualTo(
      (long) ROWS * 2_000);
  }

  @Test
  void closeStopsCheckpointingAndClosesItsConnection() throws Exception {
    Connection own = connect();
    SqliteCheckpointer checkpointer = SqliteCheckpointer.start(own, Duration.ofMillis(20));

    checkpointer.close();

    assertThat(own.isClosed()).isTrue();
  }
}
