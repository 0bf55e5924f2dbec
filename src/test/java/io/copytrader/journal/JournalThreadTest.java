package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: what queues while a write transaction runs joins it, each write all or nothing on its own, and
 * answered only once committed; nothing joins a read transaction.
 */
@ExtendWith(VertxExtension.class)
class JournalThreadTest {

  @TempDir
  Path dataDir;

  private Context context;
  private JournalThread writer;

  @BeforeEach
  void open(Vertx vertx) throws SQLException {
    SqlSession session = connect();
    session.execute("PRAGMA journal_mode=WAL");
    session.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    context = vertx.getOrCreateContext();
    writer = JournalThread.writer("test-writer", session, context);
  }

  private SqlSession connect() throws SQLException {
    return new JdbcSession(DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("journal.db")));
  }

  private static void insert(SqlSession session, int id) throws SQLException {
    session.update("INSERT INTO notes (id) VALUES (?)", id);
  }

  private static int count(SqlSession session) throws SQLException {
    return session.first("SELECT count(*) FROM notes", row -> row.intValue(1)).orElseThrow();
  }

  /** Queues an insert of {@code id} that answers the row count its transaction sees. */
  private Future<Integer> insertThenCount(int id) {
    return insertThenCount(writer, id);
  }

  private Future<Integer> insertThenCount(JournalThread thread, int id) {
    return thread.submit(context, connection -> {
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

  /** Queues an insert of {@code id} that fails after it, so its own savepoint is rolled back. */
  private Future<Integer> insertThenFail(int id) {
    return writer.submit(context, connection -> {
      insert(connection, id);
      insert(connection, id);
      return id;
    });
  }

  @Test
  void writesOfManyAccountsQueuedWhileATransactionRunsCommitTogether(VertxTestContext test) {
    CountDownLatch queued = new CountDownLatch(1);
    Future<Integer> running = insertHeldUntil(0, queued);
    List<Future<Integer>> accounts = IntStream.rangeClosed(1, 300).mapToObj(this::insertThenCount).toList();
    queued.countDown();

    Future.all(accounts).compose(all -> running).onComplete(test.succeeding(done -> test.verify(() -> {
      assertThat(writer.transactions()).isEqualTo(1);
      assertThat(writer.operations()).isEqualTo(301);
      assertThat(accounts.get(299).result()).as("the last write saw every other one in its transaction")
        .isEqualTo(301);
      try (SqlSession elsewhere = connect()) {
        assertThat(count(elsewhere)).isEqualTo(301);
      }
      test.completeNow();
    })));
  }

  @Test
  void writesOfTwoCallersInOneTransactionAnswerEachCallerOnItsContextInTheOrderItQueuedThem(Vertx vertx,
                                                                                          VertxTestContext test) {
    Context other = vertx.getOrCreateContext();
    List<String> answered = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> holding = writer.submit(context, connection -> {
      awaitQuietly(release);
      return 0;
    });
    List<Future<Integer>> writes = IntStream.range(1, 41).mapToObj(id -> {
      Context caller = id % 2 == 0 ? context : other;
      return writer.submit(caller, connection -> {
        insert(connection, id);
        return id;
      }).onSuccess(done -> answered.add((Vertx.currentContext() == caller) + " " + (id % 2) + " " + id));
    }).toList();
    release.countDown();

    Future.all(writes).compose(all -> holding).onComplete(test.succeeding(done -> test.verify(() -> {
      assertThat(answered).allMatch(line -> line.startsWith("true "));
      for (String parity : List.of("0", "1")) {
        List<Integer> ids = answered.stream().filter(line -> line.split(" ")[1].equals(parity))
          .map(line -> Integer.parseInt(line.split(" ")[2])).toList();
        assertThat(ids).hasSize(20).isSorted();
      }
      test.completeNow();
    })));
  }

  @Test
  void failingWriteAmongOthersLosesOnlyItself(VertxTestContext test) {
    CountDownLatch queued = new CountDownLatch(1);
    Future<Integer> running = insertHeldUntil(1, queued);
    Future<Integer> failing = insertThenFail(2);
    Future<Integer> after = insertThenCount(3);
    queued.countDown();

    Future.join(running, failing, after).onComplete(done -> test.verify(() -> {
      assertThat(failing.cause()).isInstanceOf(JournalException.class);
      assertThat(running.succeeded()).isTrue();
      assertThat(after.result()).as("row 2, written before the failure, was rolled back with it").isEqualTo(2);
      assertThat(writer.transactions()).isEqualTo(1);
      try (SqlSession elsewhere = connect()) {
        assertThat(count(elsewhere)).isEqualTo(2);
      }
      test.completeNow();
    }));
  }

  @Test
  void writeAnsweredIsAlreadyCommitted(VertxTestContext test) {
    insertThenCount(1).onComplete(test.succeeding(seen -> test.verify(() -> {
      try (SqlSession elsewhere = connect()) {
        assertThat(count(elsewhere)).as("another connection sees the row once the write is answered").isEqualTo(1);
      }
      test.completeNow();
    })));
  }

  /** Queues an insert of {@code id} whose transaction stays open until {@code released}. */
  private Future<Integer> insertHeldUntil(int id, CountDownLatch released) {
    return writer.submit(context, connection -> {
      insert(connection, id);
      awaitQuietly(released);
      return id;
    });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test did not queue its writes in time");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
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

  /** A writer whose transactions of follow-ups only wait three seconds for company, far longer than a test step. */
  private JournalThread patientWriter() throws SQLException {
    writer.close();
    return JournalThread.writer("patient-writer", connect(), context, TimeUnit.SECONDS.toNanos(3));
  }

  private Future<Integer> followUp(JournalThread thread, int id) {
    return thread.submitFollowUp(context, connection -> {
      insert(connection, id);
      return count(connection);
    });
  }

  @Test
  void followUpQueuedAfterAnotherRanSharesItsCommit(VertxTestContext test) throws Exception {
    JournalThread patient = patientWriter();
    Future<Integer> first = followUp(patient, 1);
    Thread.sleep(100);
    Future<Integer> second = followUp(patient, 2);
    Future<Void> closed = patient.close();

    Future.all(first, second, closed).onComplete(test.succeeding(done -> test.verify(() -> {
      assertThat(second.result()).as("the second ran in the first's transaction").isEqualTo(2);
      assertThat(patient.transactions()).isEqualTo(1);
      test.completeNow();
    })));
  }

  @Test
  void writeJoiningFollowUpsCommitsThemAtOnce(VertxTestContext test) throws Exception {
    JournalThread patient = patientWriter();
    Future<Integer> outcome = followUp(patient, 1);
    Thread.sleep(100);
    long queued = System.nanoTime();
    Future<Integer> order = insertThenCount(patient, 2);

    Future.all(outcome, order).onComplete(test.succeeding(done -> test.verify(() -> {
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued)).as("not held for the follow-up wait")
        .isLessThan(2_000);
      assertThat(order.result()).isEqualTo(2);
      assertThat(patient.transactions()).isEqualTo(1);
      patient.close().onComplete(test.succeedingThenComplete());
    })));
  }

  @Test
  void writeAloneNeverWaitsForAFollowUp(VertxTestContext test) throws Exception {
    JournalThread patient = patientWriter();
    Future<Integer> order = insertThenCount(patient, 1);
    order.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Future<Integer> outcome = followUp(patient, 2);
    Future<Void> closed = patient.close();

    Future.all(order, outcome, closed).onComplete(test.succeeding(done -> test.verify(() -> {
      assertThat(patient.transactions()).as("the order committed before the follow-up was queued").isEqualTo(2);
      test.completeNow();
    })));
  }

  @Test
  void closeDuringTheFollowUpWaitCommitsWhatRan(VertxTestContext test) throws Exception {
    JournalThread patient = patientWriter();
    Future<Integer> outcome = followUp(patient, 1);
    Thread.sleep(100);
    long closing = System.nanoTime();

    patient.close().compose(closed -> outcome).onComplete(test.succeeding(seen -> test.verify(() -> {
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing)).isLessThan(2_000);
      try (SqlSession elsewhere = connect()) {
        assertThat(count(elsewhere)).isEqualTo(1);
      }
      test.completeNow();
    })));
  }

  @Test
  void readQueuedWhileAReadTransactionRunsSeesWritesCommittedBeforeIt(VertxTestContext test) throws SQLException {
    JournalThread reader = JournalThread.reader("test-reader", connect(), context);
    SqlSession elsewhere = connect();
    AtomicReference<Future<Integer>> later = new AtomicReference<>();
    Future<Integer> first = reader.submit(context, connection -> {
      int before = count(connection);
      insert(elsewhere, 1);
      later.set(reader.submit(context, JournalThreadTest::count));
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
