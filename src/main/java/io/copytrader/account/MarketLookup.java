package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.market.Market;
import io.copytrader.market.MarketJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Several markets looked up in the market cache at once, for a protection run that meets them on the exchange. */
final class MarketLookup {

  private MarketLookup() {
  }

  /** The markets of {@code marketIds} the cache knows, by id; one it does not know or cannot answer for is left out. */
  static Future<Map<Integer, Market>> known(Vertx vertx, Set<Integer> marketIds) {
    Map<Integer, Market> found = new HashMap<>();
    List<Future<Void>> lookups = new ArrayList<>();
    for (int marketId : marketIds) {
      lookups.add(vertx.eventBus().<JsonObject>request(Addresses.MARKET_RESOLVE,
          new JsonObject().put("market_id", marketId))
        .map(Message::body).map(MarketJson::fromJson)
        .onSuccess(market -> found.put(marketId, market))
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture()));
    }
    return Future.join(lookups).transform(done -> Future.succeededFuture(found));
  }
}
