package io.copytrader.paper;

import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public market channels: {@code market_stats/{market}} and {@code market_stats/all} (Lighter's
 * PerpsMarketStats: prices as strings, daily figures as numbers, {@code funding_timestamp} in ms as the WebSocket
 * sends it) and {@code trade/{market}}, the tape of fills (Lighter's Trade, naming the ask and the bid account; the
 * maker is the synthetic book, account 0). A snapshot on subscribe, then updates of what changed since the last
 * publish (docs/lighter-api.md, "WebSocket"). Confined to the exchange's context.
 */
final class MarketFeeds {

  private static final int SNAPSHOT_TRADES = 50;
  private static final long HOUR_MS = 3_600_000L;

  private final PaperEngine engine;
  private final PaperJson json;
  /** Each market's stats as last published, without the time-dependent funding_timestamp. */
  private final Map<Integer, JsonObject> published = new HashMap<>();
  private final Map<Integer, Long> tradeNonces = new HashMap<>();
  /** Each market's fills of the last day, kept up to date from the trade log by {@link #foldNewTrades}. */
  private final Map<Integer, DailyWindow> daily = new HashMap<>();
  private long lastTradeId;
  private long lastFoldedTradeId;

  MarketFeeds(PaperEngine engine, PaperJson json) {
    this.engine = engine;
    this.json = json;
    this.lastTradeId = engine.trades().newestId();
    allStats(System.currentTimeMillis()).forEach((market, row) -> published.put(market, comparable(row)));
  }

  /** {@code market_stats}: one market's stats, or with {@link StreamChannel#ALL_MARKETS} every market's by id. */
  JsonObject statsSnapshot(int market, long now) {
    Map<Integer, JsonObject> all = allStats(now);
    if (market != StreamChannel.ALL_MARKETS) {
      return new JsonObject().put("market_stats", all.get(market)).put("timestamp", now);
    }
    JsonObject byMarket = new JsonObject();
    all.forEach((id, row) -> byMarket.put(String.valueOf(id), row));
    return new JsonObject().put("market_stats", byMarket).put("timestamp", now);
  }

  /** {@code trade}: the market's latest fills, newest first. */
  JsonObject tradeSnapshot(int market) {
    JsonArray trades = new JsonArray();
    for (PaperTrade trade : engine.trades()) {
      if (trades.size() == SNAPSHOT_TRADES) {
        break;
      }
      if (trade.marketId() == market) {
        trades.add(json.trade(trade));
      }
    }
    return tradeFrame(market, trades, tradeNonces.getOrDefault(market, 0L));
  }

  /** The update frames of what changed since the last publish, by outbound channel name. */
  Map<String, JsonObject> updates(long now) {
    Map<String, JsonObject> frames = new LinkedHashMap<>();
    Map<Integer, JsonArray> fresh = new LinkedHashMap<>();
    for (PaperTrade trade : engine.trades()) {
      if (trade.tradeId() <= lastTradeId) {
        break;
      }
      fresh.computeIfAbsent(trade.marketId(), market -> new JsonArray()).add(json.trade(trade));
    }
    lastTradeId = engine.trades().newestId();
    fresh.forEach((market, trades) -> frames.put("trade/" + market,
      tradeFrame(market, trades, tradeNonces.merge(market, 1L, Long::sum))));
    JsonObject changed = new JsonObject();
    allStats(now).forEach((market, row) -> {
      if (!comparable(row).equals(published.get(market))) {
        published.put(market, comparable(row));
        changed.put(String.valueOf(market), row);
        frames.put("market_stats/" + market, new JsonObject().put("market_stats", row).put("timestamp", now));
      }
    });
    if (!changed.isEmpty()) {
      frames.put("market_stats/all", new JsonObject().put("market_stats", changed).put("timestamp", now));
    }
    return frames;
  }

  private static JsonObject tradeFrame(int market, JsonArray trades, long nonce) {
    return new JsonObject().put("trades", trades).put("liquidation_trades", new JsonArray()).put("nonce", nonce);
  }

  /** A row without {@code funding_timestamp}, which moves on the hour whether anything else changed or not. */
  private static JsonObject comparable(JsonObject row) {
    JsonObject copy = row.copy();
    copy.remove("funding_timestamp");
    return copy;
  }

  private Map<Integer, JsonObject> allStats(long now) {
    foldNewTrades();
    long oldestKept = engine.trades().oldestId();
    daily.values().forEach(window -> window.evict(now, oldestKept));
    Map<Integer, BigDecimal> openInterest = new HashMap<>();
    engine.accounts().forEach(account -> account.positions.values().forEach(position ->
      openInterest.merge(position.marketId, position.size.abs(), BigDecimal::add)));
    Map<Integer, JsonObject> rows = new LinkedHashMap<>();
    for (MarketState market : engine.markets()) {
      int id = market.spec.marketId();
      rows.put(id, stats(market, daily.computeIfAbsent(id, ignored -> new DailyWindow()),
        openInterest.getOrDefault(id, BigDecimal.ZERO), now));
    }
    return rows;
  }

  /** Adds the fills made since the last fold to their markets' windows, oldest first. */
  private void foldNewTrades() {
    List<PaperTrade> fresh = new ArrayList<>();
    for (PaperTrade trade : engine.trades()) {
      if (trade.tradeId() <= lastFoldedTradeId) {
        break;
      }
      fresh.add(trade);
    }
    for (int i = fresh.size() - 1; i >= 0; i--) {
      PaperTrade trade = fresh.get(i);
      daily.computeIfAbsent(trade.marketId(), ignored -> new DailyWindow()).add(trade);
    }
    lastFoldedTradeId = engine.trades().newestId();
  }

  /**
   * Lighter's PerpsMarketStats. Every paper position faces the synthetic book, so the open interest is the sum of
   * the accounts' position sizes; there is no open interest limit, so none is listed. The daily figures come from
   * the market's fills of the last 24 hours ({@code day}) and its mid.
   */
  private JsonObject stats(MarketState market, DailyWindow day, BigDecimal openInterest, long now) {
    String rate = BigDecimal.valueOf(Funding.rate(market)).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    BigDecimal last = day.last().orElse(market.mid);
    BigDecimal first = day.first().orElse(market.mid);
    BigDecimal low = day.low().map(market.mid::min).orElse(market.mid);
    BigDecimal high = day.high().map(market.mid::max).orElse(market.mid);
    BigDecimal base = day.baseVolume();
    BigDecimal quote = day.quoteVolume();
    List<SyntheticBook.Level> asks = market.book.asks();
    List<SyntheticBook.Level> bids = market.book.bids();
    return new JsonObject()
      .put("symbol", market.spec.symbol())
      .put("market_id", market.spec.marketId())
      .put("index_price", PaperJson.price(market, Funding.index(market)))
      .put("mark_price", PaperJson.price(market, Funding.mark(market)))
      .put("mid_price", PaperJson.price(market, market.mid))
      .put("best_ask_price", asks.isEmpty() ? "" : PaperJson.price(market, asks.get(0).price()))
      .put("best_bid_price", bids.isEmpty() ? "" : PaperJson.price(market, bids.get(0).price()))
      .put("open_interest", PaperJson.scaled(openInterest, market.spec.sizeDecimals()))
      .put("funding_clamp_small", Funding.CLAMP_SMALL.toPlainString())
      .put("funding_clamp_big", Funding.CLAMP_BIG.toPlainString())
      .put("last_trade_price", PaperJson.price(market, last))
      .put("current_funding_rate", rate)
      .put("funding_rate", rate)
      .put("funding_timestamp", (now / HOUR_MS + 1) * HOUR_MS)
      // Daily figures are JSON numbers on Lighter (PerpsMarketStats): doubles at the edge, not before.
      .put("daily_base_token_volume", base.doubleValue())
      .put("daily_quote_token_volume", quote.setScale(PaperJson.USDC_DECIMALS, RoundingMode.HALF_EVEN)
        .doubleValue())
      .put("daily_price_low", low.doubleValue())
      .put("daily_price_high", high.doubleValue())
      .put("daily_price_change", first.signum() == 0 ? 0.0
        : last.subtract(first).multiply(BigDecimal.valueOf(100)).divide(first, 6, RoundingMode.HALF_EVEN)
          .doubleValue())
      .put("base_interest_rate", Funding.BASE_INTEREST_RATE.toPlainString());
  }
}
