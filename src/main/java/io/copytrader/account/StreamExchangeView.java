package io.copytrader.account;

import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterStream;
import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the streams' local state while it is fresh and in sync, so a warm trade makes no REST read before
 * its order leaves; anything the streams cannot vouch for comes from REST.
 */
public final class StreamExchangeView implements ExchangeView {

  private final LighterStream stream;
  private final ExchangeView rest;

  public StreamExchangeView(LighterStream stream, ExchangeView rest) {
    this.stream = stream;
    this.rest = rest;
  }

  @Override
  public Future<BookTop> bookTop(Market market) {
    return stream.bookTop(market.marketId())
      .map(top -> Future.succeededFuture(new BookTop(top.bestBid(), top.bestAsk())))
      .orElseGet(() -> rest.bookTop(market));
  }

  @Override
  public Future<DetailedAccount> account(long accountIndex) {
    return stream.account(accountIndex).map(Future::succeededFuture).orElseGet(() -> rest.account(accountIndex));
  }

  @Override
  public Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                            Duration patience) {
    return stream.awaitOrder(accountIndex, clientOrderIndex, done, patience);
  }
}
