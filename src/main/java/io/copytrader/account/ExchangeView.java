package io.copytrader.account;

import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.Order;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the executor reads from the exchange before it sends an order, and how it learns that an order is done:
 * from the streams while they are fresh, from REST otherwise ({@link RestExchangeView},
 * {@link StreamExchangeView}).
 */
public interface ExchangeView {

  /** The market's best bid and ask. */
  Future<BookTop> bookTop(Market market);

  /** The account's balances and positions. */
  Future<DetailedAccount> account(long accountIndex);

  /**
   * The order once {@code done} holds for it, if the view follows the account's orders as they change; empty
   * when it does not (or stops doing so, or {@code patience} passes), so the caller polls REST instead.
   */
  Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                     Duration patience);

  /**
   * The account as REST reported it after a fill. A view fed by another channel must not answer with positions
   * older than these, so it falls back to REST until its own state agrees.
   */
  default void settled(DetailedAccount account) {
  }
}
