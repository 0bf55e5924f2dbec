package io.copytrader.journal;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A journal file in a fresh directory per test, on a clock the test moves: opened, reopened (a restart) and
 * closed by the test, read and written with plain SQL; whatever is still open is closed after each test.
 */
final class JournalFile implements BeforeEachCallback, AfterEachCallback {

  private final MutableClock clock;
  private final List<Journal> opened = new ArrayList<>();
  private Path dataDir;

  JournalFile(Instant start) {
    this.clock = new MutableClock(start);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("journal-test");
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

  Future<Journal> open(Vertx vertx) {
    return Journal.open(vertx, dataDir, clock).onSuccess(opened::add);
  }

  /** Closes {@code journal} and opens the file again, as a restart does. */
  Future<Journal> reopen(Vertx vertx, Journal journal) {
    return journal.close().compose(closed -> open(vertx));
  }

  /** The first column of the first row {@code sql} returns. */
  String query(String sql) {
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
    try (Connection connection = DriverManager.getConnection(url());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException problem) {
      throw new IllegalStateException(problem);
    }
  }

  private String url() {
    return "jdbc:sqlite:" + dataDir.resolve(Journal.FILE_NAME);
  }
}
