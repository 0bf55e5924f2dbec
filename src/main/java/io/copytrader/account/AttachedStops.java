package io.copytrader.account;

import io.copytrader.journal.Journal;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.OrderState;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stop-losses a request attached to its entry ({@link AttachedStopLoss}), as the exchange shows them once armed:
 * what the keeper counts beside the market's live orders, which may not show them yet (a lookup that lags behind
 * the fill, a child armed a moment after it). Without this a lagging read would show the position without its
 * attached stop-loss and a second one would be placed beside it. Each is looked up by its client order index, from
 * the request's journal rows, so a request resumed after a restart finds its own too.
 */
final class AttachedStops {

  private final Journal journal;
  private final OrderWatcher watcher;
  private final Duration patience;

  AttachedStops(Journal journal, OrderWatcher watcher, Duration patience) {
    this.journal = journal;
    this.watcher = watcher;
    this.patience = patience;
  }

  /**
   * The request's attached stop-losses and take-profits (an OTOCO's) that are live and armed, each waited for until
   * it shows armed or ended (within the patience); one that does not show is left out, to the protection runs.
   */
  Future<List<Order>> armed(String requestId) {
    return journal.orders(requestId).compose(rows -> {
      // A group whose entry row was closed as rejected (refused, re-signed, or proved never applied) applied nothing.
      Set<String> applied = rows.stream().filter(row -> row.order().purpose() == OrderPurpose.ENTRY
        && row.state() != OrderState.REJECTED).map(row -> row.order().txHash()).collect(Collectors.toSet());
      List<Long> indexes = rows.stream()
        .filter(row -> (row.order().purpose() == OrderPurpose.STOP_LOSS_PLACE
          || row.order().purpose() == OrderPurpose.TAKE_PROFIT_PLACE)
          && row.order().txType() == CreateGroupedOrdersTx.TX_TYPE && applied.contains(row.order().txHash()))
        .map(row -> row.order().clientOrderIndex()).distinct().toList();
      List<Order> armed = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (long index : indexes) {
        // An ended child (cancelled with a parent that filled in part) keeps the trigger status it had: done too.
        chain = chain.compose(previous -> watcher.await(index,
            order -> !order.live() || !StopLossOrders.awaitsParent(order), patience)
          .otherwise(Optional.empty())
          .map(shown -> {
            shown.filter(order -> order.live() && !StopLossOrders.awaitsParent(order)).ifPresent(armed::add);
            return null;
          }));
      }
      return chain.map(done -> List.copyOf(armed));
    }).otherwise(List.of());
  }

  /** {@code read} (the market's own live stop-losses) with those of {@code attached} it does not show yet. */
  static List<Order> with(List<Order> read, List<Order> attached) {
    return Stream.concat(read.stream(), attached.stream()
      .filter(armed -> read.stream().noneMatch(order -> order.orderIndex() == armed.orderIndex()))).toList();
  }
}
