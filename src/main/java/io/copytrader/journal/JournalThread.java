package io.copytrader.journal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform thread that owns one database session and runs every operation on it, so the connection
 * is never shared and no event loop ever waits on the database.
 *
 * <p>Group commit: whatever has queued up while the previous transaction was committing runs in the next
 * transaction, and whatever queues while that one runs joins it before its COMMIT (up to {@value #MAX_BATCH}
 * operations), each operation inside its own savepoint (one failing operation rolls back only itself),
 * and every caller's future completes only after the COMMIT has returned. One fsync thus covers many
 * requests, so durability does not cap intake. Futures complete on the caller's Vert.x context.
 *
 * <p>A transaction of follow-up writes only (an order's outcome, a request's end: see {@link #submitFollowUp}) waits
 * up to {@value #FOLLOW_UP_WAIT_MICROS} µs for more work before its COMMIT, so that the outcomes of many accounts
 * arriving one by one share a commit and its fsync; any other write joining it commits it at once.
 */
final class JournalThread {

  private static final Logger LOG = LoggerFactory.getLogger(JournalThread.class);
  private static final int MAX_BATCH = 512;
  /** Long enough for the outcomes of a fan-out, which arrive a few per millisecond, to share commits. */
  static final long FOLLOW_UP_WAIT_MICROS = 2_000;

  @FunctionalInterface
  interface Operation<T> {
    T run(SqlSession session) throws SQLException;
  }

  private static final class Task<T> {
    private final Operation<T> operation;
    private final Context context;
    private final Promise<T> promise = Promise.promise();
    /** Told as soon as the operation has run, before its transaction commits; null when nobody asked. */
    private final Promise<T> applied;
    /** Whether its transaction may wait for company before committing ({@link #submitFollowUp}). */
    private final boolean followUp;
    private boolean appliedTold;
    private T result;
    private Throwable failure;

    private Task(Operation<T> operation, Context context, boolean staged, boolean followUp) {
      this.operation = operation;
      this.context = context;
      this.applied = staged ? Promise.promise() : null;
      this.followUp = followUp;
    }

    private void run(SqlSession session) {
      try {
        result = operation.run(session);
      } catch (SQLException | RuntimeException problem) {
        failure = problem;
      }
      tellApplied();
    }

    private void tellApplied() {
      if (applied != null && !appliedTold) {
        appliedTold = true;
        settle(applied, result, failure);
      }
    }

    private void complete() {
      tellApplied();
      context.runOnContext(ignored -> completeHere());
    }

    /** Completes the caller's future; runs on the caller's context. */
    private void completeHere() {
      settleHere(promise, result, failure);
    }

    private void settle(Promise<T> target, T value, Throwable outcome) {
      context.runOnContext(ignored -> settleHere(target, value, outcome));
    }

    private static <T> void settleHere(Promise<T> target, T value, Throwable outcome) {
      if (outcome == null) {
        target.complete(value);
      } else {
        target.fail(outcome instanceof JournalException ? outcome
          : new JournalException("journal operation failed: " + outcome.getMessage(), outcome));
      }
    }

    private void fail(JournalException problem) {
      failure = problem;
      complete();
    }
  }

  /**
   * Completes a finished batch: one hand-off to each caller's context for all of its operations, in their order,
   * rather than one per operation (each hand-off may wake an event loop).
   */
  private static void completeAll(List<Task<?>> batch) {
    Map<Context, List<Task<?>>> byContext = new LinkedHashMap<>();
    for (Task<?> task : batch) {
      task.tellApplied();
      byContext.computeIfAbsent(task.context, context -> new ArrayList<>()).add(task);
    }
    byContext.forEach((context, tasks) -> context.runOnContext(ignored -> tasks.forEach(Task::completeHere)));
  }

  private static void failAll(List<Task<?>> batch, JournalException failure) {
    batch.forEach(task -> task.failure = failure);
    completeAll(batch);
  }

  private final String name;
  private final SqlSession session;
  private final String begin;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Task<Void> stop;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong operations = new AtomicLong();
  private final boolean joinsRunning;
  private final long followUpWaitNanos;
  private boolean closing;

  /**
   * @param begin         the statement opening each transaction
   * @param joinsRunning  whether work queued while a transaction runs joins it
   */
  private JournalThread(String name, SqlSession session, String begin, boolean joinsRunning, long followUpWaitNanos,
                        Context closeContext) {
    this.name = name;
    this.session = session;
    this.begin = begin;
    this.joinsRunning = joinsRunning;
    this.followUpWaitNanos = followUpWaitNanos;
    this.stop = new Task<>(ignored -> null, closeContext, false, false);
    Thread thread = new Thread(this::loop, name);
    // Daemon: an unclosed journal must not keep the JVM alive; only committed work was ever acknowledged.
    thread.setDaemon(true);
    thread.start();
  }

  /** The one thread that writes, its transactions begun as {@link SqlDialect#beginWrite()} says. */
  static JournalThread writer(String name, SqlSession session, Context closeContext) {
    return writer(name, session, closeContext, TimeUnit.MICROSECONDS.toNanos(FOLLOW_UP_WAIT_MICROS));
  }

  /** {@link #writer} whose transactions of follow-ups only wait {@code followUpWaitNanos} for company. */
  static JournalThread writer(String name, SqlSession session, Context closeContext, long followUpWaitNanos) {
    return new JournalThread(name, session, session.dialect().beginWrite(), true, followUpWaitNanos, closeContext);
  }

  /**
   * A thread that reads. Nothing joins a running read transaction: its snapshot dates from its first read, so
   * a read that joined could miss a write its caller has already seen committed.
   */
  static JournalThread reader(String name, SqlSession session, Context closeContext) {
    return new JournalThread(name, session, session.dialect().beginRead(), false, 0, closeContext);
  }

  <T> Future<T> submit(Context context, Operation<T> operation) {
    return enqueue(new Task<>(operation, context, false, false)).promise.future();
  }

  /**
   * Like {@link #submit}, for a write that records what already happened and gates nothing sent after it: its
   * commit may wait up to {@value #FOLLOW_UP_WAIT_MICROS} µs for other writes to share it. Its caller still hears
   * only once it is durable.
   */
  <T> Future<T> submitFollowUp(Context context, Operation<T> operation) {
    return enqueue(new Task<>(operation, context, false, true)).promise.future();
  }

  /** Like {@link #submit}, also telling when the operation has run, before its transaction commits. */
  <T> StagedWrite<T> submitStaged(Context context, Operation<T> operation) {
    Task<T> task = enqueue(new Task<>(operation, context, true, false));
    return new StagedWrite<>(task.applied.future(), task.promise.future());
  }

  /** Synchronized with {@link #close()} so that nothing is queued behind the stop marker. */
  private synchronized <T> Task<T> enqueue(Task<T> task) {
    if (closing) {
      task.fail(JournalException.closed());
    } else {
      queue.add(task);
    }
    return task;
  }

  /** Finishes everything already queued, then closes the connection. */
  synchronized Future<Void> close() {
    if (!closing) {
      closing = true;
      queue.add(stop);
    }
    return stop.promise.future();
  }

  long transactions() {
    return transactions.get();
  }

  long operations() {
    return operations.get();
  }

  private void loop() {
    List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, MAX_BATCH - 1);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      stopping = batch.remove(stop);
      if (!batch.isEmpty()) {
        stopping |= runBatch(batch, !stopping);
      }
      batch.clear();
    }
    failLeftovers();
    try {
      session.close();
    } catch (SQLException problem) {
      LOG.warn("Closing the {} connection failed: {}", name, problem.getMessage());
    }
    stop.complete();
  }

  /** Moves queued work into the running batch, up to its limit; the stop marker stays queued for the loop. */
  private void drainJoiners(List<Task<?>> batch) {
    int room = MAX_BATCH - batch.size();
    for (Task<?> next = queue.peek(); room > 0 && next != null && next != stop; next = queue.peek(), room--) {
      batch.add(queue.poll());
    }
  }

  /** Only an interrupted thread leaves work queued; its callers must still get an answer. */
  private synchronized void failLeftovers() {
    closing = true;
    List<Task<?>> leftovers = new ArrayList<>();
    queue.drainTo(leftovers);
    leftovers.remove(stop);
    leftovers.forEach(task -> task.fail(JournalException.closed()));
  }

  /**
   * Runs {@code batch} and what joins it in one transaction, follow-ups only waiting for company when {@code mayWait}
   * (not once the thread is stopping); true when the stop marker was taken meanwhile.
   */
  private boolean runBatch(List<Task<?>> batch, boolean mayWait) {
    try {
      session.ready();
    } catch (SQLException unreachable) {
      // Failed at once, written nowhere: the callers hear that the journal is unavailable without waiting.
      JournalException failure = JournalException.unavailable("the journal is unavailable: "
        + unreachable.getMessage(), unreachable);
      failAll(batch, failure);
      return false;
    }
    boolean stopTaken = false;
    try {
      execute(begin);
      // What queued while this transaction ran (often a write that follows from one of its own operations,
      // such as an order after its request's insert) joins it rather than waiting for the next commit.
      int ran = runJoined(batch, 0);
      long commitBy = System.nanoTime() + followUpWaitNanos;
      while (mayWait && joinsRunning && onlyFollowUps(batch) && batch.size() < MAX_BATCH) {
        Task<?> next = awaitCompany(commitBy);
        if (next == null || next == stop) {
          stopTaken = next == stop;
          break;
        }
        batch.add(next);
        ran = runJoined(batch, ran);
      }
      execute("COMMIT");
      transactions.incrementAndGet();
      operations.addAndGet(batch.size());
      completeAll(batch);
    } catch (SQLTransientConnectionException lost) {
      // The server rolls back a transaction whose connection ends; only a COMMIT whose answer was lost may have
      // committed, which the journal, read again once it is back, tells.
      LOG.error("Journal transaction of {} operations on {} interrupted: {}", batch.size(), name, lost.getMessage());
      JournalException failure = JournalException.unavailable("the journal is unavailable: " + lost.getMessage()
        + "; written or not, the journal tells once it is back", lost);
      failAll(batch, failure);
    } catch (SQLException problem) {
      rollbackQuietly();
      LOG.error("Journal transaction of {} operations failed on {}: {}", batch.size(), name, problem.getMessage());
      JournalException failure = new JournalException("journal transaction failed: " + problem.getMessage(), problem);
      failAll(batch, failure);
    }
    return stopTaken;
  }

  /** Runs the batch's operations from {@code ran} on, each in its own savepoint, and whatever joins meanwhile. */
  private int runJoined(List<Task<?>> batch, int ran) throws SQLException {
    while (ran < batch.size()) {
      for (; ran < batch.size(); ran++) {
        Task<?> task = batch.get(ran);
        session.pipeline("SAVEPOINT operation");
        task.run(session);
        if (task.failure != null) {
          execute("ROLLBACK TO operation");
        }
        session.pipeline("RELEASE operation");
      }
      if (joinsRunning) {
        drainJoiners(batch);
      }
    }
    return ran;
  }

  /** The next queued task if one comes before {@code commitBy}; null when none does or the thread is interrupted. */
  private Task<?> awaitCompany(long commitBy) {
    try {
      return queue.poll(Math.max(0, commitBy - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      // What ran still commits; the loop sees the flag at its next take and ends.
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static boolean onlyFollowUps(List<Task<?>> batch) {
    for (Task<?> task : batch) {
      if (!task.followUp) {
        return false;
      }
    }
    return true;
  }

  private void execute(String sql) throws SQLException {
    session.execute(sql);
  }

  private void rollbackQuietly() {
    try {
      session.execute("ROLLBACK");
    } catch (SQLException alreadyRolledBack) {
      LOG.debug("Rollback after a failed transaction on {}: {}", name, alreadyRolledBack.getMessage());
    }
  }
}
