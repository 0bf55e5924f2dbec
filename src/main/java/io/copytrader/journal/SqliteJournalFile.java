package io.copytrader.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The single-node journal: one SQLite file ({@value Journal#FILE_NAME}) under the data directory, held by this
 * process alone through a lock file beside it, written through one connection, read through another and its
 * write-ahead log checkpointed through a third ({@link SqliteCheckpointer}).
 */
final class SqliteJournalFile {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteJournalFile.class);
  private static final String LOCK_NAME = "journal.lock";
  /**
   * Journals open in this JVM. The file lock guards against other processes only, and closing a second
   * channel on the lock file would drop this process's lock on Linux, so an in-process open is refused
   * before the lock file is touched.
   */
  private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

  private SqliteJournalFile() {
  }

  /**
   * Opens (creating if needed) the journal under {@code dataDir} and applies pending migrations. Fails
   * if another process holds the journal, if the file is not a healthy SQLite database, or if its schema
   * is newer than this build. Blocks.
   */
  static JournalEngine open(Path dataDir, Clock clock) {
    Path file = dataDir.toAbsolutePath().normalize().resolve(Journal.FILE_NAME);
    if (!OPEN_HERE.add(file)) {
      throw new JournalException("journal " + file + " is already open in this service");
    }
    FileChannel lockChannel = null;
    Connection writeConnection = null;
    Connection readConnection = null;
    Connection checkpointConnection = null;
    try {
      Files.createDirectories(dataDir);
      lockChannel = FileChannel.open(dataDir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel, file);
      writeConnection = connect(file, false);
      checkIntegrity(writeConnection, file);
      Schema.migrate(writeConnection, file.toString(), clock);
      try (Statement statement = writeConnection.createStatement()) {
        statement.execute("PRAGMA wal_autocheckpoint = " + SqliteCheckpointer.WRITER_FALLBACK_PAGES);
      }
      readConnection = connect(file, true);
      checkpointConnection = connect(file, false);
      SqliteCheckpointer checkpointer = SqliteCheckpointer.start(checkpointConnection);
      FileChannel channel = lockChannel;
      return new JournalEngine(file + " (SQLite, schema version " + Schema.CURRENT_VERSION + ")",
        new JdbcSession(writeConnection), new JdbcSession(readConnection), () -> {
          checkpointer.close();
          release(file, lock, channel);
        });
    } catch (IOException problem) {
      closeQuietly(checkpointConnection, readConnection, writeConnection, lockChannel);
      OPEN_HERE.remove(file);
      throw new JournalException("cannot open journal " + file + ": " + problem.getMessage(), problem);
    } catch (SQLException problem) {
      closeQuietly(checkpointConnection, readConnection, writeConnection, lockChannel);
      OPEN_HERE.remove(file);
      throw new JournalException("journal " + file + " is not a readable SQLite database ("
        + problem.getMessage() + "); refusing to open it. Restore it from a backup or move it aside", problem);
    } catch (RuntimeException problem) {
      closeQuietly(checkpointConnection, readConnection, writeConnection, lockChannel);
      OPEN_HERE.remove(file);
      throw problem;
    }
  }

  private static void release(Path file, FileLock lock, FileChannel lockChannel) {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException problem) {
      throw new JournalException("releasing journal " + file + " failed: " + problem.getMessage(), problem);
    } finally {
      OPEN_HERE.remove(file);
    }
  }

  /** Two services writing one journal would each execute the same queued requests. */
  private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    }
    if (lock == null) {
      throw new JournalException("journal " + file + " is already in use by another service instance");
    }
    return lock;
  }

  /**
   * WAL with {@code synchronous=FULL}: each commit is fsynced before any caller's future completes, so a
   * request acknowledged to a client survives power loss. NORMAL would only fsync at checkpoints and could
   * lose the last acknowledged requests; group commit is what keeps FULL from limiting intake.
   */
  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    // Each operation runs in its own savepoint, whose sub-journal (the pages it changed, kept to roll back to)
    // would otherwise go to a temporary file, one write call per page: it only ever serves the open transaction,
    // never recovery, so memory loses nothing.
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    // The driver would otherwise follow every INSERT with its own SELECT last_insert_rowid() on the writer
    // thread; the journal chooses its own keys and never asks for generated ones.
    config.setGetGeneratedKeys(false);
    Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    if (readOnly) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA query_only = true");
      }
    }
    return connection;
  }

  /** A damaged file is refused at open rather than discovered mid-trade. */
  private static void checkIntegrity(Connection connection, Path file) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
      String verdict = result.next() ? result.getString(1) : "no result";
      if (!"ok".equals(verdict)) {
        throw new JournalException("journal " + file + " failed its integrity check (" + verdict
          + "); refusing to open it. Restore it from a backup or move it aside");
      }
    }
  }

  private static void closeQuietly(Connection checkpointer, Connection reader, Connection writer,
                                   FileChannel lockChannel) {
    for (AutoCloseable resource : new AutoCloseable[] {checkpointer, reader, writer, lockChannel}) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception ignored) {
          LOG.debug("Closing after a failed open: {}", ignored.getMessage());
        }
      }
    }
  }
}
