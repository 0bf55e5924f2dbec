package io.copytrader.journal;

import io.copytrader.rails.EquityMarks;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.copytrader.rails.RailOutcome;
import io.copytrader.rails.RailVerdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigDecimal;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable request and order journal: one SQLite file ({@value #FILE_NAME}) under the data directory.
 *
 * <p>Every write goes through one writer thread with group commit; reads use a second connection on
 * their own thread, which WAL lets run beside the writer. Every method returns at once with a future
 * completed on the caller's context, after the data is committed (writes) or read (reads). A future
 * fails with {@link JournalException} when the journal cannot do what was asked.
 */
public final class Journal {

  public static final String FILE_NAME = "journal.db";
  public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
  /** The longest reason stored with a kill switch mode. */
  public static final int MAX_REASON_LENGTH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final String LOCK_NAME = "journal.lock";
  /**
   * Journals open in this JVM. The file lock guards against other processes only, and closing a second
   * channel on the lock file would drop this process's lock on Linux, so an in-process open is refused
   * before the lock file is touched.
   */
  private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

  private final Vertx vertx;
  private final Path file;
  private final Clock clock;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final SqliteThread writer;
  private final SqliteThread reader;
  private Future<Void> closed;

  private Journal(Vertx vertx, Path file, Clock clock, FileChannel lockChannel, FileLock lock,
                  Connection writeConnection, Connection readConnection, Context context) {
    this.vertx = vertx;
    this.file = file;
    this.clock = clock;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.writer = SqliteThread.writer("journal-writer", writeConnection, context);
    this.reader = SqliteThread.reader("journal-reader", readConnection, context);
  }

  public static Future<Journal> open(Vertx vertx, Path dataDir) {
    return open(vertx, dataDir, Clock.systemUTC());
  }

  /**
   * Opens (creating if needed) the journal under {@code dataDir} and applies pending migrations. Fails
   * if another process holds the journal, if the file is not a healthy SQLite database, or if its schema
   * is newer than this build.
   */
  public static Future<Journal> open(Vertx vertx, Path dataDir, Clock clock) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> openBlocking(vertx, dataDir, clock, context), false);
  }

  private static Journal openBlocking(Vertx vertx, Path dataDir, Clock clock, Context context) {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    if (!OPEN_HERE.add(file)) {
      throw new JournalException("journal " + file + " is already open in this service");
    }
    FileChannel lockChannel = null;
    Connection writeConnection = null;
    Connection readConnection = null;
    try {
      Files.createDirectories(dataDir);
      lockChannel = FileChannel.open(dataDir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(lockChannel, file);
      writeConnection = connect(file, false);
      checkIntegrity(writeConnection, file);
      Schema.migrate(writeConnection, file.toString(), clock);
      readConnection = connect(file, true);
      LOG.info("Journal {} open at schema version {}", file, Schema.CURRENT_VERSION);
      return new Journal(vertx, file, clock, lockChannel, lock, writeConnection, readConnection, context);
    } catch (IOException problem) {
      closeQuietly(readConnection, writeConnection, lockChannel);
      OPEN_HERE.remove(file);
      throw new JournalException("cannot open journal " + file + ": " + problem.getMessage(), problem);
    } catch (SQLException problem) {
      closeQuietly(readConnection, writeConnection, lockChannel);
      OPEN_HERE.remove(file);
      throw new JournalException("journal " + file + " is not a readable SQLite database ("
        + problem.getMessage() + "); refusing to open it. Restore it from a backup or move it aside", problem);
    } catch (RuntimeException problem) {
      closeQuietly(readConnection, writeConnection, lockChannel);
      OPEN_HERE.remove(file);
      throw problem;
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

  private static void closeQuietly(Connection reader, Connection writer, FileChannel lockChannel) {
    for (AutoCloseable resource : new AutoCloseable[] {reader, writer, lockChannel}) {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception ignored) {
          LOG.debug("Closing after a failed open: {}", ignored.getMessage());
        }
      }
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Journals a new request as {@code queued}, or, when its idempotency key was used for the account
   * within {@link #IDEMPOTENCY_WINDOW}, returns the original request without writing anything.
   */
  public Future<InsertOutcome> insertRequest(NewRequest request) {
    return insertRequestStaged(request).committed();
  }

  /** {@link #insertRequest}, also telling when the insert has run, before it is committed. */
  public StagedWrite<InsertOutcome> insertRequestStaged(NewRequest request) {
    return writer.submitStaged(vertx.getOrCreateContext(), connection -> JournalStore.insertRequest(connection,
      request, clock.millis(), IDEMPOTENCY_WINDOW.toMillis()));
  }

  public Future<Optional<IdempotencyHit>> findByIdempotencyKey(long accountIndex, String idempotencyKey) {
    return read(connection -> JournalStore.findByIdempotencyKey(connection, accountIndex, idempotencyKey,
      clock.millis(), IDEMPOTENCY_WINDOW.toMillis()));
  }

  /**
   * Queued → executing, counting the first attempt. False if the request is unknown or was not queued: the caller
   * must not run it.
   */
  public Future<Boolean> markExecuting(String requestId) {
    return write(connection -> JournalStore.transition(connection, requestId, RequestState.EXECUTING, null, null,
      clock.millis()));
  }

  /** Counts one more execution attempt (after the first) of an executing request and returns the new count. */
  public Future<Integer> recordAttempt(String requestId) {
    return write(connection -> JournalStore.recordAttempt(connection, requestId));
  }

  /**
   * Moves a request to a final state with its error code and message (null for success). False if the
   * request is unknown, already final, or the move is not allowed from its state.
   */
  public Future<Boolean> finish(String requestId, RequestState finalState, String errorCode, String errorMessage) {
    if (!finalState.isFinal()) {
      return Future.failedFuture(new JournalException(finalState.wire() + " is not a final state"));
    }
    return write(connection -> JournalStore.transition(connection, requestId, finalState, errorCode, errorMessage,
      clock.millis()));
  }

  /**
   * Journals the signed orders of one transaction (a group makes several) as {@code signed} before it is sent, all
   * or none, and advances the client order index counter. Fails, journaling none, if the request is not executing.
   */
  public Future<Void> insertOrder(NewOrder... orders) {
    return write(connection -> {
      JournalStore.insertOrders(connection, List.of(orders), clock.millis());
      return null;
    });
  }

  /** Records an order's outcome. False if the order is unknown or its state cannot move to the new one. */
  public Future<Boolean> updateOrder(String requestId, int ordinal, OrderUpdate update) {
    return write(connection -> JournalStore.updateOrder(connection, requestId, ordinal, update, clock.millis()));
  }

  /** Records an issued client order index; the stored value is the maximum ever seen, which is returned. */
  public Future<Long> advanceClientOrderIndex(long accountIndex, long issuedIndex) {
    if (issuedIndex < 0) {
      return Future.failedFuture(new JournalException("client order index must not be negative"));
    }
    return write(connection -> JournalStore.advanceClientOrderIndex(connection, accountIndex, issuedIndex));
  }

  public Future<OptionalLong> lastClientOrderIndex(long accountIndex) {
    return read(connection -> JournalStore.lastClientOrderIndex(connection, accountIndex));
  }

  public Future<Optional<RequestDetail>> getRequest(String requestId) {
    return read(connection -> JournalStore.findDetail(connection, requestId));
  }

  public Future<RequestPage> listRequests(RequestQuery query) {
    return read(connection -> JournalStore.list(connection, query));
  }

  /** An account's queued and executing requests for crash recovery: executing first, then queued, oldest first. */
  public Future<List<RequestRecord>> unfinishedRequests(long accountIndex) {
    return read(connection -> JournalStore.unfinished(connection, accountIndex));
  }

  /** Those of {@code clientOrderIndexes} the account placed as stop-losses or take-profits: those it may change. */
  public Future<Set<Long>> ownStopLosses(long accountIndex, Collection<Long> clientOrderIndexes) {
    List<Long> indexes = List.copyOf(clientOrderIndexes);
    return read(connection -> ProtectionStore.ownStopLosses(connection, accountIndex, indexes));
  }

  /** Those of {@code marketIds} where the service filled an entry order for the account. */
  public Future<Set<Integer>> marketsEntered(long accountIndex, Collection<Integer> marketIds) {
    List<Integer> markets = List.copyOf(marketIds);
    return read(connection -> ProtectionStore.marketsEntered(connection, accountIndex, markets));
  }

  /** Fails the account's protection runs a stop interrupted; returns how many there were. */
  public Future<Integer> abandonProtection(long accountIndex) {
    return write(connection -> ProtectionStore.abandonProtection(connection, accountIndex, clock.millis()));
  }

  /** Records the rails' verdicts on a request that goes on to execute, replacing those of an earlier check. */
  public Future<Void> recordRailVerdicts(String requestId, List<RailVerdict> verdicts) {
    List<RailVerdict> copy = List.copyOf(verdicts);
    return write(connection -> {
      RailStore.recordVerdicts(connection, requestId, copy);
      return null;
    });
  }

  /**
   * Ends a queued or executing request {@code refused} with the refusing rail's code and detail, and records every
   * verdict, in one transaction. False if the request is unknown or already final.
   */
  public Future<Boolean> refuse(String requestId, RailOutcome outcome) {
    if (!outcome.refused()) {
      return Future.failedFuture(new JournalException("request " + requestId + " was not refused by a rail"));
    }
    return write(connection -> RailStore.refuse(connection, requestId, outcome, clock.millis()));
  }

  /** The kill switch as last set; {@link KillSwitch#OFF} when it never was or was resumed. */
  public Future<KillSwitch> killSwitch() {
    return read(RailStore::killSwitch);
  }

  /** Each stored setting of the kill switch with its reason and time, the all-accounts one first. */
  public Future<List<KillSwitchEntry>> killSwitchEntries() {
    return read(RailStore::killSwitchEntries);
  }

  /**
   * Sets the kill switch for one account, or all when {@code accountIndex} is null, and returns the whole switch.
   *
   * @param reason who or what set it (an operator's call, a loss rail's trip), kept with the mode
   */
  public Future<KillSwitch> engageKillSwitch(Long accountIndex, KillMode mode, String reason) {
    if (accountIndex != null && accountIndex < 0) {
      return Future.failedFuture(new JournalException("account index must not be negative"));
    }
    if (mode == KillMode.OFF || reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
      return Future.failedFuture(new JournalException("the kill switch is engaged as halt or flatten, with a reason"
        + " of 1 to " + MAX_REASON_LENGTH + " characters"));
    }
    return write(connection -> RailStore.engage(connection, accountIndex, mode, reason, clock.millis()));
  }

  /** Clears one account's mode, or every mode when {@code accountIndex} is null, and returns the whole switch. */
  public Future<KillSwitch> resumeKillSwitch(Long accountIndex) {
    return write(connection -> RailStore.resume(connection, accountIndex));
  }

  /**
   * Folds an account reading (equity and the sum of its positions' unrealized PnL) into the account's stored
   * equity marks and returns them; the first reading ever, and the first of each UTC day, start the day.
   */
  public Future<EquityMarks> observeEquity(long accountIndex, BigDecimal equity, BigDecimal unrealizedPnl) {
    return write(connection -> RailStore.observeEquity(connection, accountIndex, equity, unrealizedPnl,
      clock.instant()));
  }

  /** The account's opening orders today and its last opening per market, rebuilt from its journaled orders. */
  public Future<OpeningActivity> openingActivity(long accountIndex) {
    return read(connection -> RailStore.openingActivity(connection, accountIndex, clock.instant()));
  }

  /** When the request's account last received an identical signal within {@code window} before it. */
  public Future<Optional<Instant>> previousIdenticalSignal(String requestId, Duration window) {
    if (window.isNegative()) {
      return Future.failedFuture(new JournalException("a dedupe window cannot be negative"));
    }
    // Asked of the writer, answered once run: a request executes before its insert commits, unseen by the reader.
    return writer.submitStaged(vertx.getOrCreateContext(),
      connection -> RailStore.previousIdenticalSignal(connection, requestId, window)).applied();
  }

  /** Completes queued work, closes both connections and releases the file lock; repeat calls share the result. */
  public synchronized Future<Void> close() {
    if (closed == null) {
      closed = closeOnce();
    }
    return closed;
  }

  private Future<Void> closeOnce() {
    return Future.join(writer.close(), reader.close())
      .eventually(() -> vertx.executeBlocking(() -> {
        try {
          lock.release();
          lockChannel.close();
        } finally {
          OPEN_HERE.remove(file);
        }
        return null;
      }, false))
      .mapEmpty();
  }

  <T> Future<T> write(SqliteThread.Operation<T> operation) {
    return writer.submit(vertx.getOrCreateContext(), operation);
  }

  <T> Future<T> read(SqliteThread.Operation<T> operation) {
    return reader.submit(vertx.getOrCreateContext(), operation);
  }
}
