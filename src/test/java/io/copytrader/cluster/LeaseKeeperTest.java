package io.copytrader.cluster;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.config.ClusterSettings;
import io.copytrader.config.JournalSettings;
import io.copytrader.config.Secret;
import io.copytrader.journal.Journal;
import io.copytrader.journal.LeaseJournal;
import io.copytrader.journal.LeaseRow;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.testing.HeldJournal;
import io.copytrader.testing.PostgresServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' lease keepers on one journal, each deploying a stand-in for the account's verticle: a node whose
 * renewals stop (frozen, or cut off from the journal) falls silent before its lease can expire, and the other takes
 * the account over.
 */
@ExtendWith(VertxExtension.class)
class LeaseKeeperTest {

  private static final Duration TTL = Duration.ofMillis(3000);
  private static final long ACCOUNT = 7;

  private Journal journal;
  private LeaseJournal rows;
  /** Which node's stand-in verticles run, in deployment order; a stopped one is removed. */
  private final List<String> running = new CopyOnWriteArrayList<>();
  /** How many stand-ins have started. */
  private final AtomicInteger starts = new AtomicInteger();

  /** On PostgreSQL, the journal nodes share (SQLite's is one node's, which takes every lease at once). */
  @BeforeEach
  void open(Vertx vertx, @TempDir Path dir) {
    PostgresServer postgres = PostgresServer.shared();
    journal = HeldJournal.open(vertx, new JournalSettings(Secret.of(postgres.url(postgres.freshSchema()))), dir,
      Clock.systemUTC(), HeldJournal.book()).await();
    rows = new LeaseJournal(journal, TTL);
  }

  /** The journal's lease rows, whose renewals fail while {@code frozen} is set. */
  private LeaseLedger freezable(AtomicBoolean frozen) {
    return new LeaseLedger() {
      @Override
      public Future<OptionalLong> acquire(long accountIndex, String node) {
        return frozen.get() ? Future.failedFuture("journal unreachable") : rows.acquire(accountIndex, node);
      }

      @Override
      public Future<Set<Long>> renew(String node, Map<Long, Long> held) {
        return frozen.get() ? Future.failedFuture("journal unreachable") : rows.renew(node, held);
      }

      @Override
      public Future<Void> release(String node, Map<Long, Long> held) {
        return rows.release(node, held);
      }
    };
  }

  private LeaseBook keeper(Vertx vertx, String node, LeaseLedger leases) {
    ClusterSettings settings = new ClusterSettings(node, 0, List.of(), TTL);
    LeaseBook book = new LeaseBook(node, settings.sendWithin());
    vertx.deployVerticle(new LeaseKeeper(leases, book, settings, List.of(ACCOUNT), account -> vertx.deployVerticle(
      new StandIn(node)), new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))).await();
    return book;
  }

  @Test
  void aNodeWhoseRenewalsFailClosesItsGateBeforeItsLeaseExpiresAndAnotherNodeTakesTheAccount(Vertx vertx) {
    AtomicBoolean frozen = new AtomicBoolean();
    LeaseBook first = keeper(vertx, "node-a", freezable(frozen));
    long firstEpoch = first.epoch(ACCOUNT).orElseThrow();
    LeaseBook second = keeper(vertx, "node-b", rows);
    assertThat(second.owned()).isEmpty();
    assertThat(running).containsExactly("node-a");

    frozen.set(true);
    eventually("node-a's gate closed", Duration.ofSeconds(5), () -> !first.maySend(ACCOUNT, firstEpoch));
    Instant gateClosed = Instant.now();

    LeaseRow row = rows.rows().await().get(0);
    assertThat(row.owner()).isEqualTo("node-a");
    assertThat(row.expiresAt()).isAfter(gateClosed);
    eventually("node-b took the account", Duration.ofSeconds(6), () -> second.epoch(ACCOUNT).isPresent());
    assertThat(second.epoch(ACCOUNT)).hasValue(firstEpoch + 1);
    eventually("only node-b's account runs", Duration.ofSeconds(3), () -> running.equals(List.of("node-b")));
    assertThat(first.owned()).isEmpty();
  }

  @Test
  void aNodeCutOffForLongerThanTheLeaseTakesItsFreeAccountBackUnderANewEpoch(Vertx vertx) {
    CutOff cut = cutOff(vertx, "the account is undeployed", (book, epoch) -> running.isEmpty());
    LeaseBook book = cut.book();
    long epoch = cut.epoch();

    eventually("the account is deployed again", Duration.ofSeconds(3), () -> running.equals(List.of("node-a")));
    assertThat(book.epoch(ACCOUNT)).hasValue(epoch + 1);
    assertThat(book.maySend(ACCOUNT, epoch + 1)).isTrue();
    assertThat(book.maySend(ACCOUNT, epoch)).as("the first deployment's epoch").isFalse();
  }

  @Test
  void anAccountWhoseGateClosedStartsAgainUnderANewEpochOnceRenewalsResume(Vertx vertx) {
    CutOff cut = cutOff(vertx, "the gate closed", (book, epoch) -> !book.maySend(ACCOUNT, epoch));
    LeaseBook book = cut.book();
    long epoch = cut.epoch();

    eventually("the account deployed again", Duration.ofSeconds(5), () -> book.epoch(ACCOUNT).orElse(0) == epoch + 1
      && running.equals(List.of("node-a")));
    assertThat(starts).hasValue(2);
  }

  @Test
  void theGracefulStopUndeploysTheAccountThenReleasesItForAnotherNodeAtOnce(Vertx vertx) {
    LeaseBook first = keeper(vertx, "node-a", rows);
    long epoch = first.epoch(ACCOUNT).orElseThrow();

    vertx.eventBus().request(Addresses.LEASES_RELEASE, null).await();

    assertThat(running).isEmpty();
    assertThat(first.maySend(ACCOUNT, epoch)).isFalse();
    assertThat(rows.acquire(ACCOUNT, "node-b").await()).isPresent();
  }

  /** node-a's keeper and the epoch it first held the account under. */
  private record CutOff(LeaseBook book, long epoch) {
  }

  /** node-a's keeper, cut off from the journal from its start until {@code until} holds, then reconnected. */
  private CutOff cutOff(Vertx vertx, String until, BiPredicate<LeaseBook, Long> reached) {
    AtomicBoolean frozen = new AtomicBoolean();
    LeaseBook book = keeper(vertx, "node-a", freezable(frozen));
    long epoch = book.epoch(ACCOUNT).orElseThrow();
    frozen.set(true);
    eventually(until, Duration.ofSeconds(6), () -> reached.test(book, epoch));
    frozen.set(false);
    return new CutOff(book, epoch);
  }

  /** Stands for an account's verticle: says which node runs it while it runs. */
  private final class StandIn extends VerticleBase {

    private final String node;

    StandIn(String node) {
      this.node = node;
    }

    @Override
    public Future<?> start() {
      running.add(node);
      starts.incrementAndGet();
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      running.remove(node);
      return Future.succeededFuture();
    }
  }
}
