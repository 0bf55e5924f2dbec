package io.copytrader.market;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * The event-bus form of a {@link Market}: snake_case names, decimals as strings so no reader turns them
 * into doubles.
 */
public final class MarketJson {

  private MarketJson() {
  }

  public static JsonObject toJson(Market market) {
    return new JsonObject()
      .put("market_id", market.marketId())
      .put("symbol", market.symbol())
      .put("active", market.active())
      .put("size_decimals", market.sizeDecimals())
      .put("price_decimals", market.priceDecimals())
      .put("min_base_amount", market.minBaseAmount().toPlainString())
      .put("min_quote_amount", market.minQuoteAmount().toPlainString())
      .put("default_initial_margin_fraction", market.defaultInitialMarginFraction().toPlainString())
      .put("min_initial_margin_fraction", market.minInitialMarginFraction() == null ? null
        : market.minInitialMarginFraction().toPlainString())
      .put("force_reduce_only", market.access().forceReduceOnly())
      .put("hidden", market.access().hidden())
      .put("trading_hours", market.access().tradingHours())
      .put("multiplier", market.access().multiplier().toPlainString());
  }

  /** The inverse of {@link #toJson}; a missing or malformed field is an {@link IllegalArgumentException}. */
  public static Market fromJson(JsonObject json) {
    try {
      return new Market(
        json.getInteger("market_id"),
        required(json.getString("symbol"), "symbol"),
        json.getBoolean("active"),
        json.getInteger("size_decimals"),
        json.getInteger("price_decimals"),
        decimal(json, "min_base_amount"),
        decimal(json, "min_quote_amount"),
        decimal(json, "default_initial_margin_fraction"),
        json.getString("min_initial_margin_fraction") == null ? null
          : decimal(json, "min_initial_margin_fraction"),
        new MarketAccess(json.getBoolean("force_reduce_only"), json.getBoolean("hidden"),
          required(json.getString("trading_hours"), "trading_hours"), decimal(json, "multiplier")));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("market JSON is missing a field or has a wrong type", e);
    }
  }

  private static BigDecimal decimal(JsonObject json, String field) {
    return new BigDecimal(required(json.getString(field), field));
  }

  private static String required(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }
}
