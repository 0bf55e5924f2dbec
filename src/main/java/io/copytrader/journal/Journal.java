package io.copytrader.journal;

import io.copytrader.cluster.LeaseBook;
import io.copytrader.config.JournalSettings;
import io.copytrader.rails.EquityMarks;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.copytrader.rails.RailOutcome;
import io.copytrader.rails.RailVerdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable request and order journal: by default one SQLite file ({@value #FILE_NAME}) under the data
 * directory ({@link SqliteJournalFile}), or a PostgreSQL database ({@link PgJournalDatabase}) when
 * {@link JournalSettings} names one. Both run the same SQL ({@link SqlSession}, {@link SqlDialect}).
 *
 * <p>Every write goes through one writer thread with group commit; reads use a second connection on their own thread.
 * Every method returns at once with a future completed on the caller's context, after the data is committed
 * (writes) or read (reads). A future
 * fails with {@link JournalException} when the journal cannot do what was asked, at once and
 * {@link JournalException#unavailable() unavailable} while a PostgreSQL journal reconnects ({@link #reachable}).
 *
 * <p>Writes that start a request, end it or journal an order to send are fenced: they commit only while the account's
 * lease row names this node under the epoch its {@link LeaseBook} holds, and fail with {@link LeaseLostException}
 * otherwise (docs/ARCHITECTURE.md "Account ownership").
 */
public final class Journal {

  public static final String FILE_NAME = "journal.db";
  public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
  /** The longest reason stored with a kill switch mode. */
  public static final int MAX_REASON_LENGTH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private final Vertx vertx;
  private final Clock clock;
  private final JournalEngine engine;
  private final JournalThread writer;
  private final JournalThread reader;
  private final AccountFence fence;
  private Future<Void> closed;

  private Journal(Vertx vertx, Clock clock, JournalEngine engine, Context context, LeaseBook leases) {
    this.vertx = vertx;
    this.clock = clock;
    this.engine = engine;
    this.fence = new AccountFence(leases);
    this.writer = JournalThread.writer("journal-writer", engine.writer(), context);
    this.reader = JournalThread.reader("journal-reader", engine.reader(), context);
  }

  /** Opens the SQLite journal under {@code dataDir}, as the general {@code open} does. */
  public static Future<Journal> open(Vertx vertx, Path dataDir, Clock clock, LeaseBook leases) {
    return open(vertx, JournalSettings.SQLITE, dataDir, clock, leases);
  }

  /**
   * Opens (creating if needed) the journal {@code settings} name, SQLite's under {@code dataDir} by default, and
   * applies pending migrations. Fails if another service holds the journal, if it is not a healthy journal database,
   * or if its schema is newer than this build.
   *
   * @param leases the leases this node holds, which fence its writes
   */
  public static Future<Journal> open(Vertx vertx, JournalSettings settings, Path dataDir, Clock clock,
                                     LeaseBook leases) {
    Context context = vertx.getOrCreateContext();
    Promise<Journal> opened = Promise.promise();
    // A thread of its own rather than a worker: the PostgreSQL client's answers are awaited, which Vert.x refuses
    // on its own threads.
    Thread opener = new Thread(() -> {
      try {
        JournalEngine engine = settings.postgresql() ? PgJournalDatabase.open(vertx, settings, clock)
          : SqliteJournalFile.open(dataDir, clock);
        LOG.info("Journal {} open", engine.where());
        Journal journal = new Journal(vertx, clock, engine, context, leases);
        context.runOnContext(ignored -> opened.complete(journal));
      } catch (RuntimeException problem) {
        context.runOnContext(ignored -> opened.fail(problem));
      }
    }, "journal-open");
    opener.start();
    return opened.future();
  }

  /**
   * Journals a new request as {@code queued}, or, when its idempotency key was used for the account
   * within {@link #IDEMPOTENCY_WINDOW}, returns the original request without writing anything.
   */
  public Future<InsertOutcome> insertRequest(NewRequest request) {
    return insertRequestStaged(request).committed();
  }

  /**
   * {@link #insertRequest} by the account's owner, also telling when the insert has run, before it is committed:
   * {@link IntakeStore#insertByOwner}, claimed under {@code epoch} while the fence passes under it, else unclaimed.
   */
  public StagedWrite<InsertOutcome> insertRequestStaged(NewRequest request, long epoch, boolean start) {
    return writer.submitStaged(vertx.getOrCreateContext(), session -> IntakeStore.insertByOwner(session, request,
      clock.millis(), IDEMPOTENCY_WINDOW.toMillis(), epoch, start, fence.holds(session, request.accountIndex(),
        epoch)));
  }

  /** {@link #insertRequest} journaled unclaimed, as a node that does not own the account journals it. */
  public StagedWrite<InsertOutcome> insertRequestStaged(NewRequest request) {
    return writer.submitStaged(vertx.getOrCreateContext(), session -> JournalStore.insertRequest(session,
      request, clock.millis(), IDEMPOTENCY_WINDOW.toMillis(), null, false));
  }

  /** A request for an account another node owns: {@link IntakeStore#insertUnclaimed}. */
  public Future<Optional<InsertOutcome>> insertUnclaimed(NewRequest request, int capacity) {
    return write(session -> IntakeStore.insertUnclaimed(session, request, capacity, clock.millis(),
      IDEMPOTENCY_WINDOW.toMillis()));
  }

  /** How many requests of the account wait {@code queued}, whichever node journaled them. */
  public Future<Long> queuedRequests(long accountIndex) {
    return read(session -> IntakeStore.queued(session, accountIndex));
  }

  /** The accounts that have a request another node journaled still waiting for its owner to claim it. */
  public Future<List<Long>> unclaimedAccounts() {
    return read(IntakeStore::unclaimedAccounts);
  }

  /** The account's unclaimed queued requests, claimed under {@code epoch} while the fence passes: oldest first. */
  public Future<List<RequestRecord>> claimQueued(long accountIndex, long epoch) {
    return write(session -> fence.holds(session, accountIndex, epoch)
      ? IntakeStore.claimQueued(session, accountIndex, epoch) : List.of());
  }

  /** The owner's epoch the request was last claimed under, which is the one that ran it; empty when none. */
  public Future<OptionalLong> claimedEpoch(String requestId) {
    return read(session -> IntakeStore.claimedEpoch(session, requestId));
  }

  /** Its start's claim under {@code epoch}, while the fence passes: {@link IntakeStore#claimUnfinished}. */
  public Future<List<RequestRecord>> claimUnfinished(long accountIndex, long epoch) {
    return write(session -> fence.holds(session, accountIndex, epoch)
      ? IntakeStore.claimUnfinished(session, accountIndex, epoch) : List.of());
  }

  public Future<Optional<IdempotencyHit>> findByIdempotencyKey(long accountIndex, String idempotencyKey) {
    return read(session -> JournalStore.findByIdempotencyKey(session, accountIndex, idempotencyKey,
      clock.millis(), IDEMPOTENCY_WINDOW.toMillis()));
  }

  /**
   * Queued → executing, counting the first attempt. False if the request is unknown or was not queued: the caller
   * must not run it.
   */
  public Future<Boolean> markExecuting(String requestId) {
    return fenced(requestId, session -> JournalStore.transition(session, requestId, RequestState.EXECUTING, null,
      null, clock.millis()));
  }

  /** Counts one more execution attempt (after the first) of an executing request and returns the new count. */
  public Future<Integer> recordAttempt(String requestId) {
    return write(session -> JournalStore.recordAttempt(session, requestId));
  }

  /**
   * Moves a request to a final state with its error code and message (null for success). False if the
   * request is unknown, already final, or the move is not allowed from its state.
   */
  public Future<Boolean> finish(String requestId, RequestState finalState, String errorCode, String errorMessage) {
    if (!finalState.isFinal()) {
      return Future.failedFuture(new JournalException(finalState.wire() + " is not a final state"));
    }
    return followUp(session -> {
      fenceOf(session, requestId);
      return JournalStore.transition(session, requestId, finalState, errorCode, errorMessage, clock.millis());
    });
  }

  /**
   * Journals the signed orders of one transaction (a group makes several) as {@code signed} before it is sent, all
   * or none, and advances the client order index counter. Fails, journaling none, if the request is not executing
   * or the account's lease is not this node's ({@link LeaseLostException}).
   */
  public Future<Void> insertOrder(NewOrder... orders) {
    return write(session -> {
      JournalStore.insertOrders(session, List.of(orders), clock.millis(), fence::check);
      return null;
    });
  }

  /** Records an order's outcome. False if the order is unknown or its state cannot move to the new one. */
  public Future<Boolean> updateOrder(String requestId, int ordinal, OrderUpdate update) {
    return updateOrders(requestId, List.of(ordinal), update);
  }

  /** Records one outcome on several orders of a request in one write; false unless every one of them moved. */
  public Future<Boolean> updateOrders(String requestId, List<Integer> ordinals, OrderUpdate update) {
    List<Integer> rows = List.copyOf(ordinals);
    return followUp(session -> JournalStore.updateOrders(session, requestId, rows, update, clock.millis()));
  }

  /** Records an issued client order index; the stored value is the maximum ever seen, which is returned. */
  public Future<Long> advanceClientOrderIndex(long accountIndex, long issuedIndex) {
    if (issuedIndex < 0) {
      return Future.failedFuture(new JournalException("client order index must not be negative"));
    }
    return write(session -> JournalStore.advanceClientOrderIndex(session, accountIndex, issuedIndex));
  }

  public Future<OptionalLong> lastClientOrderIndex(long accountIndex) {
    return read(session -> JournalStore.lastClientOrderIndex(session, accountIndex));
  }

  public Future<Optional<RequestDetail>> getRequest(String requestId) {
    return read(session -> JournalStore.findDetail(session, requestId));
  }

  /** The request's orders by ordinal (none for an unknown request): its detail without the rest of it. */
  public Future<List<OrderRecord>> orders(String requestId) {
    return read(session -> JournalStore.orders(session, requestId));
  }

  public Future<RequestPage> listRequests(RequestQuery query) {
    return read(session -> JournalStore.list(session, query));
  }

  /** Those of {@code clientOrderIndexes} the account placed as stop-losses or take-profits: those it may change. */
  public Future<Set<Long>> ownStopLosses(long accountIndex, Collection<ClientOrderRef> orders) {
    List<ClientOrderRef> candidates = List.copyOf(orders);
    return read(session -> ProtectionStore.ownStopLosses(session, accountIndex, candidates));
  }

  /** Those of {@code marketIds} where the service filled an entry order for the account. */
  public Future<Set<Integer>> marketsEntered(long accountIndex, Collection<Integer> marketIds) {
    List<Integer> markets = List.copyOf(marketIds);
    return read(session -> ProtectionStore.marketsEntered(session, accountIndex, markets));
  }

  /** Fails the account's protection runs a stop interrupted; returns how many there were. */
  public Future<Integer> abandonProtection(long accountIndex) {
    return write(session -> ProtectionStore.abandonProtection(session, accountIndex, clock.millis()));
  }

  /** Records the rails' verdicts on a request that goes on to execute, replacing those of an earlier check. */
  public Future<Void> recordRailVerdicts(String requestId, List<RailVerdict> verdicts) {
    List<RailVerdict> copy = List.copyOf(verdicts);
    return write(session -> {
      RailStore.recordVerdicts(session, requestId, copy);
      return null;
    });
  }

  /** Ends a request {@code refused} with the rail's code and every verdict in one write; false if already final. */
  public Future<Boolean> refuse(String requestId, RailOutcome outcome) {
    if (!outcome.refused()) {
      return Future.failedFuture(new JournalException("request " + requestId + " was not refused by a rail"));
    }
    return fenced(requestId, session -> RailStore.refuse(session, requestId, outcome, clock.millis()));
  }

  /** The kill switch as last set; {@link KillSwitch#OFF} when it never was or was resumed. */
  public Future<KillSwitch> killSwitch() {
    return read(RailStore::killSwitch);
  }

  /** Each stored setting of the kill switch with its reason and time, the all-accounts one first. */
  public Future<List<KillSwitchEntry>> killSwitchEntries() {
    return read(RailStore::killSwitchEntries);
  }

  /** Sets the kill switch (all accounts when {@code accountIndex} is null), heard on every node; returns it whole. */
  public Future<KillSwitch> engageKillSwitch(Long accountIndex, KillMode mode, String reason) {
    if (accountIndex != null && accountIndex < 0) {
      return Future.failedFuture(new JournalException("account index must not be negative"));
    }
    if (mode == KillMode.OFF || reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
      return Future.failedFuture(new JournalException("the kill switch is engaged as halt or flatten, with a reason"
        + " of 1 to " + MAX_REASON_LENGTH + " characters"));
    }
    return write(session -> {
      KillSwitch engaged = RailStore.engage(session, accountIndex, mode, reason, clock.millis());
      IntakeStore.notify(session, JournalChannels.KILL_SWITCH, "");
      return engaged;
    });
  }

  /** Clears one account's mode, or every mode when {@code accountIndex} is null; as {@link #engageKillSwitch}. */
  public Future<KillSwitch> resumeKillSwitch(Long accountIndex) {
    return write(session -> {
      KillSwitch resumed = RailStore.resume(session, accountIndex);
      IntakeStore.notify(session, JournalChannels.KILL_SWITCH, "");
      return resumed;
    });
  }

  /**
   * Folds an account reading (equity, its positions' summed unrealized PnL) into its equity marks and returns them;
   * the first reading ever, and the first of each UTC day, start the day.
   */
  public StagedWrite<EquityMarks> observeEquity(long accountIndex, BigDecimal equity, BigDecimal unrealizedPnl) {
    return writer.submitStaged(vertx.getOrCreateContext(), session -> RailStore.observeEquity(session, accountIndex,
      equity, unrealizedPnl, clock.instant()));
  }

  /** The account's opening orders today and its last opening per market, rebuilt from its journaled orders. */
  public Future<OpeningActivity> openingActivity(long accountIndex) {
    return read(session -> RailStore.openingActivity(session, accountIndex, clock.instant()));
  }

  /** When the request's account last received an identical signal within {@code window} before it. */
  public Future<Optional<Instant>> previousIdenticalSignal(String requestId, Duration window) {
    if (window.isNegative()) {
      return Future.failedFuture(new JournalException("a dedupe window cannot be negative"));
    }
    // Asked of the writer, answered once run: a request executes before its insert commits, unseen by the reader.
    return writer.submitStaged(vertx.getOrCreateContext(),
      session -> RailStore.previousIdenticalSignal(session, requestId, window)).applied();
  }

  /**
   * Whether both of the journal's connections are up (always, for SQLite). While one is lost, every operation on it
   * fails at once with a {@link JournalException#unavailable() unavailable} JournalException, and it reconnects by
   * itself.
   */
  public boolean reachable() {
    return engine.writer().connected() && engine.reader().connected();
  }

  /** What the writer has committed since the journal opened. */
  public JournalWrites writes() {
    return new JournalWrites(writer.transactions(), writer.operations());
  }

  /** Completes queued work, closes both sessions and releases the journal; repeat calls share the result. */
  public synchronized Future<Void> close() {
    if (closed == null) {
      closed = closeOnce();
    }
    return closed;
  }

  private Future<Void> closeOnce() {
    return Future.join(writer.close(), reader.close())
      .eventually(() -> vertx.executeBlocking(() -> {
        engine.release().run();
        return null;
      }, false))
      .mapEmpty();
  }

  /** {@code operation} on the writer, after the fence of the request's account (none for an unknown request). */
  private <T> Future<T> fenced(String requestId, JournalThread.Operation<T> operation) {
    return write(session -> {
      fenceOf(session, requestId);
      return operation.run(session);
    });
  }

  /** Fails with {@link LeaseLostException} unless the request's account is this node's (passes for an unknown one). */
  private void fenceOf(SqlSession session, String requestId) throws SQLException {
    Optional<Long> account = JournalStore.accountOf(session, requestId);
    if (account.isPresent()) {
      fence.check(session, account.get());
    }
  }

  /** The fence of the accounts this node holds. */
  AccountFence fence() {
    return fence;
  }

  <T> Future<T> write(JournalThread.Operation<T> operation) {
    return writer.submit(vertx.getOrCreateContext(), operation);
  }

  /** A write recording an outcome, whose commit may wait a moment for others ({@link JournalThread#submitFollowUp}). */
  <T> Future<T> followUp(JournalThread.Operation<T> operation) {
    return writer.submitFollowUp(vertx.getOrCreateContext(), operation);
  }

  <T> Future<T> read(JournalThread.Operation<T> operation) {
    return reader.submit(vertx.getOrCreateContext(), operation);
  }
}
