package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.WS_ALREADY_SUBSCRIBED;
import static io.copytrader.lighter.LighterErrorCodes.WS_FAILED_TO_SUBSCRIBE;
import static io.copytrader.lighter.LighterErrorCodes.WS_INVALID_CHANNEL;
import static io.copytrader.lighter.LighterErrorCodes.WS_INVALID_MESSAGE;
import static io.copytrader.lighter.LighterErrorCodes.WS_NOT_SUBSCRIBED;

import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The paper exchange's WebSocket API at {@code /stream}, in Lighter's frame shapes (docs/lighter-api.md,
 * "WebSocket"): a {@code connected} greeting, {@code subscribe}/{@code unsubscribe} with outbound channel names using
 * {@code /} and inbound ones {@code :}, a {@code subscribed/<kind>} snapshot followed by {@code update/<kind>} frames
 * carrying only what changed, and ping/pong.
 *
 * <p>Channels: {@code order_book/{market}} (levels, {@code offset}, {@code nonce}, {@code begin_nonce}; an
 * update is contiguous iff its {@code begin_nonce} is the previous frame's {@code nonce}), and, with an auth
 * token in the subscribe frame, {@code account_all_positions/{account}} and {@code account_all_orders/{account}};
 * {@code user_stats/{account}} without one, as on Lighter.
 *
 * <p>Changes are found by comparing the engine with what was last published, after every mutation
 * ({@link #publish()}); within one publish, stats and positions go out before orders, so a client that sees an
 * order finish already holds the position it produced. Confined to the exchange's context.
 */
final class PaperStreams {

  private static final int MAX_FRAME_CHARS = 64 * 1024;

  private final PaperEngine engine;
  private final PaperJson json;
  private final BiPredicate<String, PaperAccountState> authorized;
  private final Set<Connection> connections = new LinkedHashSet<>();
  private final Map<Integer, BookFeed> books = new HashMap<>();
  private final Map<Long, AccountFeed> accounts = new HashMap<>();
  private final Set<Integer> dropNextBookUpdate = new HashSet<>();
  private boolean accountUpdatesHeld;

  PaperStreams(PaperEngine engine, PaperJson json, BiPredicate<String, PaperAccountState> authorized) {
    this.engine = engine;
    this.json = json;
    this.authorized = authorized;
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
    Connection connection = new Connection(socket);
    connections.add(connection);
    socket.closeHandler(closed -> connections.remove(connection));
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
      engine.accounts.values().forEach(account -> publishAccount(account, now));
    }
  }

  /** The next book update of this market is lost on its way: its nonce is spent but no one receives it. */
  void dropNextBookUpdate(int marketId) {
    dropNextBookUpdate.add(marketId);
  }

  private void receive(Connection connection, String text) {
    JsonObject frame;
    try {
      frame = text.length() > MAX_FRAME_CHARS ? null : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      frame = null;
    }
    if (frame == null) {
      connection.send(error(WS_INVALID_MESSAGE, "Invalid message"));
      return;
    }
    String type = frame.getValue("type") instanceof String value ? value : "";
    switch (type) {
      case "ping" -> connection.send(new JsonObject().put("type", "pong"));
      case "pong" -> {
      }
      case "subscribe" -> subscribe(connection, frame);
      case "unsubscribe" -> unsubscribe(connection, frame);
      default -> connection.send(error(WS_INVALID_MESSAGE, "Invalid message type"));
    }
  }

  private void subscribe(Connection connection, JsonObject frame) {
    String channel = frame.getValue("channel") instanceof String value ? value : "";
    String[] parts = channel.split("/", -1);
    Long id = parts.length == 2 && parts[1].matches("\\d{1,18}") ? Long.parseLong(parts[1]) : null;
    if (id == null) {
      connection.send(error(WS_INVALID_CHANNEL, "Invalid Channel: " + channel));
      return;
    }
    if (connection.channels.contains(channel)) {
      connection.send(error(WS_ALREADY_SUBSCRIBED, "Already Subscribed to : " + inbound(channel)));
      return;
    }
    JsonObject snapshot;
    if (parts[0].equals("order_book")) {
      MarketState market = id <= Integer.MAX_VALUE ? engine.markets.get(id.intValue()) : null;
      if (market == null) {
        connection.send(error(WS_INVALID_CHANNEL, "Invalid Channel: " + channel));
        return;
      }
      snapshot = book(market).snapshot();
    } else if (parts[0].equals("account_all_positions") || parts[0].equals("account_all_orders")
      || parts[0].equals("user_stats")) {
      PaperAccountState account = engine.accounts.get(id);
      if (account == null) {
        connection.send(error(WS_INVALID_CHANNEL, "Invalid Channel: " + channel));
        return;
      }
      // user_stats is public on Lighter (docs/lighter-api.md, "WebSocket"); position and order channels need a token.
      String token = frame.getValue("auth") instanceof String value ? value : null;
      boolean needsToken = !parts[0].equals("user_stats");
      if (needsToken && (token == null || !authorized.test(token, account))) {
        connection.send(error(WS_FAILED_TO_SUBSCRIBE, "Failed to subscribe to " + inbound(channel)
          + ": invalid auth token"));
        return;
      }
      snapshot = account(account).snapshot(parts[0]);
    } else {
      connection.send(error(WS_INVALID_CHANNEL, "Invalid Channel: " + channel));
      return;
    }
    connection.channels.add(channel);
    // The snapshot is the answer: Lighter sends no bare "subscribed" frame first (docs/lighter-api.md, "WebSocket").
    connection.send(snapshot.put("type", "subscribed/" + parts[0]).put("channel", inbound(channel)));
  }

  private void unsubscribe(Connection connection, JsonObject frame) {
    String channel = frame.getValue("channel") instanceof String value ? value : "";
    if (!connection.channels.remove(channel)) {
      connection.send(error(WS_NOT_SUBSCRIBED, "Not Subscribed to : " + inbound(channel)));
      return;
    }
    connection.send(new JsonObject().put("type", "unsubscribed").put("channel", inbound(channel)));
  }

  /** Pushes whatever changed since the last publish to the connections following it. */
  void publish() {
    long now = System.currentTimeMillis();
    for (MarketState market : engine.markets.values()) {
      book(market).update(now).ifPresent(update -> {
        if (dropNextBookUpdate.remove(market.spec.marketId())) {
          return;
        }
        broadcast("order_book/" + market.spec.marketId(), update.put("type", "update/order_book"));
      });
    }
    for (PaperAccountState account : engine.accounts.values()) {
      publishAccount(account, now);
    }
  }

  /**
   * Publishes one account's changes. A transaction changes only its own account: fills leave the synthetic
   * book as it is, and stops trigger only on price moves, which publish everything.
   */
  void publishAccount(long accountIndex) {
    PaperAccountState account = engine.accounts.get(accountIndex);
    if (account != null) {
      publishAccount(account, System.currentTimeMillis());
    }
  }

  private void publishAccount(PaperAccountState account, long now) {
    if (accountUpdatesHeld) {
      return;
    }
    AccountFeed feed = account(account);
    feed.statsUpdate(now).ifPresent(update -> broadcast("user_stats/" + account.index,
      update.put("type", "update/user_stats")));
    feed.positionsUpdate().ifPresent(update -> broadcast("account_all_positions/" + account.index,
      update.put("type", "update/account_all_positions")));
    feed.ordersUpdate().ifPresent(update -> broadcast("account_all_orders/" + account.index,
      update.put("type", "update/account_all_orders")));
  }

  private void broadcast(String channel, JsonObject frame) {
    frame.put("channel", inbound(channel));
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
    return accounts.computeIfAbsent(account.index, index -> new AccountFeed(account));
  }

  private static String inbound(String channel) {
    return channel.replace('/', ':');
  }

  private static JsonObject error(int code, String message) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message)
      .put("error", new JsonObject().put("code", code).put("message", message));
  }

  /** One market's book as last published, and the sequence numbers of its frames. */
  private static final class BookFeed {

    private final MarketState market;
    private Map<BigDecimal, BigDecimal> asks;
    private Map<BigDecimal, BigDecimal> bids;
    private long nonce;
    private long offset;
    private long updatedAtMicros;

    BookFeed(MarketState market) {
      this.market = market;
      this.asks = levels(market.book.asks());
      this.bids = levels(market.book.bids());
      this.nonce = 1;
      this.offset = 1;
      this.updatedAtMicros = System.currentTimeMillis() * 1000;
    }

    JsonObject snapshot() {
      return frame(render(asks), render(bids), nonce, nonce, System.currentTimeMillis());
    }

    /** The levels that changed since the last publish, each with its new size ("0" removes it). */
    Optional<JsonObject> update(long now) {
      Map<BigDecimal, BigDecimal> newAsks = levels(market.book.asks());
      Map<BigDecimal, BigDecimal> newBids = levels(market.book.bids());
      JsonArray askChanges = changes(asks, newAsks);
      JsonArray bidChanges = changes(bids, newBids);
      if (askChanges.isEmpty() && bidChanges.isEmpty()) {
        return Optional.empty();
      }
      asks = newAsks;
      bids = newBids;
      long begin = nonce;
      nonce++;
      offset++;
      updatedAtMicros = now * 1000;
      return Optional.of(frame(askChanges, bidChanges, begin, nonce, now));
    }

    private JsonObject frame(JsonArray askLevels, JsonArray bidLevels, long beginNonce, long frameNonce, long now) {
      return new JsonObject()
        .put("offset", offset)
        .put("last_updated_at", updatedAtMicros)
        .put("timestamp", now)
        .put("order_book", new JsonObject()
          .put("code", 0)
          .put("asks", askLevels)
          .put("bids", bidLevels)
          .put("offset", offset)
          .put("nonce", frameNonce)
          .put("last_updated_at", updatedAtMicros)
          .put("begin_nonce", beginNonce));
    }

    private JsonArray changes(Map<BigDecimal, BigDecimal> before, Map<BigDecimal, BigDecimal> after) {
      JsonArray changed = new JsonArray();
      after.forEach((price, size) -> {
        if (!size.equals(before.get(price))) {
          changed.add(level(price, size));
        }
      });
      before.keySet().stream().filter(price -> !after.containsKey(price))
        .forEach(price -> changed.add(level(price, BigDecimal.ZERO)));
      return changed;
    }

    private JsonArray render(Map<BigDecimal, BigDecimal> side) {
      JsonArray levels = new JsonArray();
      side.forEach((price, size) -> levels.add(level(price, size)));
      return levels;
    }

    private JsonObject level(BigDecimal price, BigDecimal size) {
      return new JsonObject()
        .put("price", price.setScale(market.spec.priceDecimals(), RoundingMode.UNNECESSARY).toPlainString())
        .put("size", size.setScale(market.spec.sizeDecimals(), RoundingMode.DOWN).toPlainString());
    }

    private Map<BigDecimal, BigDecimal> levels(List<SyntheticBook.Level> side) {
      Map<BigDecimal, BigDecimal> levels = new LinkedHashMap<>();
      side.forEach(level -> levels.put(level.price().setScale(market.spec.priceDecimals(), RoundingMode.UNNECESSARY),
        level.size().setScale(market.spec.sizeDecimals(), RoundingMode.DOWN)));
      return levels;
    }
  }

  /** One account's stats, positions and orders as last published. */
  private final class AccountFeed {

    private final PaperAccountState account;
    private JsonObject stats;
    private Map<Integer, JsonObject> positions;
    private final Map<Long, JsonObject> liveOrders = new LinkedHashMap<>();
    private PaperOrder lastFinished;

    AccountFeed(PaperAccountState account) {
      this.account = account;
      this.stats = stats();
      this.positions = positions();
      account.live.forEach(order -> liveOrders.put(order.orderIndex, json.order(order)));
      this.lastFinished = account.finished.peekFirst();
    }

    JsonObject snapshot(String kind) {
      return switch (kind) {
        case "user_stats" -> new JsonObject().put("stats", stats()).put("timestamp", System.currentTimeMillis());
        case "account_all_positions" -> {
          JsonObject byMarket = new JsonObject();
          positions().forEach((market, row) -> byMarket.put(String.valueOf(market), row));
          yield new JsonObject().put("positions", byMarket).put("shares", new JsonArray())
            .put("last_funding_round", null).put("last_funding_discount", null);
        }
        default -> {
          List<JsonObject> live = new ArrayList<>();
          account.live.forEach(order -> live.add(json.order(order)));
          yield new JsonObject().put("orders", byMarket(live));
        }
      };
    }

    Optional<JsonObject> statsUpdate(long now) {
      JsonObject current = stats();
      if (current.equals(stats)) {
        return Optional.empty();
      }
      stats = current;
      return Optional.of(new JsonObject().put("stats", current.copy()).put("timestamp", now));
    }

    Optional<JsonObject> positionsUpdate() {
      Map<Integer, JsonObject> current = positions();
      JsonObject changed = new JsonObject();
      current.forEach((market, row) -> {
        if (!row.equals(positions.get(market))) {
          changed.put(String.valueOf(market), row.copy());
        }
      });
      positions = current;
      if (changed.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new JsonObject().put("positions", changed).put("shares", new JsonArray())
        .put("last_funding_round", null).put("last_funding_discount", null));
    }

    /** Orders created, changed or finished since the last publish, each in its current state. */
    Optional<JsonObject> ordersUpdate() {
      List<JsonObject> changed = new ArrayList<>();
      List<PaperOrder> newlyFinished = new ArrayList<>();
      for (PaperOrder order : account.finished) {
        if (order == lastFinished) {
          break;
        }
        newlyFinished.add(order);
      }
      lastFinished = account.finished.peekFirst();
      // Oldest first, so a client applying them in order ends with each order's latest state.
      for (int i = newlyFinished.size() - 1; i >= 0; i--) {
        PaperOrder order = newlyFinished.get(i);
        liveOrders.remove(order.orderIndex);
        changed.add(json.order(order));
      }
      Map<Long, JsonObject> stillLive = new LinkedHashMap<>();
      for (PaperOrder order : account.live) {
        JsonObject current = json.order(order);
        if (!current.equals(liveOrders.get(order.orderIndex))) {
          changed.add(current);
        }
        stillLive.put(order.orderIndex, current);
      }
      liveOrders.clear();
      liveOrders.putAll(stillLive);
      if (changed.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new JsonObject().put("orders", byMarket(changed)));
    }

    private JsonObject byMarket(List<JsonObject> orders) {
      JsonObject grouped = new JsonObject();
      for (JsonObject order : orders) {
        String market = String.valueOf(order.getValue("market_index"));
        JsonArray list = grouped.getJsonArray(market);
        if (list == null) {
          list = new JsonArray();
          grouped.put(market, list);
        }
        list.add(order.copy());
      }
      return grouped;
    }

    private Map<Integer, JsonObject> positions() {
      Map<Integer, JsonObject> rows = new LinkedHashMap<>();
      JsonArray all = json.account(account, false).getJsonArray("positions");
      for (int i = 0; i < all.size(); i++) {
        JsonObject row = all.getJsonObject(i);
        rows.put(row.getInteger("market_id"), row);
      }
      return rows;
    }

    private JsonObject stats() {
      BigDecimal equity = engine.equity(account);
      BigDecimal margin = engine.marginInUse(account);
      BigDecimal usage = equity.signum() > 0
        ? margin.multiply(BigDecimal.valueOf(100)).divide(equity, 2, RoundingMode.HALF_EVEN) : BigDecimal.ZERO;
      JsonObject figures = new JsonObject()
        .put("available_balance", PaperJson.usdc(engine.available(account)))
        .put("buying_power", PaperJson.usdc(engine.available(account)))
        .put("collateral", PaperJson.usdc(account.collateral))
        .put("leverage", equity.signum() > 0 ? notional().divide(equity, 2, RoundingMode.HALF_EVEN).toPlainString()
          : "0.00")
        .put("margin_usage", usage.setScale(2, RoundingMode.HALF_EVEN).toPlainString())
        .put("portfolio_value", PaperJson.usdc(equity));
      return figures.copy().put("account_trading_mode", 0).put("cross_stats", figures.copy())
        .put("total_stats", figures.copy());
    }

    private BigDecimal notional() {
      BigDecimal total = BigDecimal.ZERO;
      for (PaperPosition position : account.positions.values()) {
        total = total.add(position.size.abs().multiply(engine.markets.get(position.marketId).mid));
      }
      return total;
    }
  }
}
