package io.copytrader.killswitch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A position the account view shows open, as much of it as closing it needs.
 *
 * @param size the absolute size, as the exchange reports it
 * @param sign 1 for long, -1 for short
 */
record OpenPosition(int marketId, String symbol, BigDecimal size, int sign) {

  /** The open positions of an account view ({@code GET /api/account/{index}}'s shape). */
  static List<OpenPosition> of(JsonObject view) {
    List<OpenPosition> open = new ArrayList<>();
    for (Object entry : view.getJsonArray("positions", new JsonArray())) {
      JsonObject position = (JsonObject) entry;
      String size = position.getString("position");
      if (size != null && new BigDecimal(size).signum() != 0) {
        open.add(new OpenPosition(position.getInteger("market_id"), position.getString("symbol"),
          new BigDecimal(size).abs(), position.getInteger("sign", 1)));
      }
    }
    return open;
  }

  /** "ETH 1.25 long", for the operator. */
  String label() {
    return symbol + " " + size.stripTrailingZeros().toPlainString() + (sign < 0 ? " short" : " long");
  }
}
