package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: what queues while a write transaction runs joins it; nothing joins a read transaction. */
@ExtendWith(VertxExtension.class)
class SqliteThreadTest {

  @TempDir
  Path dataDir;

  private Context context;
  private SqliteThread writer;

  @BeforeEach
  void open(Vertx vertx) throws SQLException {
    Connection connection = connect();
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    }
    context = vertx.getOrCreateContext();
    writer = SqliteThread.writer("test-writer", connection, context);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("journal.db"));
  }

  private static void insert(Connection connection, int id) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO notes (id) VALUES (" + id + ")");
    }
  }

  private static int count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT count(*) FROM notes")) {
      return rows.getInt(1);
    }
  }

  /** Queues an insert of {@code id} that answers the row count its transaction sees. */
  private Future<Integer> insertThenCount(int id) {
    return writer.submit(context, connection -> {
      insert(connection, id);
      return count(connection);
    });
  }

  @Test
  void writeQueuedWhileATransactionRunsCommitsWithIt(VertxTestContext test) {
    AtomicReference<Future<Integer>> follower = new AtomicReference<>();
    Future<Integer> leader = writer.submit(context, connection -> {
      insert(connection, 1);
      follower.set(insertThenCount(2));
      return count(connection);
    });

    leader.compose(first -> follower.get()).onComplete(test.succeeding(seen -> test.verify(() -> {
      assertThat(seen).isEqualTo(2);
      assertThat(writer.transactions()).isEqualTo(1);
      assertThat(writer.operations()).isEqualTo(2);
      test.completeNow();
    })));
  }

  @Test
  void closeRequestedWhileATransactionRunsLetsWhatQueuedBeforeItCommit(VertxTestContext test) {
    AtomicReference<Future<Integer>> follower = new AtomicReference<>();
    AtomicReference<Future<Void>> closed = new AtomicReference<>();
    AtomicReference<Future<Integer>> afterClose = new AtomicReference<>();
    Future<Integer> leader = writer.submit(context, connection -> {
      insert(connection, 1);
      follower.set(insertThenCount(2));
      closed.set(writer.close());
      afterClose.set(insertThenCount(3));
      return count(connection);
    });

    leader.compose(first -> Future.join(follower.get(), closed.get(), afterClose.get()))
      .onComplete(done -> test.verify(() -> {
        assertThat(follower.get().result()).isEqualTo(2);
        assertThat(closed.get().succeeded()).isTrue();
        assertThat(afterClose.get().cause()).isInstanceOf(JournalException.class);
        assertThat(writer.transactions()).isEqualTo(1);
        test.completeNow();
      }));
  }

  @Test
  void readQueuedWhileAReadTransactionRunsSeesWritesCommittedBeforeIt(VertxTestContext test) throws SQLException {
    SqliteThread reader = SqliteThread.reader("test-reader", connect(), context);
    Connection elsewhere = connect();
    AtomicReference<Future<Integer>> later = new AtomicReference<>();
    Future<Integer> first = reader.submit(context, connection -> {
      int before = count(connection);
      insert(elsewhere, 1);
      later.set(reader.submit(context, SqliteThreadTest::count));
      return before;
    });

    first.compose(before -> later.get().map(after -> before + "/" + after))
      .onComplete(test.succeeding(seen -> test.verify(() -> {
        assertThat(seen).isEqualTo("0/1");
        elsewhere.close();
        reader.close().onComplete(test.succeedingThenComplete());
      })));
  }
}
