package io.copytrader.market;

import io.copytrader.FailureCode;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** A market asked for on the event bus: by id ({@code market_id}) or by symbol; the id wins when both are given. */
record MarketQuery(Integer marketId, String symbol) {

  static MarketQuery parse(Object body) {
    if (!(body instanceof JsonObject json)) {
      throw new IllegalArgumentException("a market query is a JSON object with market_id or symbol");
    }
    Object id = json.getValue("market_id");
    if (id != null) {
      if (!(id instanceof Integer || id instanceof Long || id instanceof Short || id instanceof Byte)) {
        throw new IllegalArgumentException("market_id must be an integer");
      }
      long value = ((Number) id).longValue();
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("market_id is out of range");
      }
      return new MarketQuery((int) value, null);
    }
    Object symbol = json.getValue("symbol");
    if (symbol instanceof String text && !text.isBlank()) {
      return new MarketQuery(null, text.trim());
    }
    throw new IllegalArgumentException("a market query needs market_id or a non-empty symbol");
  }

  Optional<Market> find(MarketTable table) {
    return marketId != null ? table.byId(marketId) : table.bySymbol(symbol);
  }

  FailureCode missingCode() {
    return marketId != null ? FailureCode.UNKNOWN_MARKET : FailureCode.UNKNOWN_SYMBOL;
  }

  String describe() {
    return marketId != null ? "market_id " + marketId : "symbol " + symbol;
  }
}
