package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** JournalTest's tests on a PostgreSQL journal, and what only PostgreSQL's has. */
class PgJournalTest extends JournalTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }

  @Test
  void createsTheSchemaAtCurrentVersion(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(Journal::close).onComplete(test.succeeding(closed -> test.verify(() -> {
      assertThat(file.query("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version"))
        .isEqualTo(String.join(",", IntStream.rangeClosed(1, PgSchema.CURRENT_VERSION)
          .mapToObj(String::valueOf).toList()));
      test.completeNow();
    })));
  }

  @Test
  void theAdvisoryLockHoldsTheJournalUntilItsHolderCloses(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(holder -> file.open(vertx)
        .transform(second -> {
          test.verify(() -> assertThat(second.cause()).isInstanceOf(JournalException.class)
            .hasMessageContaining("already in use by another service instance"));
          return holder.close();
        }))
      .compose(released -> file.open(vertx))
      .compose(next -> next.insertRequest(trade("r", 7, null, "1")))
      .onComplete(test.succeedingThenComplete());
  }
}
