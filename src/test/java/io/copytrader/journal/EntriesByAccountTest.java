package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each order's account, kept on the order row so the rails count an account's entries of the day from their own
 * index: on a journal migrated from a release before the account was kept, and in the plan of the rails' read.
 */
class EntriesByAccountTest extends OnEitherStore {

  static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

  @Override
  Instant start() {
    return START;
  }

  @Test
  void entriesJournaledBeforeTheMigrationCountForTheirAccountAfterIt(Vertx vertx, VertxTestContext test) {
    journalBeforeOrdersKeptTheirAccount();
    long anHourAgo = START.minus(Duration.ofHours(1)).toEpochMilli();
    insertRequest("old-7", 7, anHourAgo);
    insertEntry("old-7", 0, anHourAgo);
    insertRequest("old-8", 8, anHourAgo);
    insertEntry("old-8", 3, anHourAgo);
    file.open(vertx).compose(journal -> journal.openingActivity(7))
      .onComplete(test.succeeding(activity -> test.verify(() -> {
        assertThat(activity.today()).isEqualTo(1);
        assertThat(activity.lastByMarket()).isEqualTo(Map.of(0, Instant.ofEpochMilli(anHourAgo)));
        test.completeNow();
      })));
  }

  @Test
  void theRailsReadAnAccountsEntriesFromTheirIndexAlone(Vertx vertx, VertxTestContext test) {
    file.open(vertx).onComplete(test.succeeding(journal -> test.verify(() -> {
      String plan = file.plan(RailStore.OPENING_ACTIVITY.replace("?", "0"));
      assertThat(plan).contains(store() == JournalFile.Store.SQLITE ? "COVERING INDEX orders_account_entries"
        : "Index Only Scan using orders_account_entries").doesNotContain("requests");
      test.completeNow();
    })));
  }

  /** The migrations before the one that gave orders their account, as the releases before it left the journal. */
  void journalBeforeOrdersKeptTheirAccount() {
    boolean sqlite = store() == JournalFile.Store.SQLITE;
    int current = sqlite ? Schema.CURRENT_VERSION : PgSchema.CURRENT_VERSION;
    IntFunction<List<String>> migration = sqlite ? Schema::migration : PgSchema::migration;
    int accountKept = IntStream.rangeClosed(1, current)
      .filter(version -> String.join(" ", migration.apply(version)).contains("orders ADD COLUMN account_index"))
      .findFirst().orElseThrow();
    file.execute(sqlite ? "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"
      : "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)");
    for (int version = 1; version < accountKept; version++) {
      migration.apply(version).forEach(file::execute);
      file.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + version + ", 0)");
    }
  }

  void insertRequest(String requestId, long accountIndex, long createdAt) {
    file.execute("INSERT INTO requests (request_id, account_index, kind, body, fingerprint, state, created_at,"
      + " attempts) VALUES ('" + requestId + "', " + accountIndex + ", 'trade', '{}', 'f', 'filled', " + createdAt
      + ", 1)");
  }

  /** An entry sent at {@code sentAt}, as the release before wrote it: without its account. */
  void insertEntry(String requestId, int marketId, long sentAt) {
    file.execute("INSERT INTO orders (request_id, ordinal, purpose, market_id, client_order_index, nonce,"
      + " api_key_index, tx_type, tx_info, state, created_at, sent_at, updated_at) VALUES ('" + requestId
      + "', 0, 'entry', " + marketId + ", 1, 1, 3, 14, '{}', 'filled', " + sentAt + ", " + sentAt + ", "
      + sentAt + ")");
  }
}
