package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.WS_ALREADY_SUBSCRIBED;
import static io.copytrader.lighter.LighterErrorCodes.WS_FAILED_TO_SUBSCRIBE;
import static io.copytrader.lighter.LighterErrorCodes.WS_INVALID_CHANNEL;
import static io.copytrader.lighter.LighterErrorCodes.WS_INVALID_MESSAGE;
import static io.copytrader.lighter.LighterErrorCodes.WS_NOT_SUBSCRIBED;

import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The paper exchange's WebSocket API at {@code /stream}, in Lighter's frame shapes (docs/lighter-api.md,
 * "WebSocket"): a {@code connected} greeting, {@code subscribe}/{@code unsubscribe} with outbound channel names using
 * {@code /} and inbound ones {@code :} ({@link StreamChannel}), a {@code subscribed/<kind>} snapshot (no bare
 * {@code subscribed} frame before it) followed by {@code update/<kind>} frames carrying only what changed, ping/pong,
 * and transactions sent as {@code jsonapi/sendtx} and {@code jsonapi/sendtxbatch} ({@link StreamTxs}).
 *
 * <p>Channels: {@code order_book} ({@link BookFeed}), {@code market_stats} and {@code trade} ({@link MarketFeeds}),
 * and the account's ({@link AccountFeed}): {@code account_all} and {@code user_stats} public, as on Lighter;
 * {@code account_all_positions}, {@code account_all_trades}, {@code account_all_orders} and {@code account_orders}
 * with the account's auth token in the subscribe frame.
 *
 * <p>Lighter's WebSocket limits hold through {@link StreamGuard}: connections per IP, subscriptions per connection,
 * client frames a minute and in flight, different accounts followed, and transactions spending the REST budget.
 *
 * <p>Changes are found by comparing the engine with what was last published, after every mutation
 * ({@link #publish()}). Confined to the exchange's context.
 */
final class PaperStreams {

  private static final int MAX_FRAME_CHARS = 64 * 1024;

  private final PaperEngine engine;
  private final PaperJson json;
  private final BiPredicate<String, PaperAccountState> authorized;
  private final StreamTxs txs;
  /** Runs before a transaction sent on the socket is taken, as before a REST request. */
  private final Runnable beforeTx;
  private final StreamGuard guard;
  private final MarketFeeds markets;
  private final Set<Connection> connections = new LinkedHashSet<>();
  private final Map<Integer, BookFeed> books = new HashMap<>();
  private final Map<Long, AccountFeed> accounts = new HashMap<>();
  private final Set<Integer> dropNextBookUpdate = new HashSet<>();
  private boolean accountUpdatesHeld;

  PaperStreams(PaperEngine engine, PaperJson json, BiPredicate<String, PaperAccountState> authorized,
               TxEndpoints txs, Runnable beforeTx, StreamGuard guard) {
    this.engine = engine;
    this.json = json;
    this.authorized = authorized;
    this.txs = new StreamTxs(txs);
    this.beforeTx = beforeTx;
    this.guard = guard;
    this.markets = new MarketFeeds(engine, json);
  }

  /** One client connection and the channels (outbound names) it follows. */
  private static final class Connection {

    final ServerWebSocket socket;
    final Set<String> channels = new HashSet<>();

    Connection(ServerWebSocket socket) {
      this.socket = socket;
    }

    void send(JsonObject frame) {
      if (!socket.isClosed()) {
        socket.writeTextMessage(frame.encode());
      }
    }
  }

  void accept(ServerWebSocket socket) {
    if (!guard.admit(socket)) {
      return;
    }
    Connection connection = new Connection(socket);
    connections.add(connection);
    socket.closeHandler(closed -> {
      connections.remove(connection);
      guard.closed(socket, connection.channels.stream().map(PaperStreams::account).toList());
    });
    socket.exceptionHandler(failure -> socket.close());
    socket.textMessageHandler(text -> receive(connection, text));
    connection.send(new JsonObject().put("type", "connected"));
  }

  int connectionCount() {
    return connections.size();
  }

  /** Closes every connection, as a network failure or an exchange restart would. */
  int disconnectAll() {
    List<Connection> all = new ArrayList<>(connections);
    connections.clear();
    all.forEach(connection -> connection.socket.close((short) 1001, "going away"));
    return all.size();
  }

  /**
   * While held, account changes are not published, as when the exchange's account feed lags behind its REST
   * API; on release everything that changed meanwhile goes out at once.
   */
  void holdAccountUpdates(boolean held) {
    accountUpdatesHeld = held;
    if (!held) {
      long now = System.currentTimeMillis();
      engine.accounts().forEach(account -> publishAccount(account, now));
    }
  }

  /** The next book update of this market is lost on its way: its nonce is spent but no one receives it. */
  void dropNextBookUpdate(int marketId) {
    dropNextBookUpdate.add(marketId);
  }

  private void receive(Connection connection, String text) {
    JsonObject parsed = frame(text);
    String type = parsed != null && parsed.getValue("type") instanceof String value ? value : "";
    switch (type) {
      case "ping" -> connection.send(new JsonObject().put("type", "pong"));
      case "pong" -> {
      }
      case StreamTxs.SEND_TX, StreamTxs.SEND_TX_BATCH -> {
        beforeTx.run();
        txs.receive(type, parsed, connection::send, () -> connection.socket.close(),
          data -> guard.tx(connection.socket, type.equals(StreamTxs.SEND_TX_BATCH), data));
      }
      default -> guard.counted(connection.socket, connection::send, () -> !connection.socket.isClosed(),
        () -> handle(connection, parsed, type));
    }
  }

  /** The frame as JSON, null when it is too long or not a JSON object. */
  private static JsonObject frame(String text) {
    try {
      return text.length() > MAX_FRAME_CHARS ? null : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** A counted frame the limits admitted. */
  private void handle(Connection connection, JsonObject frame, String type) {
    if (frame == null) {
      connection.send(error(WS_INVALID_MESSAGE, "Invalid message"));
      return;
    }
    switch (type) {
      case "subscribe" -> subscribe(connection, frame);
      case "unsubscribe" -> unsubscribe(connection, frame);
      default -> connection.send(error(WS_INVALID_MESSAGE, "Invalid message type"));
    }
  }

  /** The account a held channel follows, -1 for a market's. */
  private static long account(String channel) {
    return StreamChannel.parse(channel).map(StreamChannel::account).orElse(-1L);
  }

  private void subscribe(Connection connection, JsonObject frame) {
    String name = frame.getValue("channel") instanceof String value ? value : "";
    StreamChannel channel = StreamChannel.parse(name).filter(this::exists).orElse(null);
    if (channel == null) {
      connection.send(error(WS_INVALID_CHANNEL, "Invalid Channel: " + name));
      return;
    }
    if (connection.channels.contains(name)) {
      connection.send(error(WS_ALREADY_SUBSCRIBED, "Already Subscribed to : " + channel.inbound()));
      return;
    }
    String token = frame.getValue("auth") instanceof String value ? value : null;
    if (channel.kind().needsToken
      && (token == null || !authorized.test(token, engine.account(channel.account())))) {
      connection.send(error(WS_FAILED_TO_SUBSCRIBE, "Failed to subscribe to " + channel.inbound()
        + ": invalid auth token"));
      return;
    }
    Optional<JsonObject> refused = guard.subscribe(connection.socket, connection.channels.size(), channel.account());
    if (refused.isPresent()) {
      connection.send(refused.get());
      return;
    }
    connection.channels.add(name);
    // The snapshot is the answer: Lighter sends no bare "subscribed" frame first (docs/lighter-api.md, "WebSocket").
    connection.send(snapshot(channel).put("type", "subscribed/" + channel.kind().wire)
      .put("channel", channel.inbound()));
  }

  /** Whether the market and account the channel names are the exchange's. */
  private boolean exists(StreamChannel channel) {
    boolean market = !channel.followsMarket() || channel.market() == StreamChannel.ALL_MARKETS
      || engine.market(channel.market()).isPresent();
    boolean account = !channel.followsAccount() || (engine.account(channel.account()) != null);
    return market && account;
  }

  private JsonObject snapshot(StreamChannel channel) {
    long now = System.currentTimeMillis();
    return switch (channel.kind()) {
      case ORDER_BOOK -> book(engine.market(channel.market()).orElse(null)).snapshot();
      case MARKET_STATS -> markets.statsSnapshot(channel.market(), now);
      case TRADE -> markets.tradeSnapshot(channel.market());
      default -> account(engine.account(channel.account())).snapshot(channel, now);
    };
  }

  private void unsubscribe(Connection connection, JsonObject frame) {
    String channel = frame.getValue("channel") instanceof String value ? value : "";
    if (!connection.channels.remove(channel)) {
      connection.send(error(WS_NOT_SUBSCRIBED, "Not Subscribed to : " + StreamChannel.inbound(channel)));
      return;
    }
    guard.unsubscribed(connection.socket, account(channel));
    connection.send(new JsonObject().put("type", "unsubscribed").put("channel", StreamChannel.inbound(channel)));
  }

  /** Pushes whatever changed since the last publish to the connections following it. */
  void publish() {
    long now = System.currentTimeMillis();
    for (MarketState market : engine.markets()) {
      book(market).update(now).ifPresent(update -> {
        if (dropNextBookUpdate.remove(market.spec.marketId())) {
          return;
        }
        broadcast("order_book/" + market.spec.marketId(), "order_book", update);
      });
    }
    publishMarkets(now);
    for (PaperAccountState account : engine.accounts()) {
      publishAccount(account, now);
    }
  }

  /**
   * Publishes one account's changes and the fills it made on the public channels. A transaction changes only its
   * own account and the tape: fills leave the synthetic book as it is, and stops trigger only on price moves, which
   * publish everything.
   */
  void publishAccount(long accountIndex) {
    PaperAccountState account = engine.account(accountIndex);
    if (account != null) {
      long now = System.currentTimeMillis();
      publishMarkets(now);
      publishAccount(account, now);
    }
  }

  private void publishMarkets(long now) {
    markets.updates(now).forEach((channel, frame) -> broadcast(channel, kind(channel), frame));
  }

  private void publishAccount(PaperAccountState account, long now) {
    if (accountUpdatesHeld) {
      return;
    }
    account(account).updates(now).forEach((channel, frame) -> broadcast(channel, kind(channel), frame));
  }

  private static String kind(String channel) {
    return channel.substring(0, channel.indexOf('/'));
  }

  private void broadcast(String channel, String kind, JsonObject frame) {
    frame.put("type", "update/" + kind).put("channel", StreamChannel.inbound(channel));
    String encoded = null;
    for (Connection connection : connections) {
      if (connection.channels.contains(channel) && !connection.socket.isClosed()) {
        if (encoded == null) {
          encoded = frame.encode();
        }
        connection.socket.writeTextMessage(encoded);
      }
    }
  }

  private BookFeed book(MarketState market) {
    return books.computeIfAbsent(market.spec.marketId(), id -> new BookFeed(market));
  }

  private AccountFeed account(PaperAccountState account) {
    return accounts.computeIfAbsent(account.index, index -> new AccountFeed(engine, json, account));
  }

  static JsonObject error(int code, String message) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message)
      .put("error", new JsonObject().put("code", code).put("message", message));
  }
}
