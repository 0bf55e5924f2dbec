package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.LeaseRows.LeaseRow;
import io.copytrader.testing.HeldJournal;
import io.vertx.core.Vertx;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The lease rows read back with how long each has left by the database's clock; the journal is opened for a node
 * holding no lease, so that the rows are the test's own.
 */
class LeaseRowsTest extends OnEitherStore {

  @Override
  Instant start() {
    return Instant.parse("2026-12-06T10:00:00Z");
  }

  @Test
  void noLeaseRowsReadsEmpty(Vertx vertx) {
    Journal journal = file.open(vertx, HeldJournal.book()).await();

    assertThat(LeaseRows.all(journal).await()).isEmpty();
  }

  @Test
  void eachRowReadsWithItsOwnerEpochAndTimeLeftByTheDatabasesClock(Vertx vertx) {
    Journal journal = file.open(vertx, HeldJournal.book()).await();
    TestLeases.lease(journal, 9, "node-b", 3, 8_000);
    TestLeases.lease(journal, 4, "node-a", 1, -2_000);

    assertThat(LeaseRows.all(journal).await()).satisfiesExactly(
      expired -> {
        assertThat(expired).extracting(LeaseRow::accountIndex, LeaseRow::owner, LeaseRow::epoch)
          .containsExactly(4L, "node-a", 1L);
        assertThat(expired.expiresInMs()).isBetween(-3_000L, -2_000L);
      },
      held -> {
        assertThat(held).extracting(LeaseRow::accountIndex, LeaseRow::owner, LeaseRow::epoch)
          .containsExactly(9L, "node-b", 3L);
        assertThat(held.expiresInMs()).isBetween(7_000L, 8_000L);
      });
  }
}
