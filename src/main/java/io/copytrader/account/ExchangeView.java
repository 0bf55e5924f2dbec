package io.copytrader.account;

import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.Order;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the executor reads from the exchange, and how it learns that an order is done or a fill has reached the
 * account: from the streams while they are fresh, from REST otherwise ({@link RestExchangeView},
 * {@link StreamExchangeView}).
 */
public interface ExchangeView {

  /** The market's best bid and ask. */
  Future<BookTop> bookTop(Market market);

  /** The account's balances and positions. */
  Future<DetailedAccount> account(long accountIndex);

  /** The account's live orders in the market, whoever placed them. */
  Future<List<Order>> activeOrders(long accountIndex, int marketId);

  /**
   * The account once {@code shows} holds for it, if the view follows the account as it changes; empty when it
   * does not (or stops doing so, or {@code patience} passes), so the caller reads REST instead.
   */
  Future<Optional<DetailedAccount>> awaitAccount(long accountIndex, Predicate<DetailedAccount> shows,
                                                 Duration patience);

  /** The market's live orders once {@code shows} holds for them; empty as {@link #awaitAccount} is. */
  Future<Optional<List<Order>>> awaitActiveOrders(long accountIndex, int marketId, Predicate<List<Order>> shows,
                                                  Duration patience);

  /**
   * The order once {@code done} holds for it, if the view follows the account's orders as they change; empty
   * when it does not (or stops doing so, or {@code patience} passes), so the caller polls REST instead.
   */
  Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                     Duration patience);

  /**
   * A change to one of the market's orders the caller made and saw confirmed. A view fed by another channel must
   * not answer {@link #activeOrders} with orders older than that change, so it falls back to REST until its own
   * show the order as {@code shows} accepts it, or finished since (or, when {@code goneSuffices}, just gone).
   *
   * @param clientOrderIndex the order's client order index, 0 when it was placed without one
   */
  default void changedOrder(long accountIndex, int marketId, long orderIndex, long clientOrderIndex,
                            Predicate<Order> shows, boolean goneSuffices) {
  }

  /**
   * The account as REST reported it after a fill. A view fed by another channel must not answer with positions
   * older than these, so it falls back to REST until its own state agrees.
   */
  default void settled(DetailedAccount account) {
  }
}
