package io.copytrader.account;

import io.copytrader.journal.Journal;
import io.copytrader.journal.NewOrder;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.lighter.LighterErrorCodes;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The journal rows of one order's signed transactions (of a grouped transaction, one row per order it makes).
 * {@link ExchangeSession#send} journals each transaction before it leaves and, after a 21104, re-signs with a fresh
 * nonce and journals again: the replacement is a new row under a new ordinal (same client order index), and the
 * refused one is closed as rejected, since the exchange applied nothing for it.
 */
final class SignedOrderRows {

  private final Journal journal;
  private final String requestId;
  private final IntSupplier ordinals;
  /** The ordinals of the transaction journaled last, one per order it makes; empty before one is. */
  private List<Integer> current = List.of();

  SignedOrderRows(Journal journal, String requestId, IntSupplier ordinals) {
    this.journal = journal;
    this.requestId = requestId;
    this.ordinals = ordinals;
  }

  /**
   * Journals the next signed transaction, one row per order it makes (a grouped transaction makes several), each
   * built for the ordinal it is given, all in one journal write: a group's entry row never stands without its
   * attached stop-loss's, which is what makes that stop-loss the service's own (a stop interrupted between the two
   * rows would otherwise leave bytes a restart re-sends, whose child no count of the service's stop-losses knows).
   */
  Future<Void> record(List<IntFunction<NewOrder>> rows) {
    Future<?> refused = update(OrderUpdate.rejected("LIGHTER_" + LighterErrorCodes.INVALID_NONCE,
      "invalid nonce: re-signed with the exchange's next nonce"));
    return refused.compose(closed -> {
      List<Integer> assigned = new ArrayList<>();
      List<NewOrder> orders = new ArrayList<>();
      for (IntFunction<NewOrder> row : rows) {
        int ordinal = ordinals.getAsInt();
        assigned.add(ordinal);
        orders.add(row.apply(ordinal));
      }
      current = List.copyOf(assigned);
      return journal.insertOrder(orders.toArray(NewOrder[]::new));
    });
  }

  /** Records {@code update} on every row of the transaction journaled last, in one journal write. */
  Future<Boolean> update(OrderUpdate update) {
    return current.isEmpty() ? Future.succeededFuture(true) : journal.updateOrders(requestId, current, update);
  }

  /** The ordinal of the first order of the transaction sent last (a group's entry), whose fate the caller follows. */
  int ordinal() {
    return current.isEmpty() ? -1 : current.get(0);
  }
}
