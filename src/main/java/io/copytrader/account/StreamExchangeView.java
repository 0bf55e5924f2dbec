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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the streams' local state while it is fresh and in sync, so a warm trade makes no REST read at all;
 * anything the streams cannot vouch for comes from REST.
 *
 * <p>When the stream did not show a fill in time and the account was read from REST instead, the streamed
 * positions are used only once they agree with what REST {@linkplain #settled reported}; if they
 * still disagree after {@link #SETTLE_WINDOW}, the stream is taken to carry a newer change (a stop-loss
 * trigger, a liquidation) and is trusted again. A market's streamed orders are likewise used only once they show
 * every change to them the caller {@linkplain #changedOrder confirmed} (or that order finished since), within
 * the same window, so a stream running behind never hides a stop-loss just placed. Used from one account's
 * context.
 */
public final class StreamExchangeView implements ExchangeView {

  static final Duration SETTLE_WINDOW = Duration.ofSeconds(5);

  private final LighterStream stream;
  private final ExchangeView rest;
  private final Map<Long, Settled> settled = new HashMap<>();
  private final Map<AccountMarket, List<Change>> changes = new HashMap<>();

  /** Signed position per market as REST reported it after a fill, and when. */
  private record Settled(Map<Long, BigDecimal> positions, long atNanos) {
  }

  private record AccountMarket(long accountIndex, int marketId) {
  }

  /** A confirmed change to one of a market's orders, and when it was confirmed. */
  private record Change(long orderIndex, long clientOrderIndex, Predicate<Order> shows, boolean goneSuffices,
                        long atNanos) {
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
  public Future<List<Order>> activeOrders(long accountIndex, int marketId) {
    Optional<List<Order>> streamed = stream.activeOrders(accountIndex, marketId);
    if (streamed.isEmpty()) {
      return rest.activeOrders(accountIndex, marketId);
    }
    return showsChanges(accountIndex, marketId, streamed.get())
      .compose(caughtUp -> caughtUp ? Future.succeededFuture(streamed.get()) : rest.activeOrders(accountIndex, marketId));
  }

  @Override
  public void changedOrder(long accountIndex, int marketId, long orderIndex, long clientOrderIndex,
                           Predicate<Order> shows, boolean goneSuffices) {
    changes.computeIfAbsent(new AccountMarket(accountIndex, marketId), key -> new ArrayList<>())
      .add(new Change(orderIndex, clientOrderIndex, shows, goneSuffices, System.nanoTime()));
  }

  /** Whether the streamed orders show every change still pending for the market; those they show are dropped. */
  private Future<Boolean> showsChanges(long accountIndex, int marketId, List<Order> live) {
    AccountMarket key = new AccountMarket(accountIndex, marketId);
    List<Change> pending = changes.get(key);
    if (pending == null) {
      return Future.succeededFuture(true);
    }
    long now = System.nanoTime();
    pending.removeIf(change -> now - change.atNanos() > SETTLE_WINDOW.toNanos());
    List<Change> checked = List.copyOf(pending);
    List<Future<Boolean>> checks = checked.stream().map(change -> shown(accountIndex, change, live)).toList();
    return Future.all(checks).map(done -> {
      for (int i = 0; i < checked.size(); i++) {
        if (checks.get(i).result()) {
          pending.remove(checked.get(i));
        }
      }
      if (pending.isEmpty()) {
        changes.remove(key);
      }
      return pending.isEmpty();
    });
  }

  private Future<Boolean> shown(long accountIndex, Change change, List<Order> live) {
    Optional<Order> streamed = live.stream().filter(order -> order.orderIndex() == change.orderIndex()).findFirst();
    if (streamed.isPresent()) {
      return Future.succeededFuture(change.shows().test(streamed.get()));
    }
    if (change.goneSuffices()) {
      return Future.succeededFuture(true);
    }
    if (change.clientOrderIndex() == 0) {
      return Future.succeededFuture(false);
    }
    return stream.order(accountIndex, change.clientOrderIndex()).map(known -> known.isPresent() && !known.get().live());
  }

  @Override
  public Future<Optional<DetailedAccount>> awaitAccount(long accountIndex, Predicate<DetailedAccount> shows,
                                                        Duration patience) {
    return stream.awaitAccount(accountIndex, shows, patience);
  }

  @Override
  public Future<Optional<List<Order>>> awaitActiveOrders(long accountIndex, int marketId,
                                                         Predicate<List<Order>> shows, Duration patience) {
    return stream.awaitActiveOrders(accountIndex, marketId, shows, patience);
  }

  @Override
  public Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                            Duration patience) {
    return stream.awaitOrder(accountIndex, clientOrderIndex, done, patience);
  }
}
