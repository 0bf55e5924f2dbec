package io.copytrader.lighter;

import io.copytrader.market.BookTop;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The books and accounts {@link LighterStream}'s channels built on the current connection, with the liveness of
 * each channel. The local books and accounts are confined to the stream's context; other contexts read the
 * immutable snapshots published from them after each frame.
 */
final class StreamState {

  final ChannelLiveness liveness = new ChannelLiveness();

  private final Map<Integer, LocalBook> books = new HashMap<>();
  private final Map<Long, LocalAccount> accounts = new HashMap<>();
  private final Map<Integer, BookTop> publishedTops = new ConcurrentHashMap<>();
  private final Map<Long, DetailedAccount> publishedAccounts = new ConcurrentHashMap<>();
  private final Map<Long, List<Order>> publishedLiveOrders = new ConcurrentHashMap<>();

  /** The liveness key of a market's book channel, as Lighter names it in frames. */
  static String bookKey(int marketId) {
    return ChannelLiveness.key("order_book", marketId);
  }

  // ----- on the stream's context

  /** The market's book is being subscribed: it starts empty and stale until its snapshot. */
  void subscribingBook(int marketId) {
    books.put(marketId, new LocalBook());
    liveness.subscribed(bookKey(marketId));
  }

  /** The market's book is being subscribed again: out of sync and unread until its new snapshot. */
  void resubscribingBook(int marketId, LocalBook local) {
    local.synced = false;
    liveness.subscribed(bookKey(marketId));
    publishedTops.remove(marketId);
  }

  /** The account is followed on this connection: it starts empty, its channels out of sync. */
  void following(long accountIndex) {
    accounts.put(accountIndex, new LocalAccount());
  }

  /** The market's book, when it is followed on this connection. */
  LocalBook book(int marketId) {
    return books.get(marketId);
  }

  /** The account as its channels built it, when it is followed on this connection. */
  LocalAccount localAccount(long accountIndex) {
    return accounts.get(accountIndex);
  }

  void publishTop(int marketId, LocalBook local) {
    BigDecimal bid = local.bids.isEmpty() ? null : local.bids.firstKey();
    BigDecimal ask = local.asks.isEmpty() ? null : local.asks.firstKey();
    if (bid == null && ask == null) {
      publishedTops.remove(marketId);
    } else {
      publishedTops.put(marketId, new BookTop(bid, ask));
    }
  }

  /** Publishes the account once both its positions and its equity are in sync: neither is read alone. */
  void publishAccount(long accountIndex, LocalAccount local) {
    if (!local.positionsSynced || !local.statsSynced) {
      return;
    }
    List<AccountPosition> rows = local.positions.values().stream()
      .sorted(Comparator.comparingLong(AccountPosition::marketId)).toList();
    publishedAccounts.put(accountIndex, new DetailedAccount(0, accountIndex, accountIndex, null, 0, 0, 0, 0,
      local.availableBalance, 1, local.collateral, 0, rows, List.of(), local.portfolioValue, local.crossValue));
  }

  void publishLiveOrders(long accountIndex, LocalAccount local) {
    publishedLiveOrders.put(accountIndex, List.copyOf(local.live.values()));
  }

  /** The connection is gone: nothing it carried holds any more. */
  void clear() {
    liveness.clear();
    books.clear();
    accounts.clear();
    publishedTops.clear();
    publishedAccounts.clear();
    publishedLiveOrders.clear();
  }

  // ----- from any context

  Optional<BookTop> top(int marketId) {
    return Optional.ofNullable(publishedTops.get(marketId));
  }

  Optional<DetailedAccount> account(long accountIndex) {
    return Optional.ofNullable(publishedAccounts.get(accountIndex));
  }

  /** The account's live orders in the market. */
  Optional<List<Order>> liveOrders(long accountIndex, long marketId) {
    return Optional.ofNullable(publishedLiveOrders.get(accountIndex))
      .map(live -> live.stream().filter(order -> order.marketIndex() == marketId).toList());
  }
}
