package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.entry;
import static io.copytrader.journal.JournalFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.copytrader.cluster.LeaseBook;
import io.copytrader.testing.HeldJournal;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Account leases: who may take a row, renewal and release on the database's clock, and the fence on writes. */
class LeaseJournalTest extends OnEitherStore {

  private static final Duration TTL = Duration.ofMinutes(10);
  /** Far ahead of the database's clock: an unexpired row. */
  private static final long LATER = 9_000_000_000_000L;
  /** Long past: an expired row. */
  private static final long EARLIER = 1;

  @Override
  Instant start() {
    return Instant.parse("2026-12-06T12:00:00Z");
  }

  /** A row as it stands before node "a" asks for the account, and what "a" gets. */
  private record AcquireCase(String row, long account, String owner, long epoch, long expiresAt,
                             OptionalLong acquired, String ownerAfter, long epochAfter) {
  }

  @Test
  void aNodeTakesAFreeExpiredOrOwnLeaseWithTheNextEpochAndNeverAnotherNodesLiveOne(Vertx vertx) {
    boolean shared = store() == JournalFile.Store.POSTGRESQL;
    List<AcquireCase> cases = List.of(
      new AcquireCase("none", 1, null, 0, 0, OptionalLong.of(1), "a", 1),
      shared ? new AcquireCase("b's, unexpired", 2, "b", 4, LATER, OptionalLong.empty(), "b", 4)
        : new AcquireCase("a former process's, unexpired (SQLite: no other node)", 2, "b", 4, LATER,
        OptionalLong.of(5), "a", 5),
      new AcquireCase("b's, expired", 3, "b", 4, EARLIER, OptionalLong.of(5), "a", 5),
      new AcquireCase("a's own, unexpired (a restart)", 4, "a", 2, LATER, OptionalLong.of(3), "a", 3),
      new AcquireCase("a's own, expired", 5, "a", 2, EARLIER, OptionalLong.of(3), "a", 3));
    LeaseJournal leases = new LeaseJournal(file.open(vertx, HeldJournal.book()).await(), TTL);
    cases.stream().filter(row -> row.owner() != null).forEach(this::insertRow);

    for (AcquireCase row : cases) {
      assertThat(leases.acquire(row.account(), "a").await()).as(row.row()).isEqualTo(row.acquired());
    }

    Map<Long, LeaseRow> after = byAccount(leases.rows().await());
    for (AcquireCase row : cases) {
      assertThat(after.get(row.account())).as(row.row())
        .returns(row.ownerAfter(), LeaseRow::owner)
        .returns(row.epochAfter(), LeaseRow::epoch);
    }
    assertThat(after.get(1L).expiresAt()).isAfter(after.get(1L).acquiredAt().plus(TTL).minusSeconds(1));
  }

  @Test
  void aRenewalExtendsOnlyTheLeasesStillHeldUnderTheirEpochAndUnexpired(Vertx vertx) {
    LeaseJournal leases = new LeaseJournal(file.open(vertx, HeldJournal.book()).await(), TTL);
    insertRow(new AcquireCase("a's, live", 1, "a", 3, LATER - 1, null, null, 0));
    insertRow(new AcquireCase("a's, expired", 2, "a", 3, EARLIER, null, null, 0));
    insertRow(new AcquireCase("taken by b", 3, "b", 4, LATER, null, null, 0));
    insertRow(new AcquireCase("a's under a later epoch", 4, "a", 5, LATER, null, null, 0));

    assertThat(leases.renew("a", Map.of(1L, 3L, 2L, 3L, 3L, 3L, 4L, 3L)).await()).containsExactly(1L);

    Map<Long, LeaseRow> after = byAccount(leases.rows().await());
    assertThat(after.get(1L).expiresAt()).isBefore(Instant.ofEpochMilli(LATER - 1));
    assertThat(after.get(1L).renewedAt()).isAfter(Instant.ofEpochMilli(EARLIER));
    assertThat(after.get(2L).expiresAt()).isEqualTo(Instant.ofEpochMilli(EARLIER));
    assertThat(after.get(3L).expiresAt()).isEqualTo(Instant.ofEpochMilli(LATER));
  }

  /** A thousand leases span several renewal statements, the last one short; each lease is judged on its own. */
  @Test
  void aRenewalOfAThousandLeasesExtendsExactlyThoseStillHeld(Vertx vertx) {
    LeaseJournal leases = new LeaseJournal(file.open(vertx, HeldJournal.book()).await(), TTL);
    file.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
      + " INSERT INTO account_leases (account_index, owner, epoch, acquired_at, renewed_at, expires_at)"
      + " SELECT i, CASE WHEN i % 7 = 0 THEN 'b' ELSE 'a' END, CASE WHEN i % 11 = 0 THEN 9 ELSE 3 END, 0, 0,"
      + " CASE WHEN i % 13 = 0 THEN " + EARLIER + " ELSE " + LATER + " END FROM n");
    Map<Long, Long> held = LongStream.rangeClosed(1, 1000).boxed().collect(Collectors.toMap(i -> i, i -> 3L));

    Set<Long> renewed = leases.renew("a", held).await();

    assertThat(renewed).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000)
      .filter(i -> i % 7 != 0 && i % 11 != 0 && i % 13 != 0).boxed().toList());
    Map<Long, LeaseRow> after = byAccount(leases.rows().await());
    for (LeaseRow row : after.values()) {
      if (renewed.contains(row.accountIndex())) {
        // PostgreSQL reads its clock at each use within the statement, a millisecond apart at most.
        assertThat(row.expiresAt()).as("account " + row.accountIndex())
          .isBetween(row.renewedAt().plus(TTL), row.renewedAt().plus(TTL).plusSeconds(1));
      } else {
        assertThat(row.expiresAt()).as("account " + row.accountIndex())
          .isEqualTo(Instant.ofEpochMilli(row.accountIndex() % 13 == 0 ? EARLIER : LATER));
      }
    }
  }

  @Test
  void aReleasedLeaseIsAnotherNodesAtOnceAndAReleaseNeverFreesAnotherNodesLease(Vertx vertx) {
    LeaseJournal leases = new LeaseJournal(file.open(vertx, HeldJournal.book()).await(), TTL);
    long epoch = leases.acquire(1, "a").await().orElseThrow();
    insertRow(new AcquireCase("b's", 2, "b", 7, LATER, null, null, 0));

    leases.release("a", Map.of(1L, epoch, 2L, 7L)).await();

    assertThat(leases.acquire(1, "b").await()).hasValue(epoch + 1);
    assertThat(byAccount(leases.rows().await()).get(2L).expiresAt()).isEqualTo(Instant.ofEpochMilli(LATER));
  }

  @Test
  void anOrderWrittenUnderAStaleEpochFailsAndWritesNothing(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.insertRequest(trade("r", 7, null, "0.5")).await();
    journal.markExecuting("r").await();
    takenOverByAnotherNode(journal, 7);

    Throwable refused = catchThrowable(() -> journal.insertOrder(entry("r", 0, 5001)).await());

    assertThat(refused).isInstanceOf(LeaseLostException.class);
    assertThat(file.query("SELECT count(*) FROM orders")).isEqualTo("0");
    assertThat(journal.lastClientOrderIndex(7).await()).isEmpty();
  }

  @Test
  void anOrderOfAnAccountTheNodeHoldsNoEpochForIsRefused(Vertx vertx) {
    LeaseBook book = HeldJournal.book();
    Journal journal = file.open(vertx, book).await();
    HeldJournal.hold(journal, book, 7).await();
    journal.insertRequest(trade("r", 7, null, "0.5")).await();
    journal.markExecuting("r").await();
    book.lost(7);

    Throwable refused = catchThrowable(() -> journal.insertOrder(entry("r", 0, 5001)).await());

    assertThat(refused).isInstanceOf(LeaseLostException.class);
    assertThat(file.query("SELECT count(*) FROM orders")).isEqualTo("0");
  }

  @Test
  void aStaleOwnerCanNeitherStartNorEndARequestTheNewOwnerRuns(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.insertRequest(trade("running", 7, null, "0.5")).await();
    journal.insertRequest(trade("waiting", 7, null, "0.5")).await();
    journal.markExecuting("running").await();
    takenOverByAnotherNode(journal, 7);

    assertThat(catchThrowable(() -> journal.finish("running", RequestState.FAILED, "X", "y").await()))
      .isInstanceOf(LeaseLostException.class);
    assertThat(catchThrowable(() -> journal.markExecuting("waiting").await()))
      .isInstanceOf(LeaseLostException.class);
    assertThat(file.query("SELECT state FROM requests WHERE request_id = 'running'")).isEqualTo("executing");
    assertThat(file.query("SELECT state FROM requests WHERE request_id = 'waiting'")).isEqualTo("queued");
  }

  @Test
  void aStaleOwnerTakesARequestInQueuedNotExecuting(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    takenOverByAnotherNode(journal, 7);

    InsertOutcome taken = journal.insertRequestStaged(trade("late", 7, null, "0.5"), 1, true).committed().await();

    assertThat(taken.request().state()).isEqualTo(RequestState.QUEUED);
    assertThat(file.query("SELECT state || ' ' || attempts FROM requests WHERE request_id = 'late'"))
      .isEqualTo("queued 0");
    assertThat(catchThrowable(() -> journal.markExecuting("late").await())).isInstanceOf(LeaseLostException.class);
  }

  @Test
  void aRequestAStaleOwnerAcceptsWaitsUnclaimedForTheNewOwner(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    takenOverByAnotherNode(journal, 7);

    journal.insertRequestStaged(trade("late", 7, null, "0.5"), 1, false).committed().await();

    assertThat(file.query("SELECT coalesce(claimed_epoch, -1) FROM requests WHERE request_id = 'late'"))
      .isEqualTo("-1");
    assertThat(journal.unclaimedAccounts().await()).containsExactly(7L);
  }

  @Test
  void aStaleOwnerClaimsNothing(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.insertRequestStaged(trade("waiting", 7, null, "0.5")).committed().await();
    takenOverByAnotherNode(journal, 7);

    assertThat(journal.claimQueued(7, 1).await()).isEmpty();
    assertThat(journal.claimUnfinished(7, 1).await()).isEmpty();
    assertThat(file.query("SELECT coalesce(claimed_epoch, -1) FROM requests WHERE request_id = 'waiting'"))
      .isEqualTo("-1");
  }

  @Test
  void aRequestClaimedUnderALostEpochWaitsForTheNewOwner(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.insertRequestStaged(trade("claimed", 7, null, "0.5"), 1, false).committed().await();
    assertThat(journal.unclaimedAccounts().await()).isEmpty();

    takenOverByAnotherNode(journal, 7);

    assertThat(journal.unclaimedAccounts().await()).containsExactly(7L);
  }

  /** Another node takes the account once its lease has expired, as after a pause longer than the lease. */
  private void takenOverByAnotherNode(Journal journal, long account) {
    file.execute("UPDATE account_leases SET expires_at = 1 WHERE account_index = " + account);
    assertThat(new LeaseJournal(journal, TTL).acquire(account, "b").await()).isPresent();
  }

  private void insertRow(AcquireCase row) {
    file.execute("INSERT INTO account_leases (account_index, owner, epoch, acquired_at, renewed_at, expires_at)"
      + " VALUES (" + row.account() + ", '" + row.owner() + "', " + row.epoch() + ", 0, 0, " + row.expiresAt() + ")");
  }

  private static Map<Long, LeaseRow> byAccount(List<LeaseRow> rows) {
    return rows.stream().collect(Collectors.toMap(LeaseRow::accountIndex, row -> row));
  }
}
