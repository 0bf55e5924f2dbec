package io.copytrader.account;

import io.copytrader.lighter.AccountChannel;
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
 * <p>Freshness is per channel ({@code ChannelLiveness} in the lighter package): the order books can keep the
 * connection busy while an account's private channels have stalled, and those channels send only on change, so
 * their silence proves nothing. What proves them behind is a change REST shows and they do not; this view is
 * where such changes become known, and it marks the channels that missed one as owing it
 * ({@link LighterStream#owe}). An owing channel serves nothing until it delivers a frame or a REST read agrees
 * with it ({@link LighterStream#vouch}): positions agree when the open positions are equal, equity when the
 * collateral is.
 *
 * <p>When the stream did not show a fill in time and the account was read from REST instead, the streamed
 * positions are used only once they agree with what REST {@linkplain #settled reported}; the positions and
 * equity channels owe the fill until then. If they still disagree {@link #SETTLE_WINDOW} after the fill
 * although the positions channel has delivered frames since, the stream is taken to carry a newer change (a
 * stop-loss trigger, a liquidation) and is trusted again; time alone never restores trust in a silent channel.
 * A market's streamed orders are likewise used only once they show every change to them the caller
 * {@linkplain #changedOrder confirmed} (or that order finished since); a change still unshown after the window
 * leaves the orders channel owing a frame, so a stream running behind never hides a stop-loss just placed. Used
 * from one account's context.
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
      .map(Future::succeededFuture).orElseGet(() -> rest.account(accountIndex).onSuccess(this::compare));
  }

  @Override
  public void settled(DetailedAccount account) {
    settled.put(account.index(), new Settled(signedPositions(account), System.nanoTime()));
    compare(account);
  }

  /**
   * Compares a REST read with what the account's channels hold: a channel that agrees is vouched for, one that
   * disagrees owes the change. Only positions and collateral are compared; the rest of the equity moves with
   * prices between any two reads.
   */
  private void compare(DetailedAccount read) {
    long accountIndex = read.index();
    Optional<DetailedAccount> streamed = stream.accountAsStreamed(accountIndex);
    if (streamed.isEmpty()) {
      return;
    }
    if (signedPositions(streamed.get()).equals(signedPositions(read))) {
      // Caught up with this read, so with any older one the fence holds.
      settled.remove(accountIndex);
      stream.vouch(accountIndex, AccountChannel.POSITIONS);
    } else {
      stream.owe(accountIndex, AccountChannel.POSITIONS);
    }
    if (sameAmount(streamed.get().collateral(), read.collateral())) {
      stream.vouch(accountIndex, AccountChannel.STATS);
    } else {
      stream.owe(accountIndex, AccountChannel.STATS);
    }
  }

  private static boolean sameAmount(BigDecimal streamed, BigDecimal read) {
    return streamed != null && read != null && streamed.compareTo(read) == 0;
  }

  private boolean caughtUp(long accountIndex, DetailedAccount streamed) {
    Settled fence = settled.get(accountIndex);
    if (fence == null) {
      return true;
    }
    boolean newerChange = System.nanoTime() - fence.atNanos() > SETTLE_WINDOW.toNanos()
      && stream.heardSince(accountIndex, AccountChannel.POSITIONS, fence.atNanos());
    if (newerChange || fence.positions().equals(signedPositions(streamed))) {
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
    List<Change> checked = List.copyOf(pending);
    List<Future<Boolean>> checks = checked.stream().map(change -> shown(accountIndex, change, live)).toList();
    return Future.all(checks).map(done -> {
      boolean missed = false;
      for (int i = 0; i < checked.size(); i++) {
        Change change = checked.get(i);
        if (checks.get(i).result()) {
          pending.remove(change);
        } else if (now - change.atNanos() > SETTLE_WINDOW.toNanos()) {
          pending.remove(change);
          missed = true;
        }
      }
      if (missed) {
        // The channel did not show a confirmed change within the window: it is behind until it delivers a frame.
        stream.owe(accountIndex, AccountChannel.ORDERS);
      }
      if (pending.isEmpty()) {
        changes.remove(key);
      }
      return pending.isEmpty() && !missed;
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
