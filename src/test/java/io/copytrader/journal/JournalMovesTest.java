package io.copytrader.journal;

import static io.copytrader.journal.JournalFixtures.entry;
import static io.copytrader.journal.JournalFixtures.order;
import static io.copytrader.journal.JournalFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * Every move of a request and of an order, from every state to every other, through the journal: the journal checks
 * a move in the statement that makes it, so what it stores must be exactly what the state machines allow.
 */
class JournalMovesTest extends OnEitherStore {

  private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");

  @Override
  Instant start() {
    return START;
  }

  /** One move tried: whether the journal said it moved and the state it then held. */
  private record Move<S>(S from, S to, boolean moved, S stored) {
  }

  @Test
  void everyOrderMoveIsStoredExactlyWhereTheOrderStatesAllowIt(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    List<OrderState> states = List.of(OrderState.values());

    List<Move<OrderState>> moves = tryEvery(states, states, (from, to) -> orderMove(journal, from, to));

    assertStoredExactlyWhereAllowed(moves, states.size() * states.size(), OrderState::canMoveTo);
  }

  @Test
  void everyRequestMoveIsStoredExactlyWhereTheRequestStatesAllowIt(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    List<RequestState> states = List.of(RequestState.values());
    List<RequestState> targets = states.stream().filter(to -> to != RequestState.QUEUED).toList();

    List<Move<RequestState>> moves = tryEvery(states, targets, (from, to) -> requestMove(journal, from, to));

    assertStoredExactlyWhereAllowed(moves, states.size() * targets.size(), RequestState::canMoveTo);
  }

  /** Each move from each of {@code froms} to each of {@code tos}, one after the other. */
  private static <S> List<Move<S>> tryEvery(List<S> froms, List<S> tos, BiFunction<S, S, Future<Move<S>>> move) {
    List<Move<S>> moves = new ArrayList<>();
    for (S from : froms) {
      for (S to : tos) {
        moves.add(move.apply(from, to).await());
      }
    }
    return moves;
  }

  private static <S> void assertStoredExactlyWhereAllowed(List<Move<S>> moves, int count, BiPredicate<S, S> allowed) {
    assertThat(moves).hasSize(count);
    for (Move<S> move : moves) {
      boolean may = allowed.test(move.from(), move.to());
      assertThat(move.moved()).as("%s -> %s", move.from(), move.to()).isEqualTo(may);
      assertThat(move.stored()).as("%s -> %s", move.from(), move.to()).isEqualTo(may ? move.to() : move.from());
    }
  }

  @Test
  void aRequestTakenInStartedIsExecutingWithItsFirstAttemptAndDoesNotStartAgain(Vertx vertx) {
    Journal journal = file.open(vertx).await();

    RequestRecord taken = journal.insertRequestStaged(trade("now", 7, null, "0.5"), 1, true).committed().await()
      .request();

    assertThat(taken.state()).isEqualTo(RequestState.EXECUTING);
    assertThat(taken.attempts()).isEqualTo(1);
    assertThat(taken.startedAt()).isEqualTo(START).isEqualTo(taken.createdAt());
    assertThat(journal.markExecuting("now").await()).isFalse();
    journal.insertOrder(entry("now", 0, 5)).await();
    RequestRecord stored = journal.getRequest("now").await().orElseThrow().request();
    assertThat(stored.state()).isEqualTo(RequestState.EXECUTING);
    assertThat(stored.attempts()).isEqualTo(1);
    assertThat(stored.startedAt()).isEqualTo(START);
  }

  @Test
  void aRequestTakenInUnstartedWaitsQueued(Vertx vertx) {
    Journal journal = file.open(vertx).await();

    RequestRecord taken = journal.insertRequestStaged(trade("later", 7, null, "0.5"), 1, false).committed().await()
      .request();

    assertThat(taken.state()).isEqualTo(RequestState.QUEUED);
    assertThat(taken.attempts()).isZero();
    assertThat(taken.startedAt()).isNull();
    assertThat(journal.markExecuting("later").await()).isTrue();
  }

  @Test
  void oneOutcomeOnSeveralOrdersMovesEachThatMayAndIsTrueOnlyWhenAllMoved(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    journal.insertRequest(trade("g", 7, null, "0.5")).await();
    journal.markExecuting("g").await();
    journal.insertOrder(entry("g", 0, 5), order("g", 1, OrderPurpose.STOP_LOSS_PLACE, 6),
      order("g", 2, OrderPurpose.TAKE_PROFIT_PLACE, 7)).await();

    boolean allSent = journal.updateOrders("g", List.of(0, 1), OrderUpdate.sent("0xabc")).await();
    journal.updateOrder("g", 2, OrderUpdate.rejected("21739", "not enough margin")).await();
    boolean allAccepted = journal.updateOrders("g", List.of(0, 1, 2), update(OrderState.ACCEPTED)).await();

    assertThat(List.of(allSent, allAccepted)).containsExactly(true, false);
    assertThat(journal.orders("g").await()).extracting(OrderRecord::state)
      .containsExactly(OrderState.ACCEPTED, OrderState.ACCEPTED, OrderState.REJECTED);
  }

  /** An order signed, brought to {@code from} (every state is reachable from signed), then moved to {@code to}. */
  private static Future<Move<OrderState>> orderMove(Journal journal, OrderState from, OrderState to) {
    String id = "o-" + from.wire() + "-" + to.wire();
    return journal.insertRequest(trade(id, 7, null, "0.5"))
      .compose(inserted -> journal.markExecuting(id))
      .compose(executing -> journal.insertOrder(entry(id, 0, 5)))
      .compose(signed -> from == OrderState.SIGNED ? Future.succeededFuture(true)
        : journal.updateOrder(id, 0, update(from)))
      .compose(atFrom -> {
        assertThat(atFrom).as("signed -> %s", from).isTrue();
        return journal.updateOrder(id, 0, update(to));
      })
      .compose(moved -> journal.orders(id).map(orders -> new Move<>(from, to, moved, orders.get(0).state())));
  }

  private static OrderUpdate update(OrderState state) {
    return new OrderUpdate(state, null, null, null, "status " + state.name().toLowerCase(Locale.ROOT), null, null);
  }

  /** A request brought to {@code from} by the journal's own moves, then moved to {@code to}. */
  private static Future<Move<RequestState>> requestMove(Journal journal, RequestState from, RequestState to) {
    String id = "r-" + from.wire() + "-" + to.wire();
    Future<Boolean> atFrom = journal.insertRequest(trade(id, 7, null, "0.5")).map(true);
    if (from != RequestState.QUEUED) {
      atFrom = atFrom.compose(queued -> journal.markExecuting(id));
    }
    if (from.isFinal()) {
      atFrom = atFrom.compose(executing -> journal.finish(id, from, "CODE", "ended"));
    }
    return atFrom.compose(reached -> {
      assertThat(reached).as("queued -> %s", from).isTrue();
      return to == RequestState.EXECUTING ? journal.markExecuting(id) : journal.finish(id, to, "CODE", "ended");
    }).compose(moved -> journal.getRequest(id).map(detail -> new Move<>(from, to, moved,
      detail.orElseThrow().request().state())));
  }
}
