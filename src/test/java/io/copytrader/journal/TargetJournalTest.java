package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Target positions in the journal: the kinds of their requests, their first plan and their steps. */
class TargetJournalTest extends OnEitherStore {

  @Override
  Instant start() {
    return Instant.parse("2026-03-01T10:00:00Z");
  }

  private static NewRequest follow(String requestId) {
    return NewRequest.of(requestId, 7, RequestKind.FOLLOW, new JsonObject().put("action", "position")
      .put("target_base", "-0.5").put("follow", new JsonObject().put("leader", "alice")), "follow:alice:7:0:e1",
      null, null);
  }

  private static TargetStepRecord step(int number, String kind, Side side, Long clientOrderIndex, StepOutcome outcome) {
    return new TargetStepRecord(number, kind, side, new BigDecimal("0.5"), clientOrderIndex, outcome, null);
  }

  @Test
  void aRequestShowsItsFirstPlanAndEachStepWithItsOrders(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    TargetJournal targets = new TargetJournal(journal);
    journal.insertRequest(follow("f-1")).await();
    journal.markExecuting("f-1").await();
    targets.recordPlan("f-1", new BigDecimal("-0.5"), new BigDecimal("0.5"), new BigDecimal("3000")).await();
    targets.recordPlan("f-1", new BigDecimal("-0.4"), new BigDecimal("0"), new BigDecimal("2900")).await();
    targets.recordStep("f-1", step(0, "close", Side.SELL, null, StepOutcome.PLANNED)).await();
    targets.recordStep("f-1", step(1, "open", Side.SELL, null, StepOutcome.PLANNED)).await();
    journal.insertOrder(order("f-1", 0, OrderPurpose.CLOSE, 900)).await();
    targets.recordStep("f-1", step(0, "close", Side.SELL, 900L, StepOutcome.FILLED)).await();
    targets.recordStep("f-1", step(1, "open", Side.SELL, null, StepOutcome.REFUSED).with(null, StepOutcome.REFUSED,
      "RAIL_KILL_SWITCH: halt")).await();

    JsonObject shown = journal.getRequest("f-1").await().orElseThrow().toJson();

    assertThat(shown.getString("kind")).isEqualTo("follow");
    JsonObject target = shown.getJsonObject("target");
    assertThat(target.getString("target_base")).isEqualTo("-0.5");
    assertThat(target.getString("position_before")).isEqualTo("0.5");
    assertThat(target.getString("price")).isEqualTo("3000");
    JsonArray steps = target.getJsonArray("steps");
    assertThat(steps.getJsonObject(0).getString("outcome")).isEqualTo("filled");
    assertThat(steps.getJsonObject(0).getJsonArray("orders")).containsExactly(0);
    assertThat(steps.getJsonObject(1).getString("outcome")).isEqualTo("refused");
    assertThat(steps.getJsonObject(1).getString("detail")).isEqualTo("RAIL_KILL_SWITCH: halt");
    assertThat(steps.getJsonObject(1).getJsonArray("orders")).isEmpty();
    journal.close().await();
  }

  @Test
  void aRequestOfAnotherKindShowsNoTarget(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.insertRequest(JournalFixtures.trade("t-1", 7, null, "0.5")).await();

    assertThat(journal.getRequest("t-1").await().orElseThrow().toJson().containsKey("target")).isFalse();
    journal.close().await();
  }

  @Test
  void aJournalOfThePreviousSchemaKeepsItsRequestsAndTakesTargets(Vertx vertx) {
    file.onlySqlite("the previous schema is SQLite's");
    file.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    // The schema as it was before the target positions' migration, found by its content: later ones may follow it.
    int targets = IntStream.rangeClosed(1, Schema.CURRENT_VERSION)
      .filter(version -> String.join("", Schema.migration(version)).contains("CREATE TABLE position_targets"))
      .findFirst().orElseThrow();
    for (int version = 1; version < targets; version++) {
      Schema.migration(version).forEach(file::execute);
      file.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + version + ", 0)");
    }
    file.execute("INSERT INTO requests (request_id, account_index, kind, body, fingerprint, state, created_at,"
      + " attempts) VALUES ('old-1', 7, 'trade', '{}', 'f', 'refused', 1, 0)");

    Journal journal = file.open(vertx).await();
    journal.insertRequest(follow("f-1")).await();

    assertThat(journal.getRequest("old-1").await().orElseThrow().request().state()).isEqualTo(RequestState.REFUSED);
    assertThat(journal.getRequest("f-1").await().orElseThrow().request().kind()).isEqualTo(RequestKind.FOLLOW);
    assertThat(file.query("SELECT count(*) FROM sqlite_schema WHERE name = 'requests_account_fingerprint'"))
      .isEqualTo("1");
    journal.close().await();
  }
}
