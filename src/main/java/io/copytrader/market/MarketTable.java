package io.copytrader.market;

import io.copytrader.lighter.OrderBook;
import io.copytrader.lighter.OrderBookDetail;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An immutable snapshot of the tradable perpetual markets, by id and by upper-cased symbol. */
final class MarketTable {

  static final MarketTable EMPTY = new MarketTable(List.of());

  private final List<Market> markets;
  private final Map<Integer, Market> byId;
  private final Map<String, Market> bySymbol;

  private MarketTable(List<Market> markets) {
    this.markets = List.copyOf(markets);
    this.byId = markets.stream().collect(Collectors.toUnmodifiableMap(Market::marketId, Function.identity()));
    Map<String, Market> symbols = new HashMap<>();
    for (Market market : markets) {
      // Two rows can share a symbol (a relisting); the active one is the one to trade.
      symbols.merge(key(market.symbol()), market, (kept, other) -> kept.active() ? kept : other);
    }
    this.bySymbol = Map.copyOf(symbols);
  }

  /**
   * Joins the market list with the details. Perpetual markets only; a market without details (no decimals
   * or margin) or with an id beyond int cannot be traded and is left out. Active when both sources say so.
   */
  static MarketTable of(Collection<OrderBook> books, Collection<OrderBookDetail> details) {
    Map<Long, OrderBookDetail> detailById = details.stream()
      .collect(Collectors.toMap(OrderBookDetail::marketId, Function.identity(), (first, second) -> first));
    List<Market> markets = new ArrayList<>();
    for (OrderBook book : books) {
      OrderBookDetail detail = detailById.get(book.marketId());
      if (!book.perp() || detail == null || book.marketId() < 0 || book.marketId() > Integer.MAX_VALUE
        || book.symbol() == null || book.minBaseAmount() == null || book.minQuoteAmount() == null) {
        continue;
      }
      markets.add(new Market(
        (int) book.marketId(),
        book.symbol(),
        book.active() && detail.active(),
        detail.sizeDecimals(),
        detail.priceDecimals(),
        book.minBaseAmount(),
        book.minQuoteAmount(),
        detail.defaultInitialMarginFractionRatio(),
        detail.minInitialMarginFraction() > 0 ? detail.minInitialMarginFractionRatio() : null,
        access(detail)));
    }
    markets.sort(Comparator.comparingInt(Market::marketId));
    return new MarketTable(markets);
  }

  /**
   * What the market allows besides exits. A field Lighter leaves out counts as in the live capture
   * (docs/lighter-api.md): not reduce-only, not hidden, no trading hours, multiplier 1.
   */
  static MarketAccess access(OrderBookDetail detail) {
    OrderBookDetail.MarketConfig config = detail.marketConfig();
    String hours = config == null || config.tradingHours() == null ? "" : config.tradingHours();
    return new MarketAccess(config != null && config.forceReduceOnly(), config != null && config.hidden(), hours,
      detail.multiplier() == null ? BigDecimal.ONE : detail.multiplier());
  }

  static MarketTable of(List<Market> markets) {
    return new MarketTable(markets);
  }

  boolean isEmpty() {
    return markets.isEmpty();
  }

  List<Market> all() {
    return markets;
  }

  Optional<Market> byId(int marketId) {
    return Optional.ofNullable(byId.get(marketId));
  }

  Optional<Market> bySymbol(String symbol) {
    return Optional.ofNullable(bySymbol.get(key(symbol)));
  }

  private static String key(String symbol) {
    return symbol.trim().toUpperCase(Locale.ROOT);
  }
}
