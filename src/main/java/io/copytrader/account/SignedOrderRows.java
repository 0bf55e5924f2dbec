package io.copytrader.account;

import io.copytrader.journal.Journal;
import io.copytrader.journal.NewOrder;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.lighter.LighterErrorCodes;
import io.vertx.core.Future;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The journal rows of one order's signed transactions. {@link ExchangeSession#send} journals each transaction
 * before it leaves and, after a 21104, re-signs with a fresh nonce and journals again: the replacement is a new
 * row under a new ordinal (same client order index), and the refused one is closed as rejected, since the
 * exchange applied nothing for it.
 */
final class SignedOrderRows {

  private final Journal journal;
  private final String requestId;
  private final IntSupplier ordinals;
  private int current = -1;

  SignedOrderRows(Journal journal, String requestId, IntSupplier ordinals) {
    this.journal = journal;
    this.requestId = requestId;
    this.ordinals = ordinals;
  }

  /** Journals the next signed transaction, its row built for the ordinal it is given. */
  Future<Void> record(IntFunction<NewOrder> row) {
    Future<?> refused = current < 0 ? Future.succeededFuture()
      : journal.updateOrder(requestId, current, OrderUpdate.rejected("LIGHTER_" + LighterErrorCodes.INVALID_NONCE,
        "invalid nonce: re-signed with the exchange's next nonce"));
    return refused.compose(closed -> {
      current = ordinals.getAsInt();
      return journal.insertOrder(row.apply(current));
    });
  }

  /** The ordinal of the transaction sent last, whose outcome the caller records. */
  int ordinal() {
    return current;
  }
}
