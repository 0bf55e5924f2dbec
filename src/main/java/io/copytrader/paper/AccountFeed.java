package io.copytrader.paper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's channels: {@code user_stats}, {@code account_all_positions}, {@code account_all_trades},
 * {@code account_all}, {@code account_all_orders} and {@code account_orders/{market}}, each a snapshot on subscribe
 * and then updates carrying only what changed since the last publish (docs/lighter-api.md, "WebSocket"). The
 * account's trades are its fills ({@link PaperTrade}); the paper exchange pays no funding ({@link Funding}), so
 * {@code funding_histories} stays empty. Confined to the exchange's context.
 */
final class AccountFeed {

  /** How many of the account's latest trades a snapshot carries. */
  private static final int SNAPSHOT_TRADES = 100;
  private static final long DAY_MS = 86_400_000L;

  private final PaperEngine engine;
  private final PaperJson json;
  private final PaperAccountState account;
  private JsonObject stats;
  private Map<Integer, JsonObject> positions;
  private final Map<Long, JsonObject> liveOrders = new LinkedHashMap<>();
  private PaperOrder lastFinished;
  private long lastTradeId;
  /** Counts the account_orders frames, as their {@code nonce}. */
  private long ordersNonce;

  AccountFeed(PaperEngine engine, PaperJson json, PaperAccountState account) {
    this.engine = engine;
    this.json = json;
    this.account = account;
    this.stats = stats();
    this.positions = positions();
    account.live.forEach(order -> liveOrders.put(order.orderIndex, json.order(order)));
    this.lastFinished = account.finished.peekFirst();
    this.lastTradeId = engine.trades().newestId();
  }

  JsonObject snapshot(StreamChannel channel, long now) {
    return switch (channel.kind()) {
      case USER_STATS -> new JsonObject().put("stats", stats()).put("timestamp", now);
      case ACCOUNT_ALL_POSITIONS -> positionsFrame(positions());
      case ACCOUNT_ALL_TRADES -> volumes(now, false).put("trades", byMarket(recentTrades()));
      case ACCOUNT_ALL -> accountAll(positions(), recentTrades(), now);
      case ACCOUNT_ORDERS -> {
        List<JsonObject> live = new ArrayList<>();
        account.live.stream().filter(order -> order.marketId == channel.market())
          .forEach(order -> live.add(json.order(order)));
        yield accountOrders(channel.market(), live);
      }
      default -> {
        List<JsonObject> live = new ArrayList<>();
        account.live.forEach(order -> live.add(json.order(order)));
        yield new JsonObject().put("orders", byMarket(live));
      }
    };
  }

  /**
   * The update frames of what changed since the last publish, by outbound channel name, in the order they go out:
   * stats, positions and trades before orders, so a client that sees an order finish already holds what it produced.
   */
  Map<String, JsonObject> updates(long now) {
    Map<String, JsonObject> frames = new LinkedHashMap<>();
    long index = account.index;
    JsonObject currentStats = stats();
    if (!currentStats.equals(stats)) {
      stats = currentStats;
      frames.put("user_stats/" + index, new JsonObject().put("stats", currentStats.copy()).put("timestamp", now));
    }
    Map<Integer, JsonObject> changedPositions = changedPositions();
    if (!changedPositions.isEmpty()) {
      frames.put("account_all_positions/" + index, positionsFrame(changedPositions));
    }
    List<JsonObject> trades = newTrades();
    if (!trades.isEmpty()) {
      frames.put("account_all_trades/" + index, new JsonObject().put("trades", byMarket(trades)));
    }
    if (!changedPositions.isEmpty() || !trades.isEmpty()) {
      frames.put("account_all/" + index, accountAll(changedPositions, trades, now));
    }
    List<JsonObject> orders = changedOrders();
    if (!orders.isEmpty()) {
      JsonObject byMarket = byMarket(orders);
      frames.put("account_all_orders/" + index, new JsonObject().put("orders", byMarket));
      for (String market : byMarket.fieldNames()) {
        List<JsonObject> ofMarket = new ArrayList<>();
        byMarket.getJsonArray(market).forEach(order -> ofMarket.add((JsonObject) order));
        frames.put("account_orders/" + market + "/" + index, accountOrders(Integer.parseInt(market), ofMarket));
      }
    }
    return frames;
  }

  private JsonObject accountOrders(int market, List<JsonObject> orders) {
    JsonObject byMarket = byMarket(orders);
    if (byMarket.isEmpty()) {
      byMarket.put(String.valueOf(market), new JsonArray());
    }
    return new JsonObject().put("account", account.index).put("nonce", ++ordersNonce).put("orders", byMarket);
  }

  private static JsonObject positionsFrame(Map<Integer, JsonObject> rows) {
    JsonObject byMarket = new JsonObject();
    rows.forEach((market, row) -> byMarket.put(String.valueOf(market), row.copy()));
    return new JsonObject().put("positions", byMarket).put("shares", new JsonArray())
      .put("last_funding_round", null).put("last_funding_discount", null);
  }

  /** Lighter's combined account channel: positions, trades, funding and the trade counts and volumes. */
  private JsonObject accountAll(Map<Integer, JsonObject> rows, List<JsonObject> trades, long now) {
    JsonObject frame = volumes(now, true).put("account", account.index);
    return frame.put("positions", positionsFrame(rows).getJsonObject("positions"))
      .put("trades", byMarket(trades))
      .put("funding_histories", new JsonObject())
      .put("shares", new JsonArray());
  }

  /** The account's traded volume (quote) over a day, a week, 30 days and all kept trades; counts as asked. */
  private JsonObject volumes(long now, boolean withCounts) {
    long[] windows = {DAY_MS, 7 * DAY_MS, 30 * DAY_MS, Long.MAX_VALUE};
    String[] names = {"daily", "weekly", "monthly", "total"};
    BigDecimal[] volume = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    long[] count = new long[4];
    for (PaperTrade trade : engine.trades()) {
      if (trade.takerAccount() != account.index) {
        continue;
      }
      for (int i = 0; i < windows.length; i++) {
        if (now - trade.timestamp() < windows[i]) {
          volume[i] = volume[i].add(trade.size().multiply(trade.price()));
          count[i]++;
        }
      }
    }
    JsonObject figures = new JsonObject();
    for (int i = 0; i < names.length; i++) {
      // Lighter sends these volumes as JSON numbers (AccountTradeStats), so a double at the edge, not before.
      figures.put(names[i] + "_volume", volume[i].setScale(PaperJson.USDC_DECIMALS, RoundingMode.HALF_EVEN)
        .doubleValue());
      if (withCounts) {
        figures.put(names[i] + "_trades_count", count[i]);
      }
    }
    return figures;
  }

  private List<JsonObject> recentTrades() {
    List<JsonObject> recent = new ArrayList<>();
    for (PaperTrade trade : engine.trades()) {
      if (recent.size() == SNAPSHOT_TRADES) {
        break;
      }
      if (trade.takerAccount() == account.index) {
        recent.add(json.trade(trade));
      }
    }
    return recent;
  }

  /** The account's fills since the last publish, newest first, as Lighter lists trades. */
  private List<JsonObject> newTrades() {
    List<JsonObject> fresh = new ArrayList<>();
    for (PaperTrade trade : engine.trades()) {
      if (trade.tradeId() <= lastTradeId) {
        break;
      }
      if (trade.takerAccount() == account.index) {
        fresh.add(json.trade(trade));
      }
    }
    lastTradeId = engine.trades().newestId();
    return fresh;
  }

  private Map<Integer, JsonObject> changedPositions() {
    Map<Integer, JsonObject> current = positions();
    Map<Integer, JsonObject> changed = new LinkedHashMap<>();
    current.forEach((market, row) -> {
      if (!row.equals(positions.get(market))) {
        changed.put(market, row);
      }
    });
    positions = current;
    return changed;
  }

  /** Orders created, changed or finished since the last publish, each in its current state. */
  private List<JsonObject> changedOrders() {
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
    return changed;
  }

  /** Orders or trades grouped under their market id, as Lighter keys them. */
  private static JsonObject byMarket(List<JsonObject> rows) {
    JsonObject grouped = new JsonObject();
    for (JsonObject row : rows) {
      String market = String.valueOf(row.getValue(row.containsKey("market_index") ? "market_index" : "market_id"));
      JsonArray list = grouped.getJsonArray(market);
      if (list == null) {
        list = new JsonArray();
        grouped.put(market, list);
      }
      list.add(row.copy());
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
      total = total.add(position.size.abs().multiply(engine.market(position.marketId).orElse(null).mid));
    }
    return total;
  }
}
