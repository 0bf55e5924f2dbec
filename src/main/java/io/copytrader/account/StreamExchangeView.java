package io.copytrader.account;

import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterStream;
import io.copytrader.lighter.Order;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the streams' local state while it is fresh and in sync, so a warm trade makes no REST read before
 * its order leaves; anything the streams cannot vouch for comes from REST.
 *
 * <p>Lighter does not promise that a fill's position frame arrives before REST shows the fill, so after a fill
 * the streamed positions are used only once they agree with what REST {@linkplain #settled reported}; if they
 * still disagree after {@link #SETTLE_WINDOW}, the stream is taken to carry a newer change (a stop-loss
 * trigger, a liquidation) and is trusted again. Used from one account's context.
 */
public final class StreamExchangeView implements ExchangeView {

  static final Duration SETTLE_WINDOW = Duration.ofSeconds(5);

  private final LighterStream stream;
  private final ExchangeView rest;
  private final Map<Long, Settled> settled = new HashMap<>();

  /** Signed position per market as REST reported it after a fill, and when. */
  private record Settled(Map<Long, BigDecimal> positions, long atNanos) {
  }

  public StreamExchangeView(LighterStream stream, ExchangeView rest) {
    this.stream = stream;
    this.rest = rest;
  }

  @Override
  public Future<BookTop> bookTop(Market market) {
    return stream.bookTop(market.marketId())
      .map(Future::succeededFuture)
      .orElseGet(() -> rest.bookTop(market));
  }

  @Override
  public Future<DetailedAccount> account(long accountIndex) {
    return stream.account(accountIndex).filter(streamed -> caughtUp(accountIndex, streamed))
      .map(Future::succeededFuture).orElseGet(() -> rest.account(accountIndex));
  }

  @Override
  public void settled(DetailedAccount account) {
    settled.put(account.index(), new Settled(signedPositions(account), System.nanoTime()));
  }

  private boolean caughtUp(long accountIndex, DetailedAccount streamed) {
    Settled fence = settled.get(accountIndex);
    if (fence == null) {
      return true;
    }
    if (System.nanoTime() - fence.atNanos() > SETTLE_WINDOW.toNanos()
      || fence.positions().equals(signedPositions(streamed))) {
      settled.remove(accountIndex);
      return true;
    }
    return false;
  }

  /** Open positions only, sizes without trailing zeros, so "1.50" and "1.5" agree. */
  private static Map<Long, BigDecimal> signedPositions(DetailedAccount account) {
    Map<Long, BigDecimal> positions = new HashMap<>();
    for (AccountPosition position : account.openPositions()) {
      positions.put(position.marketId(), position.signedPosition().stripTrailingZeros());
    }
    return positions;
  }

  @Override
  public Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                            Duration patience) {
    return stream.awaitOrder(accountIndex, clientOrderIndex, done, patience);
  }
}
