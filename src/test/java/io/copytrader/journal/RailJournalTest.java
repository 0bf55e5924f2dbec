package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.order;
import static io.copytrader.journal.JournalFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.rails.AccountState;
import io.copytrader.rails.EquityMarks;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.copytrader.rails.RailEvaluator;
import io.copytrader.rails.RailLimits;
import io.copytrader.rails.RailOutcome;
import io.copytrader.rails.RailRequest;
import io.copytrader.rails.RailVerdict;
import io.copytrader.rails.TradeIntent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RailJournalTest extends OnEitherStore {

  private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");

  @Override
  Instant start() {
    return START;
  }

  private final MutableClock clock = file.clock();

  @Test
  void aRefusedRequestEndsRefusedWithTheRailsCodeAndEveryVerdict(Vertx vertx, VertxTestContext test) {
    RailOutcome halted = outcome(KillMode.HALT);
    file.open(vertx).compose(journal -> journal.insertRequest(trade("r-1", 7, null, "0.5"))
        .compose(inserted -> journal.refuse("r-1", halted))
        .compose(refused -> journal.refuse("r-1", halted).map(again -> List.of(refused, again)))
        .compose(refusals -> journal.getRequest("r-1").map(detail -> List.of(refusals, detail))))
      .onComplete(test.succeeding(results -> test.verify(() -> {
        assertThat(results.get(0)).isEqualTo(List.of(true, false));
        RequestDetail detail = ((Optional<RequestDetail>) results.get(1)).orElseThrow();
        assertThat(detail.request().state()).isEqualTo(RequestState.REFUSED);
        assertThat(detail.request().errorCode()).isEqualTo("RAIL_KILL_SWITCH");
        assertThat(detail.request().errorMessage()).isEqualTo("kill switch halt refuses openings");
        assertThat(detail.request().finishedAt()).isEqualTo(START);
        assertThat(detail.rails()).isEqualTo(halted.verdicts());
        assertThat(detail.toJson().getJsonArray("rails").getJsonObject(0)).isEqualTo(new JsonObject()
          .put("rail", "kill_switch").put("verdict", "refuse").put("detail", "kill switch halt refuses openings"));
        test.completeNow();
      })));
  }

  @Test
  void theLatestVerdictsOfARequestSurviveARestart(Vertx vertx, VertxTestContext test) {
    List<RailVerdict> first = outcome(KillMode.HALT).verdicts();
    List<RailVerdict> second = outcome(KillMode.OFF).verdicts();
    file.open(vertx).compose(journal -> journal.insertRequest(trade("r-1", 7, null, "0.5"))
        .compose(inserted -> journal.recordRailVerdicts("r-1", first))
        .compose(recorded -> journal.recordRailVerdicts("r-1", second))
        .compose(recorded -> file.reopen(vertx, journal))
        .compose(reopened -> reopened.getRequest("r-1")))
      .onComplete(test.succeeding(detail -> test.verify(() -> {
        assertThat(detail.orElseThrow().rails()).isEqualTo(second);
        assertThat(detail.orElseThrow().request().state()).isEqualTo(RequestState.QUEUED);
        test.completeNow();
      })));
  }

  @Test
  void anOutcomeThatPassedCannotRefuse(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(journal -> journal.insertRequest(trade("r-1", 7, null, "0.5"))
        .compose(inserted -> journal.refuse("r-1", outcome(KillMode.OFF))))
      .onComplete(test.failing(failure -> test.verify(() -> {
        assertThat(failure).isInstanceOf(JournalException.class).hasMessageContaining("not refused");
        test.completeNow();
      })));
  }

  @Test
  void theKillSwitchSurvivesARestartUntilResumed(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(journal -> journal.engageKillSwitch(null, KillMode.HALT, "operator")
        .compose(engaged -> journal.engageKillSwitch(7L, KillMode.FLATTEN, "daily loss"))
        .compose(engaged -> file.reopen(vertx, journal)))
      .compose(reopened -> reopened.killSwitch()
        .compose(restored -> reopened.resumeKillSwitch(7L).map(resumedOne -> List.of(restored, resumedOne)))
        .compose(switches -> reopened.resumeKillSwitch(null).map(all -> List.of(switches.get(0), switches.get(1),
          all)))
        .compose(switches -> file.reopen(vertx, reopened).compose(Journal::killSwitch).map(last -> List.of(
          switches.get(0), switches.get(1), switches.get(2), last))))
      .onComplete(test.succeeding(switches -> test.verify(() -> {
        assertThat(switches.get(0)).isEqualTo(new KillSwitch(KillMode.HALT, Map.of(7L, KillMode.FLATTEN)));
        assertThat(switches.get(1)).isEqualTo(new KillSwitch(KillMode.HALT, Map.of()));
        assertThat(switches.get(2)).isEqualTo(KillSwitch.OFF);
        assertThat(switches.get(3)).isEqualTo(KillSwitch.OFF);
        test.completeNow();
      })));
  }

  @Test
  void theKillSwitchIsEngagedAsHaltOrFlattenWithAReason(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(journal -> {
      List<Future<KillSwitch>> attempts = List.of(journal.engageKillSwitch(null, KillMode.OFF, "operator"),
        journal.engageKillSwitch(-2L, KillMode.HALT, "operator"), journal.engageKillSwitch(7L, KillMode.HALT, " "),
        journal.engageKillSwitch(7L, KillMode.HALT, "x".repeat(Journal.MAX_REASON_LENGTH + 1)));
      return Future.join(attempts).otherwise(failed -> null)
        .compose(tried -> journal.killSwitch().map(after -> List.of(attempts, after)));
    }).onComplete(test.succeeding(results -> test.verify(() -> {
      assertThat((List<Future<KillSwitch>>) results.get(0)).allSatisfy(attempt ->
        assertThat(attempt.cause()).isInstanceOf(JournalException.class));
      assertThat(results.get(1)).isEqualTo(KillSwitch.OFF);
      test.completeNow();
    })));
  }

  @Test
  void equityMarksKeepThePeakAcrossRestartsAndStartEachUtcDayAfresh(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(journal -> journal.observeEquity(7, dec("10000"), dec("0")).committed()
        .compose(first -> journal.observeEquity(7, dec("10200"), dec("150")).committed())
        .compose(peak -> journal.observeEquity(7, dec("9700"), dec("-300")).committed())
        .compose(fell -> file.reopen(vertx, journal)))
      .compose(reopened -> reopened.observeEquity(7, dec("9800"), dec("-200")).committed()
        .compose(sameDay -> {
          clock.advance(Duration.ofHours(16));
          return reopened.observeEquity(7, dec("9500"), dec("-100")).committed()
            .map(nextDay -> List.of(sameDay, nextDay));
        }))
      .onComplete(test.succeeding(marks -> test.verify(() -> {
        assertThat(marks.get(0)).isEqualTo(new EquityMarks(dec("10200"), START, EquityMarks.utcDay(START),
          dec("10000"), dec("0")));
        assertThat(marks.get(0).realizedPnlToday(dec("9800"), dec("-200"))).isEqualByComparingTo("0");
        assertThat(marks.get(1).day()).isEqualTo(EquityMarks.utcDay(START).plusDays(1));
        assertThat(marks.get(1).dayStartEquity()).isEqualByComparingTo("9500");
        assertThat(marks.get(1).peakEquity()).isEqualByComparingTo("10200");
        test.completeNow();
      })));
  }

  @Test
  void openingActivityCountsEntriesThatMayHaveExecuted(Vertx vertx, VertxTestContext test) {
    Instant lastNight = Instant.parse("2026-11-23T23:59:00Z");
    clock.advance(Duration.between(START, lastNight));
    file.open(vertx)
      .compose(journal -> sentOrder(journal, "y-1", 7, OrderPurpose.ENTRY, 2, OrderUpdate.sent("0xy"))
        .compose(sent -> {
          clock.advance(Duration.between(lastNight, START));
          return Future.all(List.of(
            sentOrder(journal, "r-1", 7, OrderPurpose.ENTRY, 0, OrderUpdate.fill(OrderState.FILLED, dec("1"),
              dec("2000"), "filled")),
            sentOrder(journal, "r-2", 7, OrderPurpose.ENTRY, 0, OrderUpdate.rejected("21120", "too small")),
            sentOrder(journal, "r-3", 7, OrderPurpose.CLOSE, 0, OrderUpdate.sent("0x3")),
            sentOrder(journal, "r-4", 7, OrderPurpose.ENTRY, 0, OrderUpdate.fill(OrderState.CANCELLED,
              BigDecimal.ZERO, null, "canceled")),
            sentOrder(journal, "r-5", 7, OrderPurpose.ENTRY, 1, OrderUpdate.fill(OrderState.CANCELLED, dec("0.5"),
              dec("2000"), "canceled")),
            sentOrder(journal, "r-6", 7, OrderPurpose.ENTRY, 1, OrderUpdate.unknown("TIMEOUT", "no answer")),
            sentOrder(journal, "r-7", 8, OrderPurpose.ENTRY, 0, OrderUpdate.sent("0x7"))));
        })
        .compose(written -> file.reopen(vertx, journal))
        .compose(reopened -> reopened.openingActivity(7)))
      .onComplete(test.succeeding(activity -> test.verify(() -> {
        assertThat(activity.today()).isEqualTo(3);
        assertThat(activity.lastByMarket()).isEqualTo(Map.of(0, START, 1, START, 2, lastNight));
        test.completeNow();
      })));
  }

  @Test
  void anIdenticalSignalIsFoundOnlyBeforeTheRequestAndWithinTheWindow(Vertx vertx, VertxTestContext test) {
    file.open(vertx).compose(journal -> journal.insertRequest(trade("a", 7, null, "0.5"))
        .compose(first -> {
          clock.advance(Duration.ofSeconds(10));
          return Future.all(journal.insertRequest(trade("b", 7, null, "0.5")),
            journal.insertRequest(trade("c", 7, null, "0.6")), journal.insertRequest(trade("d", 8, null, "0.5")));
        })
        .compose(inserted -> Future.all(List.of(
          journal.previousIdenticalSignal("b", Duration.ofSeconds(60)),
          journal.previousIdenticalSignal("b", Duration.ofSeconds(9)),
          journal.previousIdenticalSignal("a", Duration.ofSeconds(60)),
          journal.previousIdenticalSignal("c", Duration.ofSeconds(60)),
          journal.previousIdenticalSignal("d", Duration.ofSeconds(60)),
          journal.previousIdenticalSignal("unknown", Duration.ofSeconds(60))))))
      .onComplete(test.succeeding(found -> test.verify(() -> {
        assertThat(found.<Optional<Instant>>resultAt(0)).contains(START);
        for (int index = 1; index < found.size(); index++) {
          assertThat(found.<Optional<Instant>>resultAt(index)).isEmpty();
        }
        test.completeNow();
      })));
  }

  @Test
  void aJournalOfTheSecondSchemaKeepsItsRequestsAndTakesRefusals(Vertx vertx, VertxTestContext test) {
    file.onlySqlite("the second schema is SQLite's");
    file.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    Schema.migration(1).forEach(file::execute);
    Schema.migration(2).forEach(file::execute);
    file.execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 0), (2, 0)");
    file.execute("INSERT INTO requests (request_id, account_index, kind, body, fingerprint, state, created_at,"
      + " attempts) VALUES ('old-1', 7, 'trade', '{}', 'f', 'queued', 1, 0)");
    file.execute("INSERT INTO idempotency_keys (account_index, idempotency_key, request_id, created_at)"
      + " VALUES (7, 'k', 'old-1', 1)");
    file.open(vertx).compose(journal -> journal.refuse("old-1", outcome(KillMode.FLATTEN))
        .compose(refused -> journal.getRequest("old-1")))
      .onComplete(test.succeeding(detail -> test.verify(() -> {
        assertThat(detail.orElseThrow().request().state()).isEqualTo(RequestState.REFUSED);
        assertThat(detail.orElseThrow().rails()).hasSize(10);
        assertThat(file.query("SELECT request_id FROM idempotency_keys WHERE idempotency_key = 'k'"))
          .isEqualTo("old-1");
        assertThat(file.query("SELECT group_concat(version) FROM schema_version"))
          .isEqualTo(JournalTest.allVersions());
        test.completeNow();
      })));
  }

  /** A request of {@code accountIndex} that executed one order with {@code purpose} in {@code marketId}. */
  private static Future<Boolean> sentOrder(Journal journal, String requestId, long accountIndex,
                                           OrderPurpose purpose, int marketId, OrderUpdate outcome) {
    return journal.insertRequest(trade(requestId, accountIndex, null, "0.5"))
      .compose(inserted -> journal.markExecuting(requestId))
      .compose(executing -> journal.insertOrder(order(requestId, 0, purpose, marketId, 1000 + requestId.hashCode()
        % 1000)))
      .compose(signed -> journal.updateOrder(requestId, 0, OrderUpdate.sent("0x" + requestId)))
      .compose(sent -> journal.updateOrder(requestId, 0, outcome));
  }

  /** The rails' outcome on a 1 ETH opening of an account with nothing open, under {@code killMode}. */
  private static RailOutcome outcome(KillMode killMode) {
    AccountState state = new AccountState(Map.of(), dec("10000"), dec("9000"), dec("10000"), BigDecimal.ZERO,
      BigDecimal.ZERO, 0, Map.of(), Map.of());
    RailRequest request = new RailRequest(TradeIntent.OPEN, false, 0, "ETH", Side.BUY, dec("1"), dec("2000"),
      dec("0.01"), dec("0.05"), "fingerprint", START);
    return RailEvaluator.evaluate(RailLimits.DEFAULTS, killMode, request, state, START);
  }

  private static BigDecimal dec(String text) {
    return new BigDecimal(text);
  }
}
