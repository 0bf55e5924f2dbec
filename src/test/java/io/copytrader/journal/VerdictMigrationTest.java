package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.rails.Rail;
import io.copytrader.rails.RailVerdict;
import io.copytrader.rails.Verdict;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A journal that kept one row per rail's verdict, as releases before the one-row verdicts left it (and as a node not
 * yet upgraded still writes it).
 */
class VerdictMigrationTest extends OnEitherStore {

  private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

  @Override
  Instant start() {
    return START;
  }

  @Test
  void verdictsKeptOneRowPerRailAreReadInTheRailsOrderUntilTheRequestIsCheckedAgain(Vertx vertx,
                                                                                     VertxTestContext test) {
    journalBeforeOneRowVerdicts();
    file.execute("INSERT INTO requests (request_id, account_index, kind, body, fingerprint, state, created_at,"
      + " attempts) VALUES ('old-1', 7, 'trade', '{}', 'f', 'refused', 1, 1)");
    file.execute("INSERT INTO requests (request_id, account_index, kind, body, fingerprint, state, created_at,"
      + " attempts) VALUES ('old-2', 7, 'trade', '{}', 'g', 'filled', 2, 1)");
    // Written out of their order, as nothing promised the rows' physical order.
    file.execute("INSERT INTO rail_verdicts (request_id, ordinal, rail, verdict, detail) VALUES"
      + " ('old-1', 2, 'max_leverage', 'refuse', 'leverage 12 over 10'),"
      + " ('old-1', 0, 'kill_switch', 'pass', 'off'),"
      + " ('old-1', 1, 'symbol_allowlist', 'pass', 'ETH is allowed')");
    List<RailVerdict> later = List.of(new RailVerdict(Rail.KILL_SWITCH, Verdict.PASS, "off"));
    file.open(vertx).compose(journal -> journal.getRequest("old-1")
        .compose(old -> journal.getRequest("old-2").map(none -> List.of(old.orElseThrow().rails(),
          none.orElseThrow().rails())))
        .compose(read -> journal.recordRailVerdicts("old-1", later)
          .compose(recorded -> journal.getRequest("old-1"))
          .map(replaced -> List.of(read.get(0), read.get(1), replaced.orElseThrow().rails()))))
      .onComplete(test.succeeding(verdicts -> test.verify(() -> {
        assertThat(verdicts.get(0)).containsExactly(
          new RailVerdict(Rail.KILL_SWITCH, Verdict.PASS, "off"),
          new RailVerdict(Rail.SYMBOL_ALLOWLIST, Verdict.PASS, "ETH is allowed"),
          new RailVerdict(Rail.MAX_LEVERAGE, Verdict.REFUSE, "leverage 12 over 10"));
        assertThat(verdicts.get(1)).isEmpty();
        assertThat(verdicts.get(2)).isEqualTo(later);
        test.completeNow();
      })));
  }

  /** Every migration before the one that made the verdicts one row per request, applied as its release did. */
  private void journalBeforeOneRowVerdicts() {
    boolean sqlite = store() == JournalFile.Store.SQLITE;
    int current = sqlite ? Schema.CURRENT_VERSION : PgSchema.CURRENT_VERSION;
    IntFunction<List<String>> migration = sqlite ? Schema::migration : PgSchema::migration;
    file.execute(sqlite ? "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"
      : "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)");
    for (int version = 1; version < current; version++) {
      migration.apply(version).forEach(file::execute);
      file.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + version + ", 0)");
    }
  }
}
