package io.copytrader.leader;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;

/**
 * A follower as its account view ({@code Addresses.accountView}) shows it: equity, signed positions and the price
 * each position is valued at.
 */
record FollowerAccount(BigDecimal equity, Map<Integer, BigDecimal> positions, Map<Integer, BigDecimal> prices) {

  FollowerAccount {
    positions = Map.copyOf(positions);
    prices = Map.copyOf(prices);
  }

  static FollowerAccount fromView(JsonObject view) {
    Map<Integer, BigDecimal> positions = new HashMap<>();
    Map<Integer, BigDecimal> prices = new HashMap<>();
    JsonArray rows = view.getJsonArray("positions", new JsonArray());
    for (Object item : rows) {
      JsonObject row = (JsonObject) item;
      BigDecimal size = decimal(row.getString("position"));
      if (size == null || size.signum() == 0) {
        continue;
      }
      int market = row.getInteger("market_id");
      positions.put(market, row.getInteger("sign", 1) < 0 ? size.abs().negate() : size.abs());
      BigDecimal value = decimal(row.getString("position_value"));
      if (value != null && value.signum() > 0) {
        prices.put(market, value.abs().divide(size.abs(), MathContext.DECIMAL64));
      }
    }
    return new FollowerAccount(decimal(view.getString("total_asset_value")), positions, prices);
  }

  BigDecimal position(int marketId) {
    return positions.getOrDefault(marketId, BigDecimal.ZERO);
  }

  private static BigDecimal decimal(String text) {
    return text == null || text.isBlank() ? null : new BigDecimal(text);
  }
}
