package io.copytrader.account;

import io.copytrader.lighter.Order;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Follows an order by its client order index, or a market's live orders, until they reach the state the caller
 * waits for: through the account's order stream when the view follows it, else (or when the stream has not
 * delivered within {@link #STREAM_PATIENCE}) by polling REST with a growing interval, giving up at a deadline:
 * the wait is bounded and never a fixed sleep.
 */
final class OrderWatcher {

  private static final long FIRST_POLL_MS = 25;
  private static final long MAX_POLL_MS = 500;
  /** Changes arrive on the stream in milliseconds; one missing after this long is looked up on REST instead. */
  static final Duration STREAM_PATIENCE = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final ExchangeSession session;
  private final ExchangeView view;

  OrderWatcher(Vertx vertx, ExchangeSession session, ExchangeView view) {
    this.vertx = vertx;
    this.session = session;
    this.view = view;
  }

  /** The order with this client order index, if the exchange has it now. */
  Future<Optional<Order>> find(long clientOrderIndex) {
    return session.lighter()
      .accountOrders(session.accountIndex(), List.of(clientOrderIndex), session::authToken)
      .map(page -> page.orders().stream().filter(order -> order.clientOrderIndex() == clientOrderIndex).findFirst());
  }

  /** The order once {@code done} holds for it; empty if the deadline passes first. */
  Future<Optional<Order>> await(long clientOrderIndex, Predicate<Order> done, Duration timeout) {
    return streamThenPoll(patience -> view.awaitOrder(session.accountIndex(), clientOrderIndex, done, patience),
      () -> find(clientOrderIndex), done, timeout);
  }

  /** The market's live orders once {@code shows} holds for them; empty if the deadline passes first. */
  Future<Optional<List<Order>>> awaitActiveOrders(int marketId, Predicate<List<Order>> shows, Duration timeout) {
    return streamThenPoll(patience -> view.awaitActiveOrders(session.accountIndex(), marketId, shows, patience),
      () -> session.lighter().accountActiveOrders(session.accountIndex(), marketId, session::authToken)
        .map(page -> Optional.of(page.orders())),
      shows, timeout);
  }

  private <T> Future<Optional<T>> streamThenPoll(Function<Duration, Future<Optional<T>>> streamed,
                                                 Supplier<Future<Optional<T>>> lookup, Predicate<T> done,
                                                 Duration timeout) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    Duration patience = timeout.compareTo(STREAM_PATIENCE) < 0 ? timeout : STREAM_PATIENCE;
    return streamed.apply(patience)
      .recover(streamFailure -> Future.succeededFuture(Optional.empty()))
      .compose(found -> found.isPresent() ? Future.succeededFuture(found)
        : poll(lookup, done, deadline, FIRST_POLL_MS));
  }

  private <T> Future<Optional<T>> poll(Supplier<Future<Optional<T>>> lookup, Predicate<T> done, long deadline,
                                       long delay) {
    return lookup.get()
      .recover(lookupFailure -> Future.succeededFuture(Optional.empty()))
      .compose(found -> {
        if (found.isPresent() && done.test(found.get())) {
          return Future.succeededFuture(found);
        }
        long remaining = deadline - System.currentTimeMillis();
        if (remaining <= 0) {
          return Future.succeededFuture(Optional.empty());
        }
        long wait = Math.min(delay, remaining);
        return Pause.of(vertx, wait)
          .compose(elapsed -> poll(lookup, done, deadline, Math.min(delay * 2, MAX_POLL_MS)));
      });
  }

  static boolean finished(Order order) {
    return !order.live();
  }
}
