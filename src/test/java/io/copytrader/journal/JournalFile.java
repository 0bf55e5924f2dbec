package io.copytrader.journal;

import io.copytrader.cluster.LeaseBook;
import io.copytrader.config.JournalSettings;
import io.copytrader.config.Secret;
import io.copytrader.testing.HeldJournal;
import io.copytrader.testing.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh journal per test in either store, on a clock the test moves: opened, reopened (a restart) and closed by
 * the test, read and written with plain SQL; whatever is still open is closed after each test. SQLite's is a file in
 * a fresh directory; PostgreSQL's a fresh schema on the test JVM's server ({@link PostgresServer}).
 */
final class JournalFile implements BeforeEachCallback, AfterEachCallback {

  /** The journal's engine under test. */
  enum Store { SQLITE, POSTGRESQL }

  /** The tests' requests are of accounts below this one. */
  static final int HELD_ACCOUNTS = 10;

  private final MutableClock clock;
  private final Store store;
  private final List<Journal> opened = new ArrayList<>();
  private Path dataDir;
  private String schema;

  JournalFile(Instant start, Store store) {
    this.clock = new MutableClock(start);
    this.store = store;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("journal-test");
    if (store == Store.POSTGRESQL) {
      schema = PostgresServer.shared().freshSchema();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Future.join(opened.stream().map(Journal::close).toList()).toCompletionStage().toCompletableFuture()
      .get(10, TimeUnit.SECONDS);
    opened.clear();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  MutableClock clock() {
    return clock;
  }

  Path dataDir() {
    return dataDir;
  }

  Store store() {
    return store;
  }

  /** Skips the test on another store: what it tests is SQLite's own. */
  void onlySqlite(String why) {
    Assumptions.assumeTrue(store == Store.SQLITE, why);
  }

  /** The schema version a journal of this store is migrated to. */
  int currentVersion() {
    return store == Store.SQLITE ? Schema.CURRENT_VERSION : PgSchema.CURRENT_VERSION;
  }

  /** What JOURNAL_URL says for this store. */
  JournalSettings settings() {
    return store == Store.SQLITE ? JournalSettings.SQLITE
      : new JournalSettings(Secret.of(PostgresServer.shared().url(schema)));
  }

  /** Opens the journal for a test node holding the leases of accounts 0 to {@value #HELD_ACCOUNTS} - 1. */
  Future<Journal> open(Vertx vertx) {
    return HeldJournal.open(vertx, settings(), dataDir, clock, HeldJournal.book(), LongStream.range(0, HELD_ACCOUNTS)
      .toArray()).onSuccess(opened::add);
  }

  /** Opens the journal for a node of its own, with the leases {@code book} holds, holding none at first. */
  Future<Journal> open(Vertx vertx, LeaseBook book) {
    return Journal.open(vertx, settings(), dataDir, clock, book).onSuccess(opened::add);
  }

  /** Closes {@code journal} and opens the file again, as a restart does. */
  Future<Journal> reopen(Vertx vertx, Journal journal) {
    return journal.close().compose(closed -> open(vertx));
  }

  /** The first column of the first row {@code sql} returns. */
  String query(String sql) {
    if (store == Store.POSTGRESQL) {
      return PostgresServer.shared().sql(schema, sql).lines().findFirst().orElse(null);
    }
    try (Connection connection = DriverManager.getConnection(url());
         Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    } catch (SQLException problem) {
      throw new IllegalStateException(problem);
    }
  }

  void execute(String sql) {
    if (store == Store.POSTGRESQL) {
      PostgresServer.shared().sql(schema, sql);
      return;
    }
    try (Connection connection = DriverManager.getConnection(url());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException problem) {
      throw new IllegalStateException(problem);
    }
  }

  /** Every line of the plan the database makes for {@code sql} (parameters written into the text). */
  String plan(String sql) {
    if (store == Store.POSTGRESQL) {
      // With a handful of rows PostgreSQL reads the whole table rather than an index: the plan asked for is the
      // one it makes once the table is large.
      return PostgresServer.shared().sql(schema, "SET enable_seqscan = off; EXPLAIN " + sql);
    }
    try (Connection connection = DriverManager.getConnection(url());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rows.next()) {
        plan.append(rows.getString("detail")).append('\n');
      }
      return plan.toString();
    } catch (SQLException problem) {
      throw new IllegalStateException(problem);
    }
  }

  private String url() {
    return "jdbc:sqlite:" + dataDir.resolve(Journal.FILE_NAME);
  }
}
