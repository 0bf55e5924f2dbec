package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.entry;
import static io.copytrader.journal.JournalFixtures.trade;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.cluster.LeaseBook;
import io.copytrader.testing.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL journal across a restart of its server: while the server is down every operation fails at once as the
 * journal being unavailable; once it is back the same Journal writes and reads again, its leases still its own.
 */
@ExtendWith(VertxExtension.class)
class PgJournalReconnectTest {

  /** Far more than a reconnect takes (its waits grow to 5 s), far less than a caller could wait unawares. */
  private static final Duration BACK_WITHIN = Duration.ofSeconds(15);

  @RegisterExtension
  final JournalFile file = new JournalFile(Instant.parse("2026-03-01T10:00:00Z"), JournalFile.Store.POSTGRESQL);

  private final PostgresServer server = PostgresServer.shared();
  private boolean stopped;

  @AfterEach
  void serverRunsForTheNextTest() {
    if (stopped) {
      server.startServer();
    }
  }

  @Test
  void writesAndReadsFailAtOnceWhileTheServerIsDown(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    stopServer();

    long before = System.nanoTime();
    Future<InsertOutcome> write = settled(journal.insertRequest(trade("r-down", 7, null, "1")));
    Future<?> read = settled(journal.getRequest("r-down"));

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    assertUnavailable(write);
    assertUnavailable(read);
    assertThat(journal.reachable()).isFalse();
  }

  @Test
  void theSameJournalWritesAgainOnceTheServerIsBack(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.insertRequest(trade("r-before", 7, null, "1")).await();
    stopServer();
    assertUnavailable(settled(journal.insertRequest(trade("r-down", 7, null, "1"))));

    server.startServer();
    stopped = false;
    eventually("the journal to write again", BACK_WITHIN,
      () -> settled(journal.insertRequest(trade("r-after", 7, null, "1"))), Future::succeeded);
    journal.markExecuting("r-after").await();
    journal.insertOrder(entry("r-after", 0, 12)).await();

    assertThat(file.query("SELECT string_agg(request_id, ',' ORDER BY request_id) FROM requests"))
      .isEqualTo("r-after,r-before");
    assertThat(file.query("SELECT client_order_index FROM orders WHERE request_id = 'r-after'")).isEqualTo("12");
    assertThat(journal.getRequest("r-before").await()).isPresent();
    assertThat(journal.reachable()).isTrue();
  }

  @Test
  void aTransactionWhoseConnectionEndsWritesNothingAndTheNextOneGoesThrough(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    Future<Object> cut = journal.write(session -> {
      JournalStore.insertRequest(session, trade("r-cut", 7, null, "1"), 0, 0, null, false);
      return session.first("SELECT pg_sleep(30.001)", row -> row.string(1));
    });
    eventually("the transaction to be running", () -> "1".equals(file.query(
      "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30.001)%'")));
    file.query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
      + " WHERE query LIKE 'SELECT pg_sleep(30.001)%'");

    assertUnavailable(settled(cut));
    eventually("the journal to write again", BACK_WITHIN,
      () -> settled(journal.insertRequest(trade("r-next", 7, null, "1"))), Future::succeeded);
    assertThat(file.query("SELECT string_agg(request_id, ',') FROM requests")).isEqualTo("r-next");
  }

  @Test
  void aReconnectedJournalKeepsItsLeasesAgainstAnotherNodeSharingIt(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    stopServer();
    server.startServer();
    stopped = false;
    eventually("the journal to write again", BACK_WITHIN,
      () -> settled(journal.insertRequest(trade("r-after", 7, null, "1"))), Future::succeeded);

    Journal other = file.open(vertx, new LeaseBook("node-b", Duration.ofMinutes(1))).await();

    assertThat(new LeaseJournal(other, Duration.ofMinutes(1)).acquire(7, "node-b").await()).isEmpty();
    journal.markExecuting("r-after").await();
  }

  private void stopServer() {
    stopped = true;
    server.stopServer();
  }

  private static void assertUnavailable(Future<?> outcome) {
    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.cause()).isInstanceOf(JournalException.class)
      .hasMessageContaining("the journal is unavailable");
    assertThat(JournalException.outOfReach(outcome.cause())).isTrue();
  }

  /** {@code future} once it has completed, failed or not. */
  private static <T> Future<T> settled(Future<T> future) {
    try {
      future.await(10, TimeUnit.SECONDS);
    } catch (Exception completedWithFailure) {
      // The failure stays in the future, for the caller to look at.
    }
    return future;
  }
}
