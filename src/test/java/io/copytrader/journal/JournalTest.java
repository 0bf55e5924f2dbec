package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.entry;
import static io.copytrader.journal.JournalFixtures.order;
import static io.copytrader.journal.JournalFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JournalTest extends OnEitherStore {

  private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");

  private final MutableClock clock = file.clock();

  @Override
  Instant start() {
    return START;
  }

  private Future<Journal> open(Vertx vertx) {
    return file.open(vertx);
  }

  private Future<Journal> reopen(Vertx vertx, Journal journal) {
    return file.reopen(vertx, journal);
  }

  /** "1,2,…" up to the current version, as {@code group_concat} lists the applied migrations. */
  static String allVersions() {
    return IntStream.rangeClosed(1, Schema.CURRENT_VERSION).mapToObj(String::valueOf)
      .collect(Collectors.joining(","));
  }

  @Test
  void createsTheSchemaAtCurrentVersionInWalMode(Vertx vertx, VertxTestContext test) {
    file.onlySqlite("WAL is SQLite's");
    open(vertx).compose(Journal::close).onComplete(test.succeeding(closed -> test.verify(() -> {
      assertThat(query("SELECT group_concat(version) FROM schema_version")).isEqualTo(allVersions());
      assertThat(query("PRAGMA journal_mode")).isEqualTo("wal");
      test.completeNow();
    })));
  }

  @Test
  void reopeningAppliesNoMigrationTwice(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> reopen(vertx, journal)).compose(Journal::close)
      .onComplete(test.succeeding(closed -> test.verify(() -> {
        assertThat(query("SELECT count(*) FROM schema_version")).isEqualTo(String.valueOf(file.currentVersion()));
        test.completeNow();
      })));
  }

  @Test
  void journalOfTheFirstSchemaKeepsItsRequestsAndOrdersAndTakesProtectionRuns(Vertx vertx, VertxTestContext test) {
    file.onlySqlite("the first schema is SQLite's");
    execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    Schema.migration(1).forEach(this::execute);
    execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 0)");
    execute("INSERT INTO requests (request_id, account_index, kind, body, fingerprint, state, created_at, attempts)"
      + " VALUES ('old-1', 7, 'trade', '{}', 'f', 'filled', 1, 1)");
    execute("INSERT INTO orders (request_id, ordinal, purpose, market_id, client_order_index, nonce, api_key_index,"
      + " tx_type, tx_info, state, created_at, updated_at)"
      + " VALUES ('old-1', 0, 'stop_loss_place', 0, 4242, 1, 0, 14, '{}', 'sent', 1, 1)");
    open(vertx).compose(journal -> journal.insertRequest(NewRequest.of("p-1", 7, RequestKind.PROTECTION,
          new JsonObject().put("reason", "start"), null, null, null))
        .compose(inserted -> journal.markExecuting("p-1"))
        .compose(executing -> journal.finish("p-1", RequestState.COMPLETED, null, null))
        .compose(finished -> Future.all(journal.getRequest("old-1"), journal.getRequest("p-1"),
          journal.ownStopLosses(7, List.of(new ClientOrderRef(0, 4242), new ClientOrderRef(0, 4243)))))
        .compose(read -> journal.close().map(closed -> read)))
      .onComplete(test.succeeding(read -> test.verify(() -> {
        Optional<RequestDetail> old = read.resultAt(0);
        Optional<RequestDetail> protection = read.resultAt(1);
        assertThat(old.orElseThrow().orders()).singleElement()
          .satisfies(order -> assertThat(order.order().clientOrderIndex()).isEqualTo(4242));
        assertThat(protection.orElseThrow().request().state()).isEqualTo(RequestState.COMPLETED);
        assertThat(protection.orElseThrow().request().kind()).isEqualTo(RequestKind.PROTECTION);
        assertThat((Set<Long>) read.resultAt(2)).containsExactly(4242L);
        assertThat(query("SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type = 'index'"
          + " AND tbl_name = 'requests' AND name NOT LIKE 'sqlite_%' ORDER BY name)"))
          .isEqualTo("requests_account_fingerprint,requests_account_newest,requests_newest,requests_unclaimed,"
          + "requests_unfinished");
        test.completeNow();
      })));
  }

  @Test
  void journalOfThePreviousSchemaKeepsItsOrdersAndTakesTakeProfits(Vertx vertx, VertxTestContext test) {
    file.onlySqlite("the previous schema is SQLite's");
    execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (int version = 1; version < Schema.CURRENT_VERSION; version++) {
      Schema.migration(version).forEach(this::execute);
      execute("INSERT INTO schema_version (version, applied_at) VALUES (" + version + ", 0)");
    }
    execute("INSERT INTO requests (request_id, account_index, kind, body, fingerprint, state, created_at, attempts)"
      + " VALUES ('old-1', 7, 'trade', '{}', 'f', 'executing', 1, 1)");
    execute("INSERT INTO orders (request_id, ordinal, purpose, market_id, client_order_index, nonce, api_key_index,"
      + " tx_type, tx_info, state, created_at, updated_at)"
      + " VALUES ('old-1', 0, 'stop_loss_place', 0, 4242, 1, 0, 28, '{}', 'sent', 1, 1)");
    open(vertx).compose(journal -> journal.insertOrder(order("old-1", 1, OrderPurpose.TAKE_PROFIT_PLACE, 4243))
        .compose(written -> Future.all(journal.getRequest("old-1"), journal.ownStopLosses(7, List.of(
          new ClientOrderRef(0, 4242), new ClientOrderRef(0, 4243), new ClientOrderRef(0, 4244)))))
        .compose(read -> journal.close().map(closed -> read)))
      .onComplete(test.succeeding(read -> test.verify(() -> {
        Optional<RequestDetail> old = read.resultAt(0);
        assertThat(old.orElseThrow().orders()).extracting(row -> row.order().purpose())
          .containsExactly(OrderPurpose.STOP_LOSS_PLACE, OrderPurpose.TAKE_PROFIT_PLACE);
        assertThat((Set<Long>) read.resultAt(1)).containsExactlyInAnyOrder(4242L, 4243L);
        assertThat(query("SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE type = 'index'"
          + " AND tbl_name = 'orders' AND name NOT LIKE 'sqlite_%' ORDER BY name)"))
          .isEqualTo("orders_account_entries,orders_client_order_index,orders_tx_hash");
        test.completeNow();
      })));
  }

  @Test
  void restartKeepsRequestOrdersAndCounters(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r-1", 7, "key-1", "0.5"))
        .compose(inserted -> journal.markExecuting("r-1"))
        .compose(executing -> journal.insertOrder(entry("r-1", 0, 1001)))
        .compose(orderWritten -> journal.updateOrder("r-1", 0, OrderUpdate.sent("0xabc")))
        .compose(sent -> journal.updateOrder("r-1", 0, OrderUpdate.fill(OrderState.FILLED,
          new BigDecimal("0.0123"), new BigDecimal("3011.90"), "filled")))
        .compose(filled -> journal.finish("r-1", RequestState.FILLED, null, null))
        .compose(finished -> journal.getRequest("r-1"))
        .compose(before -> reopen(vertx, journal).compose(reopened -> Future.all(
            reopened.getRequest("r-1"), reopened.lastClientOrderIndex(7),
            reopened.findByIdempotencyKey(7, "key-1"))
          .map(after -> List.<Object>of(before, after.resultAt(0), after.resultAt(1), after.resultAt(2))))))
      .onComplete(test.succeeding(results -> test.verify(() -> {
        Optional<RequestDetail> before = cast(results.get(0));
        Optional<RequestDetail> after = cast(results.get(1));
        assertThat(after).isPresent().isEqualTo(before);
        RequestDetail detail = after.orElseThrow();
        assertThat(detail.request().state()).isEqualTo(RequestState.FILLED);
        assertThat(detail.orders()).singleElement().satisfies(order -> {
          assertThat(order.state()).isEqualTo(OrderState.FILLED);
          assertThat(order.order().txHash()).isEqualTo("0xabc");
          assertThat(order.averagePrice()).isEqualByComparingTo("3011.90");
          assertThat(order.sentAt()).isNotNull();
        });
        assertThat(results.get(2)).isEqualTo(OptionalLong.of(1001));
        assertThat(results.get(3)).isEqualTo(Optional.of(
          new IdempotencyHit("r-1", RequestState.FILLED, detail.request().fingerprint())));
        test.completeNow();
      })));
  }

  @Test
  void stagedInsertIsAppliedNoLaterThanItIsCommitted(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> {
      StagedWrite<InsertOutcome> insert = journal.insertRequestStaged(trade("r-1", 7, "key-1", "0.5"));
      return insert.committed().map(committed -> List.of(insert.applied().isComplete(), insert.applied().result(),
        committed));
    }).onComplete(test.succeeding(moments -> test.verify(() -> {
      assertThat(moments.get(0)).isEqualTo(true);
      assertThat(((InsertOutcome) moments.get(1)).request().requestId()).isEqualTo("r-1");
      assertThat(moments.get(2)).isEqualTo(moments.get(1));
      test.completeNow();
    })));
  }

  @Test
  void writesStartedOnceAnInsertIsAppliedFindTheRequest(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequestStaged(trade("r-1", 7, null, "0.5")).applied()
        .compose(applied -> journal.markExecuting("r-1"))
        .compose(executing -> journal.insertOrder(entry("r-1", 0, 1001)).map(executing))
        .compose(executing -> journal.getRequest("r-1").map(detail -> List.of(executing, detail))))
      .onComplete(test.succeeding(results -> test.verify(() -> {
        assertThat(results.get(0)).isEqualTo(true);
        Optional<RequestDetail> detail = cast(results.get(1));
        assertThat(detail.orElseThrow().request().state()).isEqualTo(RequestState.EXECUTING);
        assertThat(detail.orElseThrow().orders()).hasSize(1);
        test.completeNow();
      })));
  }

  @Test
  void stagedInsertThatFailsFailsAtBothMoments(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r-1", 7, null, "0.5")).compose(first -> {
      StagedWrite<InsertOutcome> again = journal.insertRequestStaged(trade("r-1", 7, null, "0.6"));
      return Future.join(again.applied(), again.committed()).transform(both -> Future.succeededFuture(
        List.of(again.applied().failed(), again.committed().failed())));
    })).onComplete(test.succeeding(failed -> test.verify(() -> {
      assertThat(failed).containsExactly(true, true);
      test.completeNow();
    })));
  }

  /** Sharing commits between concurrent writes is JournalThreadTest's; this is their durability across a restart. */
  @Test
  void twoThousandConcurrentInsertsAllSurviveRestart(Vertx vertx, VertxTestContext test) {
    int requests = 2_000;
    open(vertx).compose(journal -> Future.all(IntStream.range(0, requests)
          .mapToObj(i -> journal.insertRequest(trade("bulk-" + i, i % 4, null, "0.1")))
          .toList())
        .compose(all -> reopen(vertx, journal)))
      .onComplete(test.succeeding(reopened -> test.verify(() -> {
        assertThat(queued()).isEqualTo(requests);
        test.completeNow();
      })));
  }

  @Test
  void twentyConcurrentRepeatsOfOneKeyStoreOneRequest(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> Future.all(IntStream.range(0, 20)
          .mapToObj(i -> journal.insertRequest(trade("repeat-" + i, 7, "same-key", "0.5")))
          .toList())
        .map(all -> all.<InsertOutcome>list()))
      .onComplete(test.succeeding(outcomes -> test.verify(() -> {
        List<InsertOutcome> inserted = outcomes.stream().filter(InsertOutcome.Inserted.class::isInstance).toList();
        assertThat(inserted).hasSize(1);
        String original = inserted.get(0).request().requestId();
        assertThat(outcomes).filteredOn(InsertOutcome.Duplicate.class::isInstance).hasSize(19)
          .allSatisfy(outcome -> {
            assertThat(outcome.request().requestId()).isEqualTo(original);
            assertThat(((InsertOutcome.Duplicate) outcome).sameBody()).isTrue();
          });
        assertThat(queued()).isEqualTo(1);
        test.completeNow();
      })));
  }

  @Test
  void sameKeyWithDifferentBodyIsADuplicateWithAnotherBody(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("first", 7, "k", "0.5"))
        .compose(first -> journal.insertRequest(trade("second", 7, "k", "0.6"))))
      .onComplete(test.succeeding(outcome -> test.verify(() -> {
        assertThat(outcome).isEqualTo(new InsertOutcome.Duplicate(outcome.request(), false));
        assertThat(outcome.request().requestId()).isEqualTo("first");
        test.completeNow();
      })));
  }

  @Test
  void sameKeyOnAnotherAccountIsANewRequest(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("first", 7, "k", "0.5"))
        .compose(first -> journal.insertRequest(trade("second", 8, "k", "0.5"))))
      .onComplete(test.succeeding(outcome -> test.verify(() -> {
        assertThat(outcome).isInstanceOf(InsertOutcome.Inserted.class);
        test.completeNow();
      })));
  }

  @Test
  void keyIsFreeAgainAfterTheIdempotencyWindow(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("first", 7, "k", "0.5"))
        .compose(first -> {
          clock.advance(Journal.IDEMPOTENCY_WINDOW.plusMillis(1));
          return journal.insertRequest(trade("second", 7, "k", "0.5"));
        })
        .compose(second -> journal.findByIdempotencyKey(7, "k").map(hit -> List.of(second, hit))))
      .onComplete(test.succeeding(results -> test.verify(() -> {
        assertThat(results.get(0)).isInstanceOf(InsertOutcome.Inserted.class);
        Optional<IdempotencyHit> hit = cast(results.get(1));
        assertThat(hit).map(IdempotencyHit::requestId).contains("second");
        test.completeNow();
      })));
  }

  @Test
  void requestStartsExecutingOnlyOnce(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> Future.all(journal.markExecuting("r"), journal.markExecuting("r"))))
      .onComplete(test.succeeding(both -> test.verify(() -> {
        assertThat(List.of(both.<Boolean>resultAt(0), both.<Boolean>resultAt(1))).containsExactly(true, false);
        test.completeNow();
      })));
  }

  @Test
  void finishedRequestNeitherRestartsNorFinishesAgain(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.markExecuting("r"))
        .compose(executing -> journal.finish("r", RequestState.REJECTED, "SIZE_BELOW_MINIMUM", "too small"))
        .compose(rejected -> Future.all(journal.markExecuting("r"),
          journal.finish("r", RequestState.FILLED, null, null)))
        .compose(again -> journal.getRequest("r").map(detail -> List.of(again.list(), detail.orElseThrow()))))
      .onComplete(test.succeeding(results -> test.verify(() -> {
        assertThat(results.get(0)).isEqualTo(List.of(false, false));
        RequestRecord request = ((RequestDetail) results.get(1)).request();
        assertThat(request.state()).isEqualTo(RequestState.REJECTED);
        assertThat(request.errorCode()).isEqualTo("SIZE_BELOW_MINIMUM");
        assertThat(request.finishedAt()).isEqualTo(START);
        test.completeNow();
      })));
  }

  @Test
  void startingCountsTheFirstAttemptAndRetriesCountTheRest(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.markExecuting("r"))
        .compose(executing -> journal.recordAttempt("r"))
        .compose(first -> journal.recordAttempt("r"))
        .compose(second -> journal.getRequest("r")))
      .onComplete(test.succeeding(detail -> test.verify(() -> {
        assertThat(detail.orElseThrow().request().attempts()).isEqualTo(3);
        test.completeNow();
      })));
  }

  @Test
  void attemptIsRefusedForAQueuedRequest(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.recordAttempt("r")))
      .onComplete(test.failing(failure -> test.verify(() -> {
        assertThat(failure).isInstanceOf(JournalException.class).hasMessageContaining("is not executing");
        test.completeNow();
      })));
  }

  @Test
  void queuedRequestCanExpireWithoutStarting(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.finish("r", RequestState.EXPIRED, "SIGNAL_TOO_OLD", "older than 30s"))
        .compose(expired -> journal.markExecuting("r")))
      .onComplete(test.succeeding(started -> test.verify(() -> {
        assertThat(started).isFalse();
        test.completeNow();
      })));
  }

  @Test
  void unknownRequestDoesNotTransition(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.markExecuting("missing"))
      .onComplete(test.succeeding(started -> test.verify(() -> {
        assertThat(started).isFalse();
        test.completeNow();
      })));
  }

  @Test
  void orderIsRefusedForARequestThatIsNotExecuting(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.insertOrder(entry("r", 0, 5))))
      .onComplete(test.failing(failure -> test.verify(() -> {
        assertThat(failure).isInstanceOf(JournalException.class).hasMessageContaining("not executing");
        test.completeNow();
      })));
  }

  @Test
  void failedOperationLeavesTheOthersWritten(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.markExecuting("r"))
        .compose(executing -> Future.join(journal.insertOrder(entry("r", 0, 5)),
          journal.insertOrder(entry("r", 0, 6)), journal.insertOrder(entry("r", 1, 7))))
        .transform(joined -> journal.getRequest("r")))
      .onComplete(test.succeeding(detail -> test.verify(() -> {
        assertThat(detail.orElseThrow().orders()).extracting(row -> row.order().clientOrderIndex()).containsExactly(5L, 7L);
        test.completeNow();
      })));
  }

  @Test
  void finalOrderStateIsNotOverwritten(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.markExecuting("r"))
        .compose(executing -> journal.insertOrder(entry("r", 0, 5)))
        .compose(signed -> journal.updateOrder("r", 0, OrderUpdate.rejected("21739", "not enough margin")))
        .compose(rejected -> journal.updateOrder("r", 0, OrderUpdate.sent("0xdef")).map(sent -> List.of(rejected, sent)))
        .compose(updates -> journal.getRequest("r").map(detail -> List.of(updates, detail.orElseThrow()))))
      .onComplete(test.succeeding(results -> test.verify(() -> {
        assertThat(results.get(0)).isEqualTo(List.of(true, false));
        OrderRecord order = ((RequestDetail) results.get(1)).orders().get(0);
        assertThat(order.state()).isEqualTo(OrderState.REJECTED);
        assertThat(order.order().txHash()).isNull();
        assertThat(order.errorCode()).isEqualTo("21739");
        assertThat(order.order().side()).isEqualTo(Side.BUY);
        assertThat(order.toJson().getString("side")).isEqualTo("buy");
        test.completeNow();
      })));
  }

  @Test
  void listPagesNewestFirstWithCursorAndAccountFilter(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> insertSpaced(journal, 7)
        .compose(inserted -> journal.listRequests(new RequestQuery(null, 3, null)))
        .compose(first -> journal.listRequests(new RequestQuery(null, 3, first.next()))
          .compose(second -> journal.listRequests(new RequestQuery(null, 3, second.next()))
            .compose(third -> journal.listRequests(new RequestQuery(1L, 10, null))
              .map(accountOne -> List.of(first, second, third, accountOne))))))
      .onComplete(test.succeeding(pages -> test.verify(() -> {
        assertThat(ids(pages.get(0))).containsExactly("r6", "r5", "r4");
        assertThat(ids(pages.get(1))).containsExactly("r3", "r2", "r1");
        assertThat(ids(pages.get(2))).containsExactly("r0");
        assertThat(pages.get(2).next()).isNull();
        assertThat(ids(pages.get(3))).containsExactly("r5", "r3", "r1");
        test.completeNow();
      })));
  }

  @Test
  void cursorSeparatesRequestsCreatedInTheSameMillisecond(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> Future.all(journal.insertRequest(trade("a", 7, null, "0.5")),
          journal.insertRequest(trade("b", 7, null, "0.5")), journal.insertRequest(trade("c", 7, null, "0.5")))
        .compose(all -> journal.listRequests(new RequestQuery(7L, 2, null)))
        .compose(first -> journal.listRequests(new RequestQuery(7L, 2, RequestCursor.parse(first.next().encode())))
          .map(second -> List.of(first, second))))
      .onComplete(test.succeeding(pages -> test.verify(() -> {
        assertThat(ids(pages.get(0))).containsExactly("c", "b");
        assertThat(ids(pages.get(1))).containsExactly("a");
        test.completeNow();
      })));
  }

  @Test
  void claimingUnfinishedRequestsListsExecutingFirstThenQueuedOldestFirst(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> insertSpaced(journal, 10)
        .compose(inserted -> journal.markExecuting("r4"))
        .compose(executing -> journal.markExecuting("r8"))
        .compose(executing -> journal.finish("r8", RequestState.FILLED, null, null))
        .compose(finished -> journal.claimUnfinished(0, 1)))
      .onComplete(test.succeeding(requests -> test.verify(() -> {
        assertThat(requests).extracting(RequestRecord::requestId).containsExactly("r4", "r0", "r2", "r6");
        test.completeNow();
      })));
  }

  @Test
  void clientOrderIndexCounterNeverGoesBackwards(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.advanceClientOrderIndex(7, 10)
        .compose(ten -> journal.advanceClientOrderIndex(7, 4))
        .compose(four -> journal.insertRequest(trade("r", 7, null, "0.5")))
        .compose(inserted -> journal.markExecuting("r"))
        .compose(executing -> journal.insertOrder(entry("r", 0, 8)))
        .compose(lower -> journal.lastClientOrderIndex(7)))
      .onComplete(test.succeeding(last -> test.verify(() -> {
        assertThat(last).isEqualTo(OptionalLong.of(10));
        test.completeNow();
      })));
  }

  @Test
  void everyOrderPurposeIsJournaled(Vertx vertx, VertxTestContext test) {
    OrderPurpose[] purposes = OrderPurpose.values();
    NewOrder[] orders = new NewOrder[purposes.length];
    for (int ordinal = 0; ordinal < purposes.length; ordinal++) {
      orders[ordinal] = order("r", ordinal, purposes[ordinal], 20 + ordinal);
    }
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.markExecuting("r"))
        .compose(executing -> journal.insertOrder(orders))
        .compose(inserted -> journal.getRequest("r")))
      .onComplete(test.succeeding(detail -> test.verify(() -> {
        assertThat(detail.orElseThrow().orders()).extracting(row -> row.order().purpose()).containsExactly(purposes);
        test.completeNow();
      })));
  }

  @Test
  void placingAnOrderAdvancesTheCounterButModifyingOneDoesNot(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("r", 7, null, "0.5"))
        .compose(inserted -> journal.markExecuting("r"))
        .compose(executing -> journal.insertOrder(order("r", 0, OrderPurpose.STOP_LOSS_PLACE, 12)))
        .compose(placed -> journal.insertOrder(order("r", 1, OrderPurpose.STOP_LOSS_MODIFY, 281474976710655L)))
        .compose(modified -> journal.lastClientOrderIndex(7)))
      .onComplete(test.succeeding(last -> test.verify(() -> {
        assertThat(last).isEqualTo(OptionalLong.of(12));
        test.completeNow();
      })));
  }

  @Test
  void ownProtectiveOrdersAreThoseOfTheAccountInTheirMarket(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("mine", 7, null, "0.5"))
        .compose(inserted -> journal.insertRequest(trade("theirs", 8, null, "0.5")))
        .compose(inserted -> journal.markExecuting("mine"))
        .compose(executing -> journal.markExecuting("theirs"))
        .compose(executing -> journal.insertOrder(order("mine", 0, OrderPurpose.ENTRY, 1, 30),
          order("mine", 1, OrderPurpose.STOP_LOSS_PLACE, 1, 31), order("mine", 2, OrderPurpose.TAKE_PROFIT_PLACE, 1, 32),
          order("mine", 3, OrderPurpose.STOP_LOSS_PLACE, 1, 34)))
        .compose(inserted -> journal.insertOrder(order("theirs", 0, OrderPurpose.STOP_LOSS_PLACE, 1, 33)))
        .compose(inserted -> journal.ownStopLosses(7, List.of(new ClientOrderRef(1, 30), new ClientOrderRef(1, 31),
          new ClientOrderRef(1, 32), new ClientOrderRef(1, 33), new ClientOrderRef(2, 34)))))
      .onComplete(test.succeeding(own -> test.verify(() -> {
        assertThat(own).containsExactlyInAnyOrder(31L, 32L);
        test.completeNow();
      })));
  }

  @Test
  void aRequestsOrdersAreReadByOrdinalAndAnUnknownRequestHasNone(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.insertRequest(trade("mine", 7, null, "0.5"))
        .compose(inserted -> journal.markExecuting("mine"))
        .compose(executing -> journal.insertOrder(order("mine", 0, OrderPurpose.ENTRY, 1, 50),
          order("mine", 1, OrderPurpose.STOP_LOSS_PLACE, 1, 51)))
        .compose(inserted -> Future.all(journal.orders("mine"), journal.orders("unknown"))))
      .onComplete(test.succeeding(read -> test.verify(() -> {
        List<OrderRecord> mine = read.resultAt(0);
        assertThat(mine).extracting(row -> row.order().clientOrderIndex()).containsExactly(50L, 51L);
        assertThat(mine).extracting(row -> row.order().purpose())
          .containsExactly(OrderPurpose.ENTRY, OrderPurpose.STOP_LOSS_PLACE);
        assertThat(read.<List<OrderRecord>>resultAt(1)).isEmpty();
        test.completeNow();
      })));
  }

  @Test
  void marketsEnteredAreThoseWhereAnEntryOfTheAccountFilled(Vertx vertx, VertxTestContext test) {
    OrderUpdate filled = OrderUpdate.fill(OrderState.FILLED, new BigDecimal("0.5"), new BigDecimal("3000"), "filled");
    open(vertx).compose(journal -> journal.insertRequest(trade("mine", 7, null, "0.5"))
        .compose(inserted -> journal.insertRequest(trade("theirs", 8, null, "0.5")))
        .compose(inserted -> journal.markExecuting("mine"))
        .compose(executing -> journal.markExecuting("theirs"))
        .compose(executing -> journal.insertOrder(order("mine", 0, OrderPurpose.ENTRY, 1, 40),
          order("mine", 1, OrderPurpose.ENTRY, 2, 41), order("mine", 2, OrderPurpose.STOP_LOSS_PLACE, 4, 42)))
        .compose(inserted -> journal.insertOrder(order("theirs", 0, OrderPurpose.ENTRY, 3, 43)))
        .compose(inserted -> journal.updateOrder("mine", 0, filled))
        .compose(updated -> journal.updateOrder("mine", 2, filled))
        .compose(updated -> journal.updateOrder("theirs", 0, filled))
        .compose(updated -> journal.marketsEntered(7, List.of(1, 2, 3, 4))))
      .onComplete(test.succeeding(entered -> test.verify(() -> {
        assertThat(entered).as("2 never filled, 3 is another account's, 4 only a stop-loss").containsExactly(1);
        test.completeNow();
      })));
  }

  @Test
  void corruptFileIsRefused(Vertx vertx, VertxTestContext test) throws Exception {
    file.onlySqlite("a file is SQLite's");
    Files.write(file.dataDir().resolve(Journal.FILE_NAME), "this is not a database, only text pretending".repeat(200)
      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    open(vertx).onComplete(test.failing(failure -> test.verify(() -> {
      assertThat(failure).isInstanceOf(JournalException.class)
        .hasMessageContaining("not a readable SQLite database").hasMessageContaining("refusing to open");
      test.completeNow();
    })));
  }

  @Test
  void fileWithANewerSchemaIsRefused(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(Journal::close)
      .compose(closed -> {
        execute("INSERT INTO schema_version (version, applied_at) VALUES (" + (file.currentVersion() + 1) + ", 0)");
        return open(vertx);
      })
      .onComplete(test.failing(failure -> test.verify(() -> {
        assertThat(failure).isInstanceOf(JournalException.class)
          .hasMessageContaining("schema version " + (file.currentVersion() + 1)
            + ", newer than this build understands (" + file.currentVersion() + ")");
        test.completeNow();
      })));
  }

  @Test
  void foreignDatabaseIsRefused(Vertx vertx, VertxTestContext test) {
    execute("CREATE TABLE something_else (id INTEGER)");
    open(vertx).onComplete(test.failing(failure -> test.verify(() -> {
      assertThat(failure).isInstanceOf(JournalException.class).hasMessageContaining("no schema_version table");
      test.completeNow();
    })));
  }

  @Test
  void secondOpenOfAnOpenJournalIsRefused(Vertx vertx, VertxTestContext test) {
    file.onlySqlite("nodes share a PostgreSQL journal: PgJournalTest opens two");
    open(vertx).compose(first -> open(vertx)).onComplete(test.failing(failure -> test.verify(() -> {
      assertThat(failure).isInstanceOf(JournalException.class)
        .hasMessageContaining("already open in this service");
      test.completeNow();
    })));
  }

  @Test
  void journalLockedByAnotherInstanceIsRefused(Vertx vertx, VertxTestContext test) throws Exception {
    file.onlySqlite("the lock file is SQLite's; PgJournalTest holds PostgreSQL's lock from elsewhere");
    FileChannel channel = FileChannel.open(file.dataDir().resolve("journal.lock"), StandardOpenOption.CREATE,
      StandardOpenOption.WRITE);
    FileLock held = channel.lock();
    open(vertx).onComplete(test.failing(failure -> test.verify(() -> {
      held.release();
      channel.close();
      assertThat(failure).isInstanceOf(JournalException.class)
        .hasMessageContaining("already in use by another service instance");
      test.completeNow();
    })));
  }

  @Test
  void closedJournalRefusesWorkAsOutOfReachSoNothingIsReportedFailedForIt(Vertx vertx, VertxTestContext test) {
    open(vertx).compose(journal -> journal.close().compose(closed -> journal.insertRequest(trade("r", 7, null, "1"))))
      .onComplete(test.failing(failure -> test.verify(() -> {
        assertThat(failure).isInstanceOf(JournalException.class).hasMessage("journal is closed")
          .matches(JournalException::outOfReach, "out of reach");
        test.completeNow();
      })));
  }

  /** Requests r0..r(n-1) one millisecond apart, alternating between accounts 0 and 1. */
  private Future<Void> insertSpaced(Journal journal, int count) {
    Future<?> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      int index = i;
      chain = chain.compose(previous -> {
        clock.advance(Duration.ofMillis(1));
        return journal.insertRequest(trade("r" + index, index % 2, null, "0.5"));
      });
    }
    return chain.mapEmpty();
  }

  private static List<String> ids(RequestPage page) {
    return page.requests().stream().map(RequestRecord::requestId).toList();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  private String query(String sql) {
    return file.query(sql);
  }

  private int queued() {
    return Integer.parseInt(query("SELECT count(*) FROM requests WHERE state = 'queued'"));
  }

  private void execute(String sql) {
    file.execute(sql);
  }
}
