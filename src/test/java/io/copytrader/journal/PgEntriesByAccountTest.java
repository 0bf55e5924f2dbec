package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EntriesByAccountTest's tests on a PostgreSQL journal, and what only a journal several nodes share meets: a node
 * still on the release before, writing orders without their account while the others are upgraded.
 */
class PgEntriesByAccountTest extends EntriesByAccountTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }

  @Test
  void anEntryANodeOfTheReleaseBeforeWritesAfterTheMigrationCountsForItsAccount(Vertx vertx,
                                                                                VertxTestContext test) {
    long aMinuteAgo = START.minus(Duration.ofMinutes(1)).toEpochMilli();
    file.open(vertx).compose(journal -> {
      insertRequest("older-node-7", 7, aMinuteAgo);
      insertEntry("older-node-7", 2, aMinuteAgo);
      return journal.openingActivity(7);
    }).onComplete(test.succeeding(activity -> test.verify(() -> {
      assertThat(activity.today()).isEqualTo(1);
      assertThat(activity.lastByMarket()).isEqualTo(Map.of(2, Instant.ofEpochMilli(aMinuteAgo)));
      test.completeNow();
    })));
  }
}
