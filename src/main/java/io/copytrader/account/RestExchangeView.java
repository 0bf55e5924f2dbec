package io.copytrader.account;

import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.Order;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Every read a REST request; orders are not followed, so their state is polled. */
public final class RestExchangeView implements ExchangeView {

  private final LighterClient lighter;

  public RestExchangeView(LighterClient lighter) {
    this.lighter = lighter;
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
  public Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                            Duration patience) {
    return Future.succeededFuture(Optional.empty());
  }
}
