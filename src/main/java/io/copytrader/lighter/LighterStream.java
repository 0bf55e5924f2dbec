package io.copytrader.lighter;

import io.copytrader.Addresses;
import io.copytrader.market.BookTop;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lighter's WebSocket streams, kept as local state so the hot path needs no REST read: the best bid and ask of
 * every active market ({@code order_book/{market}}), and per configured account its positions
 * ({@code account_all_positions}), orders ({@code account_all_orders}) and equity ({@code user_stats}), the
 * private channels subscribed with a fresh auth token. The frames are Lighter's (docs/lighter-api.md, WebSocket),
 * as the paper exchange's {@code io.copytrader.paper.PaperStreams} serves them.
 *
 * <p>Trust rules: each channel is trusted on its own ({@link ChannelLiveness}): an account's reads answer only
 * while its channels are fresh, so private channels that stall while the books flow send the account's reads to
 * REST once a change they missed is known ({@link #owe}). A book that lost a frame reads nothing until its new
 * snapshot ({@link StreamFrames}); a connection silent for {@link LighterStreamOptions#staleAfter()} is stale and
 * every read returns {@link Optional#empty()}, so callers fall back to REST; a dropped connection is replaced and
 * everything subscribed again ({@link StreamConnection}).
 *
 * <p>Connections: one carries the books, each further one as many accounts as Lighter's subscriptions per connection
 * allow, up to its connections per IP, all sharing the IP's budget of client messages ({@link SubscriptionPlan},
 * {@link StreamQuota}). Each connection is trusted on its own: an account's reads depend on its connection only.
 *
 * <p>All stream state is confined to this verticle's context; the reads other contexts make see immutable
 * snapshots published after each frame ({@link StreamState}). The verticle registers its own meters,
 * {@code copytrade_stream_*}.
 */
public final class LighterStream extends VerticleBase {

  /** An account whose private channels are followed; the token is created on demand and never logged. */
  public record StreamAccount(long accountIndex, Supplier<String> authToken) {

    @Override
    public String toString() {
      return "StreamAccount[" + accountIndex + "]";
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(LighterStream.class);
  /** How often the connections are looked at for one that replaced a lost one. */
  private static final long RECONNECT_CHECK_MS = 1_000;

  private final List<StreamShard> shards = new ArrayList<>();
  private final StreamShard books;
  private final Map<Long, StreamShard> byAccount = new HashMap<>();
  private final ServiceMetrics metrics;
  private long reconnectWatch = -1;
  private long reconnectionsSeen;

  /**
   * @param activeMarkets the ids of the markets to follow, asked on every (re)connection; when it fails, the
   *                      previous list is kept
   */
  public LighterStream(LighterStreamOptions options, Supplier<Future<List<Integer>>> activeMarkets,
                       List<StreamAccount> followed, ServiceMetrics metrics) {
    this.metrics = metrics;
    StreamQuota quota = options.quota();
    StreamMessageWindow window = quota.newWindow();
    books = new StreamShard(options, activeMarkets, List.of(), window);
    shards.add(books);
    Map<Long, StreamAccount> accounts = new HashMap<>();
    followed.forEach(account -> accounts.put(account.accountIndex(), account));
    SubscriptionPlan plan = SubscriptionPlan.of(followed.stream().map(StreamAccount::accountIndex).toList(),
      quota.subscriptionsPerConnection(), quota.connections());
    for (List<Long> group : plan.accountsByConnection()) {
      StreamShard shard = new StreamShard(options, () -> Future.succeededFuture(List.of()),
        group.stream().map(accounts::get).toList(), window);
      shards.add(shard);
      group.forEach(account -> byAccount.put(account, shard));
    }
    if (!plan.unfollowed().isEmpty()) {
      LOG.warn("Lighter stream: {} accounts exceed the subscriptions {} connections hold; they trade on REST reads",
        plan.unfollowed().size(), quota.connections());
    }
  }

  @Override
  public Future<?> start() {
    metrics.gauge("copytrade_stream_fresh", "1 while the exchange streams are connected and recently heard from",
      () -> fresh() ? 1 : 0);
    metrics.gauge("copytrade_stream_stale_channels", "Subscribed stream channels (order books, accounts' positions,"
      + " orders and equity) not trusted now: awaiting their snapshot or owing a change REST already shows",
      this::staleChannels);
    metrics.counter("copytrade_stream_connections", "Exchange stream connections established", this::connections);
    metrics.counter("copytrade_stream_resubscriptions", "Order books resubscribed after a gap in their updates",
      this::resubscriptions);
    shards.forEach(shard -> shard.start(vertx, context));
    // One look a second for all accounts, rather than one per account: at a thousand accounts their own timers
    // were most of what an idle node did.
    reconnectWatch = vertx.setPeriodic(RECONNECT_CHECK_MS, tick -> {
      long now = reconnections();
      if (now != reconnectionsSeen) {
        reconnectionsSeen = now;
        vertx.eventBus().publish(Addresses.STREAM_RECONNECTED, now);
      }
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(reconnectWatch);
    return Future.join(shards.stream().map(shard -> shard.connection.stop()).toList());
  }

  // ----- reads, from any context

  /** Whether every connection is up and has been heard from within the stale limit. */
  public boolean fresh() {
    return shards.stream().allMatch(shard -> shard.connection.fresh());
  }

  /** The market's best bid and ask while its book is in sync and its connection is fresh. */
  public Optional<BookTop> bookTop(int marketId) {
    return books.connection.fresh() ? books.state.top(marketId) : Optional.empty();
  }

  /**
   * The account's positions and equity while both channels are in sync and fresh, and their connection is. Only what
   * the streams carry is filled in: positions, collateral, available balance, total and cross asset value.
   */
  public Optional<DetailedAccount> account(long accountIndex) {
    return fresh(accountIndex, AccountChannel.POSITIONS, AccountChannel.STATS) ? accountAsStreamed(accountIndex)
      : Optional.empty();
  }

  /**
   * The account's positions and equity as its channels hold them while their connection is fresh, even when a
   * channel owes a change: for comparing with REST, never for trading on.
   */
  public Optional<DetailedAccount> accountAsStreamed(long accountIndex) {
    StreamShard shard = byAccount.get(accountIndex);
    return shard != null && shard.connection.fresh() ? shard.state.account(accountIndex) : Optional.empty();
  }

  /**
   * The account's live orders in the market while its orders channel is in sync and fresh, and its connection is:
   * every order the channel reported live and not since reported finished, whoever placed it.
   */
  public Optional<List<Order>> activeOrders(long accountIndex, long marketId) {
    return fresh(accountIndex, AccountChannel.ORDERS) ? byAccount.get(accountIndex).state.liveOrders(accountIndex,
      marketId) : Optional.empty();
  }

  /**
   * Whether the account's connection is fresh and each of these channels of the account is
   * ({@link ChannelLiveness}); false for an account no connection follows.
   */
  public boolean fresh(long accountIndex, AccountChannel... channels) {
    StreamShard shard = byAccount.get(accountIndex);
    if (shard == null || !shard.connection.fresh()) {
      return false;
    }
    for (AccountChannel channel : channels) {
      if (!shard.state.liveness.fresh(channel.key(accountIndex))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The caller knows of a change to the account (from REST) that these channels have not shown: they are stale
   * until each delivers a frame or is {@linkplain #vouch vouched for}.
   */
  public void owe(long accountIndex, AccountChannel... channels) {
    StreamShard shard = byAccount.get(accountIndex);
    if (shard != null) {
      for (AccountChannel channel : channels) {
        shard.state.liveness.owe(channel.key(accountIndex));
      }
    }
  }

  /** A REST read agreed with what the channel holds for the account: it owes nothing. */
  public void vouch(long accountIndex, AccountChannel channel) {
    StreamShard shard = byAccount.get(accountIndex);
    if (shard != null) {
      shard.state.liveness.vouch(channel.key(accountIndex));
    }
  }

  /** Whether the account's channel delivered a frame after {@code nanos}, a {@link System#nanoTime()} reading. */
  public boolean heardSince(long accountIndex, AccountChannel channel, long nanos) {
    StreamShard shard = byAccount.get(accountIndex);
    return shard != null && shard.state.liveness.heardSince(channel.key(accountIndex), nanos);
  }

  /** How many subscribed channels (books and accounts' private channels) are not fresh now. */
  public int staleChannels() {
    return (int) total(shard -> shard.state.liveness.staleCount());
  }

  /** How many times a market was resubscribed after a gap in its book updates or a malformed book frame. */
  public long resubscriptions() {
    return total(shard -> shard.connection.resubscriptions());
  }

  /** How many connections were established so far, over all of them. */
  public long connections() {
    return total(shard -> shard.connection.connections());
  }

  /**
   * How many connections replaced a lost one so far: each connection's first is none, so with the books and the
   * accounts on connections of their own, their coming up one after the other is not a reconnect.
   */
  public long reconnections() {
    return total(shard -> Math.max(0, shard.connection.connections() - 1));
  }

  private long total(ToLongFunction<StreamShard> count) {
    return shards.stream().mapToLong(count).sum();
  }

  // ----- waits, answered on the caller's context

  /**
   * The order with this client order index as the stream knows it now (live, or among the latest finished);
   * empty as {@link #awaitOrder} is.
   */
  public Future<Optional<Order>> order(long accountIndex, long clientOrderIndex) {
    return awaitOrder(accountIndex, clientOrderIndex, any -> true, Duration.ZERO);
  }

  /**
   * The order with this client order index once {@code done} holds for it, delivered on the caller's context;
   * empty when the account's orders are not followed, the stream is or becomes stale or drops, or
   * {@code timeout} passes first.
   */
  public Future<Optional<Order>> awaitOrder(long accountIndex, long clientOrderIndex, Predicate<Order> done,
                                            Duration timeout) {
    StreamShard shard = shardOf(accountIndex);
    return shard.waiters().await(accountIndex,
      account -> account.ordersSynced && fresh(accountIndex, AccountChannel.ORDERS),
      () -> Optional.ofNullable(shard.state.localAccount(accountIndex))
        .flatMap(account -> account.order(clientOrderIndex)).filter(done), timeout);
  }

  /**
   * The account's positions and equity (as {@link #account}) once {@code shows} holds for them; empty as
   * {@link #awaitOrder} is.
   */
  public Future<Optional<DetailedAccount>> awaitAccount(long accountIndex, Predicate<DetailedAccount> shows,
                                                        Duration timeout) {
    StreamShard shard = shardOf(accountIndex);
    return shard.waiters().await(accountIndex, account -> account.positionsSynced && account.statsSynced
        && fresh(accountIndex, AccountChannel.POSITIONS, AccountChannel.STATS),
      () -> shard.state.account(accountIndex).filter(shows), timeout);
  }

  /**
   * The market's live orders (as {@link #activeOrders}) once {@code shows} holds for them; empty as
   * {@link #awaitOrder} is.
   */
  public Future<Optional<List<Order>>> awaitActiveOrders(long accountIndex, long marketId,
                                                         Predicate<List<Order>> shows, Duration timeout) {
    StreamShard shard = shardOf(accountIndex);
    return shard.waiters().await(accountIndex,
      account -> account.ordersSynced && fresh(accountIndex, AccountChannel.ORDERS),
      () -> shard.state.liveOrders(accountIndex, marketId).filter(shows), timeout);
  }

  /** The account's connection; the books' one, whose state follows no account, for an account none follows. */
  private StreamShard shardOf(long accountIndex) {
    return byAccount.getOrDefault(accountIndex, books);
  }
}
