package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.copytrader.testing.HeldJournal;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void twoNodesOpenOneJournalAndSeeEachOthersRequests(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(first -> file.open(vertx)
        .compose(second -> second.insertRequest(trade("r", 7, null, "1"))
          .compose(inserted -> first.getRequest("r"))
          .eventually(second::close))
        .eventually(first::close))
      .onComplete(test.succeeding(found -> test.verify(() -> {
        assertThat(found).isPresent();
        test.completeNow();
      })));
  }

  @Test
  void oneKeyJournaledByTwoNodesAtOnceMakesOneRequest(Vertx vertx) {
    Journal first = file.open(vertx).await();
    Journal second = file.open(vertx).await();
    try {
      List<Future<InsertOutcome>> inserts = IntStream.range(0, 40)
        .mapToObj(i -> (i % 2 == 0 ? first : second).insertRequest(trade("r" + i, 7, "same-key", "1")))
        .toList();
      Future.all(inserts).await();

      Set<String> answered = new TreeSet<>(inserts.stream().map(insert -> insert.result().request().requestId())
        .toList());
      assertThat(answered).hasSize(1);
      assertThat(inserts.stream().filter(insert -> insert.result() instanceof InsertOutcome.Inserted)).hasSize(1);
      assertThat(file.query("SELECT count(*) FROM requests")).isEqualTo("1");
    } finally {
      second.close().await();
      first.close().await();
    }
  }

  /** A migration appended to Schema (SQLite) needs its twin in PgSchema: the two stores hold the same columns. */
  @Test
  void holdsTheTablesAndColumnsOfTheSqliteJournal(Vertx vertx, @TempDir Path sqliteDir) throws Exception {
    file.open(vertx).await();
    HeldJournal.open(vertx, sqliteDir).compose(Journal::close).await();
    Set<String> sqlite = new TreeSet<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqliteDir.resolve(Journal.FILE_NAME));
         Statement statement = connection.createStatement();
         ResultSet columns = statement.executeQuery("SELECT m.name || '.' || p.name FROM sqlite_schema m"
           + " JOIN pragma_table_info(m.name) p WHERE m.type = 'table'")) {
      while (columns.next()) {
        sqlite.add(columns.getString(1));
      }
    }

    Set<String> postgresql = new TreeSet<>(List.of(file.query("SELECT string_agg(table_name || '.' || column_name,"
      + " ',') FROM information_schema.columns WHERE table_schema = current_schema()").split(",")));

    assertThat(postgresql).isEqualTo(sqlite);
  }
}
