package io.copytrader.account;

import io.copytrader.lighter.Order;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Follows one order by its client order index until it reaches the state the caller waits for: through the
 * account's order stream when the view follows it, else (or when the stream has not delivered within
 * {@link #STREAM_PATIENCE}) by polling REST with a growing interval, giving up at a deadline: the wait is
 * bounded and never a fixed sleep.
 */
final class OrderWatcher {

  private static final long FIRST_POLL_MS = 25;
  private static final long MAX_POLL_MS = 500;
  /** Fills arrive on the stream in milliseconds; one missing after this long is looked up on REST instead. */
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
      .accountOrders(session.accountIndex(), List.of(clientOrderIndex), session.authToken())
      .map(page -> page.orders().stream().filter(order -> order.clientOrderIndex() == clientOrderIndex).findFirst());
  }

  /** The order once {@code done} holds for it; empty if the deadline passes first. */
  Future<Optional<Order>> await(long clientOrderIndex, Predicate<Order> done, Duration timeout) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    Duration patience = timeout.compareTo(STREAM_PATIENCE) < 0 ? timeout : STREAM_PATIENCE;
    return view.awaitOrder(session.accountIndex(), clientOrderIndex, done, patience)
      .recover(streamFailure -> Future.succeededFuture(Optional.empty()))
      .compose(streamed -> streamed.isPresent() ? Future.succeededFuture(streamed)
        : poll(clientOrderIndex, done, deadline, FIRST_POLL_MS));
  }

  private Future<Optional<Order>> poll(long clientOrderIndex, Predicate<Order> done, long deadline, long delay) {
    return find(clientOrderIndex)
      .recover(lookupFailure -> Future.succeededFuture(Optional.empty()))
      .compose(order -> {
        if (order.isPresent() && done.test(order.get())) {
          return Future.succeededFuture(order);
        }
        long remaining = deadline - System.currentTimeMillis();
        if (remaining <= 0) {
          return Future.succeededFuture(Optional.empty());
        }
        long wait = Math.min(delay, remaining);
        return Pause.of(vertx, wait)
          .compose(elapsed -> poll(clientOrderIndex, done, deadline, Math.min(delay * 2, MAX_POLL_MS)));
      });
  }

  static boolean finished(Order order) {
    return !order.live();
  }
}
