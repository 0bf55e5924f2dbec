package io.copytrader.account;

import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.TradingApi;
import io.copytrader.lighter.Order;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Every read a REST request; nothing is followed, so callers poll. */
public final class RestExchangeView implements ExchangeView {

  private final TradingApi lighter;
  private final Supplier<String> authToken;

  /** @param authToken a fresh auth token of the account, for its orders */
  public RestExchangeView(TradingApi lighter, Supplier<String> authToken) {
    this.lighter = lighter;
    this.authToken = authToken;
  }

  @Override
  public Future<BookTop> bookTop(Market market) {
    return lighter.orderBookOrders(market.marketId(), 1)
      .map(orders -> new BookTop(orders.bestBid().orElse(null), orders.bestAsk().orElse(null)));
  }

  @Override
  public Future<DetailedAccount> account(long accountIndex) {
    return lighter.account(accountIndex);
  }

  @Override
  public Future<List<Order>> activeOrders(long accountIndex, int marketId) {
    return lighter.accountActiveOrders(accountIndex, marketId, authToken).map(page -> page.orders());
  }

  @Override
  public Future<Optional<DetailedAccount>> awaitAccount(long accountIndex, Predicate<DetailedAccount> shows,
                                                        Duration patience) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<Optional<List<Order>>> awaitActiveOrders(long accountIndex, int marketId,
                                                         Predicate<List<Order>> shows, Duration patience) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                            Duration patience) {
    return Future.succeededFuture(Optional.empty());
  }
}
