package io.copytrader.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite journal's write-ahead log into the database file on a thread and connection of its own.
 *
 * <p>Left to SQLite, the COMMIT that takes the log past its threshold copies the log into the file and fsyncs the
 * file, on the writer thread, while the orders of a fan-out wait for their commits behind it. Here the writer only
 * appends to the log and fsyncs it, which is all a commit's durability needs; this thread runs a PASSIVE checkpoint
 * every {@link #INTERVAL}, which never waits for the writer nor makes it wait. The writer keeps SQLite's own
 * checkpoint at {@link #WRITER_FALLBACK_PAGES} pages, so the log stays bounded should this thread fall behind.
 */
final class SqliteCheckpointer implements AutoCloseable {

  /** Often enough that a fan-out's log (a few thousand pages) is moved before the next one. */
  static final Duration INTERVAL = Duration.ofMillis(250);
  /** The writer's own checkpoint threshold, in pages: 10 times SQLite's default, only reached if this lags. */
  static final int WRITER_FALLBACK_PAGES = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

  private final Connection connection;
  private final Duration interval;
  private final Thread thread;
  private volatile boolean closing;

  private SqliteCheckpointer(Connection connection, Duration interval) {
    this.connection = connection;
    this.interval = interval;
    this.thread = new Thread(this::loop, "journal-checkpoint");
    // Daemon: checkpointing is never needed for what was committed; the log is replayed at the next open.
    thread.setDaemon(true);
  }

  /** Starts checkpointing through {@code connection}, which it then owns and closes. */
  static SqliteCheckpointer start(Connection connection) {
    return start(connection, INTERVAL);
  }

  static SqliteCheckpointer start(Connection connection, Duration interval) {
    SqliteCheckpointer checkpointer = new SqliteCheckpointer(connection, interval);
    checkpointer.thread.start();
    return checkpointer;
  }

  private void loop() {
    while (!closing) {
      try {
        TimeUnit.NANOSECONDS.sleep(interval.toNanos());
      } catch (InterruptedException interrupted) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (SQLException problem) {
        if (!closing) {
          LOG.warn("Journal checkpoint failed, tried again in {} ms: {}", interval.toMillis(), problem.getMessage());
        }
      }
    }
  }

  /** Stops the thread, waiting for a checkpoint under way, and closes the connection. */
  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      connection.close();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (SQLException problem) {
      LOG.warn("Closing the journal's checkpoint connection failed: {}", problem.getMessage());
    }
  }
}
