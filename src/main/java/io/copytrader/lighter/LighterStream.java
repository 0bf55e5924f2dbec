package io.copytrader.lighter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.copytrader.market.BookTop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lighter's WebSocket streams (API.md §8), kept as local state so the hot path needs no REST read: the best bid
 * and ask of every active market ({@code order_book/{market}}), and per configured account its positions
 * ({@code account_all_positions}), orders ({@code account_all_orders}) and equity ({@code user_stats}), the
 * private channels subscribed with a fresh auth token.
 *
 * <p>Trust rules: each channel is trusted on its own ({@link ChannelLiveness}): an account's reads answer only
 * while its channels are fresh, so private channels that stall while the books flow send the account's reads to
 * REST once a change they missed is known ({@link #owe}). A book update whose {@code begin_nonce} is not the
 * previous {@code nonce} means a frame was lost, so the market is resubscribed and reads nothing until its new
 * snapshot; a connection silent for
 * {@link LighterStreamOptions#staleAfter()} is stale and every read returns {@link Optional#empty()}, so callers
 * fall back to REST; a dropped connection is re-established with a doubling backoff and everything is
 * subscribed again from fresh snapshots. Pings go out every {@link LighterStreamOptions#pingInterval()}; a
 * connection still silent past the stale limit at a ping is dropped and replaced.
 *
 * <p>All stream state is confined to this verticle's context; the reads other contexts make see immutable
 * snapshots published after each frame.
 */
public final class LighterStream extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LighterStream.class);
  private static final int MAX_FRAME_BYTES = 1024 * 1024;
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  /**
   * Lighter allows 200 client messages a minute and 50 in flight per IP: subscriptions go out one per
   * {@value #OUTBOX_SPACING_MS} ms and at most {@value #MESSAGES_PER_WINDOW} a minute, leaving room for pings.
   */
  private static final int MESSAGES_PER_WINDOW = 180;
  private static final long MESSAGE_WINDOW_MS = 60_000;
  private static final long OUTBOX_SPACING_MS = 20;

  /** An account whose private channels are followed; the token is created on demand and never logged. */
  public record StreamAccount(long accountIndex, Supplier<String> authToken) {

    @Override
    public String toString() {
      return "StreamAccount[" + accountIndex + "]";
    }
  }

  private final LighterStreamOptions options;
  private final Supplier<Future<List<Integer>>> activeMarkets;
  private final Map<Long, StreamAccount> streamAccounts = new LinkedHashMap<>();

  private final Map<Integer, LocalBook> books = new HashMap<>();
  private final Map<Long, LocalAccount> accounts = new HashMap<>();
  private final List<StreamWaiter<?>> waiters = new ArrayList<>();
  private final Map<Integer, BookTop> publishedTops = new ConcurrentHashMap<>();
  private final Map<Long, DetailedAccount> publishedAccounts = new ConcurrentHashMap<>();
  private final Map<Long, List<Order>> publishedLiveOrders = new ConcurrentHashMap<>();
  private final AtomicLong resubscriptions = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final ArrayDeque<JsonObject> outbox = new ArrayDeque<>();
  private final ArrayDeque<Long> sentAtMillis = new ArrayDeque<>();
  private final ChannelLiveness liveness = new ChannelLiveness();

  private Context context;
  private WebSocketClient client;
  private ClientWebSocket socket;
  private List<Integer> marketIds = List.of();
  private long reconnectDelayMs;
  private long pingTimer = -1;
  private long outboxTimer = -1;
  private boolean stopping;
  private volatile boolean connected;
  private volatile long lastFrameNanos;

  /**
   * @param activeMarkets the ids of the markets to follow, asked on every (re)connection; when it fails, the
   *                      previous list is kept
   */
  public LighterStream(LighterStreamOptions options, Supplier<Future<List<Integer>>> activeMarkets,
                       List<StreamAccount> followed) {
    this.options = options;
    this.activeMarkets = activeMarkets;
    followed.forEach(account -> streamAccounts.put(account.accountIndex(), account));
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(MAX_FRAME_BYTES)
      .setMaxMessageSize(MAX_MESSAGE_BYTES)
      .setConnectTimeout((int) Math.max(1000, options.pingInterval().toMillis())));
    reconnectDelayMs = options.firstReconnectDelay().toMillis();
    pingTimer = vertx.setPeriodic(options.pingInterval().toMillis(), tick -> keepAlive());
    connect();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pingTimer);
    lost();
    Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close().otherwiseEmpty();
    return closed.compose(done -> client.close());
  }

  // ----- reads, from any context

  /** Whether the connection is up and has been heard from within the stale limit. */
  public boolean fresh() {
    return connected && System.nanoTime() - lastFrameNanos < options.staleAfter().toNanos();
  }

  /** The market's best bid and ask while its book is in sync and the stream is fresh. */
  public Optional<BookTop> bookTop(int marketId) {
    return fresh() ? Optional.ofNullable(publishedTops.get(marketId)) : Optional.empty();
  }

  /**
   * The account's positions and equity while both channels are in sync and fresh, and the stream is. Only what
   * the streams carry is filled in: positions, collateral, available balance, total and cross asset value.
   */
  public Optional<DetailedAccount> account(long accountIndex) {
    return fresh(accountIndex, AccountChannel.POSITIONS, AccountChannel.STATS) ? accountAsStreamed(accountIndex)
      : Optional.empty();
  }

  /**
   * The account's positions and equity as its channels hold them while the stream is fresh, even when a channel
   * owes a change: for comparing with REST, never for trading on.
   */
  public Optional<DetailedAccount> accountAsStreamed(long accountIndex) {
    return fresh() ? Optional.ofNullable(publishedAccounts.get(accountIndex)) : Optional.empty();
  }

  /**
   * The account's live orders in the market while its orders channel is in sync and fresh, and the stream is:
   * every order the channel reported live and not since reported finished, whoever placed it.
   */
  public Optional<List<Order>> activeOrders(long accountIndex, long marketId) {
    return fresh(accountIndex, AccountChannel.ORDERS)
      ? Optional.ofNullable(publishedLiveOrders.get(accountIndex)).map(live -> inMarket(live, marketId))
      : Optional.empty();
  }

  /** Whether the stream is fresh and each of these channels of the account is ({@link ChannelLiveness}). */
  public boolean fresh(long accountIndex, AccountChannel... channels) {
    if (!fresh()) {
      return false;
    }
    for (AccountChannel channel : channels) {
      if (!liveness.fresh(channel.key(accountIndex))) {
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
    for (AccountChannel channel : channels) {
      liveness.owe(channel.key(accountIndex));
    }
  }

  /** A REST read agreed with what the channel holds for the account: it owes nothing. */
  public void vouch(long accountIndex, AccountChannel channel) {
    liveness.vouch(channel.key(accountIndex));
  }

  /** Whether the account's channel delivered a frame after {@code nanos}, a {@link System#nanoTime()} reading. */
  public boolean heardSince(long accountIndex, AccountChannel channel, long nanos) {
    return liveness.heardSince(channel.key(accountIndex), nanos);
  }

  /** How many subscribed channels (books and accounts' private channels) are not fresh now. */
  public int staleChannels() {
    return liveness.staleCount();
  }

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
    return await(accountIndex, account -> account.ordersSynced && fresh(accountIndex, AccountChannel.ORDERS),
      () -> Optional.ofNullable(accounts.get(accountIndex)).flatMap(account -> account.order(clientOrderIndex))
        .filter(done), timeout);
  }

  /**
   * The account's positions and equity (as {@link #account}) once {@code shows} holds for them; empty as
   * {@link #awaitOrder} is.
   */
  public Future<Optional<DetailedAccount>> awaitAccount(long accountIndex, Predicate<DetailedAccount> shows,
                                                        Duration timeout) {
    return await(accountIndex, account -> account.positionsSynced && account.statsSynced
        && fresh(accountIndex, AccountChannel.POSITIONS, AccountChannel.STATS),
      () -> Optional.ofNullable(publishedAccounts.get(accountIndex)).filter(shows), timeout);
  }

  /** The market's live orders (as {@link #activeOrders}) once {@code shows} holds for them; empty as {@link #awaitOrder} is. */
  public Future<Optional<List<Order>>> awaitActiveOrders(long accountIndex, long marketId,
                                                         Predicate<List<Order>> shows, Duration timeout) {
    return await(accountIndex, account -> account.ordersSynced && fresh(accountIndex, AccountChannel.ORDERS),
      () -> Optional.ofNullable(publishedLiveOrders.get(accountIndex)).map(live -> inMarket(live, marketId))
        .filter(shows), timeout);
  }

  private static List<Order> inMarket(List<Order> live, long marketId) {
    return live.stream().filter(order -> order.marketIndex() == marketId).toList();
  }

  /**
   * What {@code probe} finds in the account's state once it finds something, probed now and after each of the
   * account's frames; empty at once unless the stream is fresh and the account's state {@code ready} (its channels
   * in sync and fresh).
   */
  private <T> Future<Optional<T>> await(long accountIndex, Predicate<LocalAccount> ready, Supplier<Optional<T>> probe,
                                        Duration timeout) {
    Context caller = vertx.getOrCreateContext();
    Promise<Optional<T>> result = Promise.promise();
    context.runOnContext(start -> {
      LocalAccount account = accounts.get(accountIndex);
      StreamWaiter<T> waiter = new StreamWaiter<>(accountIndex, probe, caller, result);
      if (!fresh() || account == null || !ready.test(account)) {
        waiter.complete(Optional.empty());
        return;
      }
      if (waiter.found()) {
        return;
      }
      waiter.timer = vertx.setTimer(Math.max(1, timeout.toMillis()), expired -> {
        waiters.remove(waiter);
        waiter.complete(Optional.empty());
      });
      waiters.add(waiter);
    });
    return result.future();
  }

  /** Completes the account's waiters whose probe now finds what they wait for. */
  private void wake(long accountIndex) {
    waiters.removeIf(waiter -> {
      if (waiter.accountIndex != accountIndex || !waiter.found()) {
        return false;
      }
      vertx.cancelTimer(waiter.timer);
      return true;
    });
  }

  /** How many times a market was resubscribed after a gap in its book updates. */
  public long resubscriptions() {
    return resubscriptions.get();
  }

  /** How many connections were established so far. */
  public long connections() {
    return connects.get();
  }

  // ----- connection

  private void connect() {
    if (stopping) {
      return;
    }
    WebSocketConnectOptions target = new WebSocketConnectOptions().setHost(options.host()).setPort(options.port())
      .setSsl(options.ssl()).setURI(LighterStreamOptions.PATH);
    // Handlers are in place before the handshake, so the greeting and early frames cannot slip past them.
    ClientWebSocket connecting = client.webSocket();
    connecting.textMessageHandler(text -> {
      if (socket == connecting) {
        lastFrameNanos = System.nanoTime();
        receive(text);
      }
    });
    connecting.exceptionHandler(failure -> LOG.warn("Lighter stream: connection error: {}", failure.getMessage()));
    connecting.closeHandler(closed -> {
      // At shutdown the stream closes the socket itself; nothing is lost and nothing reconnects.
      if (socket == connecting && !stopping) {
        LOG.warn("Lighter stream: connection closed ({} {}); reconnecting", connecting.closeStatusCode(),
          connecting.closeReason());
        socket = null;
        lost();
        reconnectLater();
      }
    });
    connecting.connect(target)
      .onSuccess(opened -> opened(connecting))
      .onFailure(failure -> {
        LOG.warn("Lighter stream: cannot connect to {}:{} ({}); retrying in {} ms", options.host(), options.port(),
          failure.getMessage(), reconnectDelayMs);
        reconnectLater();
      });
  }

  private void opened(ClientWebSocket opened) {
    if (stopping) {
      opened.close();
      return;
    }
    socket = opened;
    connects.incrementAndGet();
    reconnectDelayMs = options.firstReconnectDelay().toMillis();
    lastFrameNanos = System.nanoTime();
    connected = true;
    LOG.info("Lighter stream: connected to {}:{}", options.host(), options.port());
    activeMarkets.get()
      .onFailure(failure -> LOG.warn("Lighter stream: market list unavailable ({}); following {} known markets",
        failure.getMessage(), marketIds.size()))
      .onComplete(listed -> {
        if (listed.succeeded()) {
          marketIds = List.copyOf(listed.result());
        }
        if (socket == opened) {
          subscribeAll();
        }
      });
  }

  private void subscribeAll() {
    for (int marketId : marketIds) {
      books.put(marketId, new LocalBook());
      liveness.subscribed(ChannelLiveness.key("order_book", marketId));
      enqueue(new JsonObject().put("type", "subscribe").put("channel", "order_book/" + marketId));
    }
    for (StreamAccount followed : streamAccounts.values()) {
      accounts.put(followed.accountIndex(), new LocalAccount());
      String token;
      try {
        token = followed.authToken().get();
      } catch (RuntimeException e) {
        LOG.warn("Lighter stream: no auth token for account {}; its channels are not followed",
          followed.accountIndex());
        continue;
      }
      for (AccountChannel channel : AccountChannel.values()) {
        liveness.subscribed(channel.key(followed.accountIndex()));
        enqueue(new JsonObject().put("type", "subscribe").put("channel", channel.kind() + "/"
          + followed.accountIndex()).put("auth", token));
      }
    }
  }

  /** Forgets everything the lost connection carried; waiters fall back to REST at once. */
  private void lost() {
    connected = false;
    liveness.clear();
    outbox.clear();
    if (outboxTimer >= 0) {
      vertx.cancelTimer(outboxTimer);
      outboxTimer = -1;
    }
    books.clear();
    accounts.clear();
    publishedTops.clear();
    publishedAccounts.clear();
    publishedLiveOrders.clear();
    List<StreamWaiter<?>> abandoned = new ArrayList<>(waiters);
    waiters.clear();
    abandoned.forEach(waiter -> {
      vertx.cancelTimer(waiter.timer);
      waiter.complete(Optional.empty());
    });
  }

  private void reconnectLater() {
    if (stopping) {
      return;
    }
    long delay = reconnectDelayMs;
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, options.maxReconnectDelay().toMillis());
    vertx.setTimer(delay, retry -> connect());
  }

  private void keepAlive() {
    ClientWebSocket current = socket;
    if (current == null) {
      return;
    }
    if (!fresh()) {
      LOG.warn("Lighter stream: silent for more than {} ms; reconnecting", options.staleAfter().toMillis());
      lost();
      socket = null;
      current.close();
      reconnectLater();
      return;
    }
    send(new JsonObject().put("type", "ping"));
  }

  /** Sends at once (pings and pongs); counted against the per-minute message budget all the same. */
  private void send(JsonObject frame) {
    ClientWebSocket current = socket;
    if (current != null && !current.isClosed()) {
      current.writeTextMessage(frame.encode());
      long now = System.currentTimeMillis();
      sentAtMillis.addLast(now);
      forgetSentBefore(now - MESSAGE_WINDOW_MS);
    }
  }

  private void forgetSentBefore(long cutoff) {
    while (!sentAtMillis.isEmpty() && sentAtMillis.peekFirst() <= cutoff) {
      sentAtMillis.pollFirst();
    }
  }

  /** Queues a subscription change, sent paced and within Lighter's per-minute client message limit. */
  private void enqueue(JsonObject frame) {
    outbox.addLast(frame);
    if (outboxTimer < 0) {
      drainOutbox();
    }
  }

  private void drainOutbox() {
    outboxTimer = -1;
    if (outbox.isEmpty() || socket == null) {
      return;
    }
    long now = System.currentTimeMillis();
    forgetSentBefore(now - MESSAGE_WINDOW_MS);
    long wait = sentAtMillis.size() < MESSAGES_PER_WINDOW ? 0 : sentAtMillis.peekFirst() + MESSAGE_WINDOW_MS - now;
    if (wait <= 0) {
      send(outbox.pollFirst());
      wait = OUTBOX_SPACING_MS;
    }
    if (!outbox.isEmpty()) {
      outboxTimer = vertx.setTimer(wait, next -> drainOutbox());
    }
  }

  // ----- frames

  private void receive(String text) {
    JsonNode frame;
    try {
      frame = LighterJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      LOG.warn("Lighter stream: unreadable frame ignored");
      return;
    }
    String type = frame.path("type").asText("");
    String channel = frame.path("channel").asText("");
    try {
      switch (type) {
        case "ping" -> send(new JsonObject().put("type", "pong"));
        case "subscribed/order_book" -> bookSnapshot(marketOf(channel), frame.path("order_book"));
        case "update/order_book" -> bookUpdate(marketOf(channel), frame.path("order_book"));
        case "subscribed/account_all_positions", "update/account_all_positions" ->
          positions(idOf(channel), frame.path("positions"), type.startsWith("subscribed"));
        case "subscribed/account_all_orders", "update/account_all_orders" ->
          orders(idOf(channel), frame.path("orders"), type.startsWith("subscribed"));
        case "subscribed/user_stats", "update/user_stats" -> stats(idOf(channel), frame.path("stats"));
        case "error" -> LOG.warn("Lighter stream: error {}: {}", frame.path("code").asText(),
          frame.path("message").asText());
        default -> {
          // connected, subscribed, unsubscribed, pong and channels not followed carry nothing to keep.
        }
      }
    } catch (RuntimeException | JsonProcessingException malformed) {
      LOG.warn("Lighter stream: malformed {} frame on {} ({})", type, channel, malformed.getMessage());
      if (type.endsWith("/order_book")) {
        resubscribeBook(marketOf(channel));
      }
    }
  }

  private void bookSnapshot(int marketId, JsonNode book) {
    LocalBook local = books.get(marketId);
    if (local == null) {
      return;
    }
    local.asks.clear();
    local.bids.clear();
    apply(local, book);
    local.nonce = book.path("nonce").asLong();
    local.synced = true;
    liveness.heard(ChannelLiveness.key("order_book", marketId));
    publishTop(marketId, local);
  }

  private void bookUpdate(int marketId, JsonNode book) {
    LocalBook local = books.get(marketId);
    if (local == null || !local.synced) {
      return;
    }
    long begin = book.path("begin_nonce").asLong();
    if (begin != local.nonce) {
      LOG.warn("Lighter stream: order_book/{} skipped from nonce {} to {}; resubscribing", marketId, local.nonce,
        begin);
      resubscribeBook(marketId);
      return;
    }
    apply(local, book);
    local.nonce = book.path("nonce").asLong();
    liveness.heard(ChannelLiveness.key("order_book", marketId));
    publishTop(marketId, local);
  }

  private void resubscribeBook(int marketId) {
    LocalBook local = books.get(marketId);
    if (local == null) {
      return;
    }
    local.synced = false;
    liveness.subscribed(ChannelLiveness.key("order_book", marketId));
    publishedTops.remove(marketId);
    resubscriptions.incrementAndGet();
    enqueue(new JsonObject().put("type", "unsubscribe").put("channel", "order_book/" + marketId));
    enqueue(new JsonObject().put("type", "subscribe").put("channel", "order_book/" + marketId));
  }

  private static void apply(LocalBook local, JsonNode book) {
    level(local.asks, book.path("asks"));
    level(local.bids, book.path("bids"));
  }

  private static void level(TreeMap<BigDecimal, BigDecimal> side, JsonNode levels) {
    for (JsonNode level : levels) {
      BigDecimal price = new BigDecimal(level.path("price").asText());
      BigDecimal size = new BigDecimal(level.path("size").asText());
      if (size.signum() == 0) {
        side.remove(price);
      } else {
        side.put(price, size);
      }
    }
  }

  private void publishTop(int marketId, LocalBook local) {
    BigDecimal bid = local.bids.isEmpty() ? null : local.bids.firstKey();
    BigDecimal ask = local.asks.isEmpty() ? null : local.asks.firstKey();
    if (bid == null && ask == null) {
      publishedTops.remove(marketId);
    } else {
      publishedTops.put(marketId, new BookTop(bid, ask));
    }
  }

  private void positions(long accountIndex, JsonNode byMarket, boolean snapshot) throws JsonProcessingException {
    LocalAccount local = accounts.get(accountIndex);
    if (local == null) {
      return;
    }
    if (snapshot) {
      local.positions.clear();
    }
    Iterator<Map.Entry<String, JsonNode>> rows = byMarket.fields();
    while (rows.hasNext()) {
      AccountPosition row = LighterJson.MAPPER.treeToValue(rows.next().getValue(), AccountPosition.class);
      local.positions.put(row.marketId(), row);
    }
    local.positionsSynced = true;
    liveness.heard(AccountChannel.POSITIONS.key(accountIndex));
    publishAccount(accountIndex, local);
    wake(accountIndex);
  }

  private void stats(long accountIndex, JsonNode stats) {
    LocalAccount local = accounts.get(accountIndex);
    if (local == null) {
      return;
    }
    local.collateral = decimal(stats, "collateral");
    local.availableBalance = decimal(stats, "available_balance");
    local.portfolioValue = decimal(stats, "portfolio_value");
    BigDecimal cross = decimal(stats.path("cross_stats"), "portfolio_value");
    local.crossValue = cross != null ? cross : local.portfolioValue;
    local.statsSynced = local.portfolioValue != null;
    if (local.statsSynced) {
      liveness.heard(AccountChannel.STATS.key(accountIndex));
    }
    publishAccount(accountIndex, local);
    wake(accountIndex);
  }

  private void orders(long accountIndex, JsonNode byMarket, boolean snapshot) throws JsonProcessingException {
    LocalAccount local = accounts.get(accountIndex);
    if (local == null) {
      return;
    }
    if (snapshot) {
      local.live.clear();
      local.finished.clear();
    }
    for (JsonNode list : byMarket) {
      for (JsonNode node : list) {
        local.apply(LighterJson.MAPPER.treeToValue(node, Order.class));
      }
    }
    local.ordersSynced = true;
    liveness.heard(AccountChannel.ORDERS.key(accountIndex));
    publishedLiveOrders.put(accountIndex, List.copyOf(local.live.values()));
    wake(accountIndex);
  }

  private void publishAccount(long accountIndex, LocalAccount local) {
    if (!local.positionsSynced || !local.statsSynced) {
      return;
    }
    List<AccountPosition> rows = local.positions.values().stream()
      .sorted(Comparator.comparingLong(AccountPosition::marketId)).toList();
    publishedAccounts.put(accountIndex, new DetailedAccount(0, accountIndex, accountIndex, null, 0, 0, 0, 0,
      local.availableBalance, 1, local.collateral, 0, rows, List.of(), local.portfolioValue, local.crossValue));
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : new BigDecimal(value.asText());
  }

  /** The id after the colon of {@code kind:id}; -1, which matches nothing followed, for anything else. */
  private static long idOf(String channel) {
    int colon = channel.indexOf(':');
    String id = colon < 0 ? "" : channel.substring(colon + 1);
    return id.matches("\\d{1,18}") ? Long.parseLong(id) : -1;
  }

  private static int marketOf(String channel) {
    long id = idOf(channel);
    return id <= Integer.MAX_VALUE ? (int) id : -1;
  }
}
