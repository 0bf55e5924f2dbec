package io.copytrader.leader;

import io.copytrader.Addresses;
import io.copytrader.market.Market;
import io.copytrader.market.MarketJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The markets a leader trades in, by id, from the market cache; asked again when one is not known. */
final class MarketNames {

  private final Vertx vertx;
  private final Map<Integer, Market> byId = new HashMap<>();

  MarketNames(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Makes sure these markets are known if the cache knows them; never fails (unknown ones stay unknown). */
  Future<Void> know(Collection<Integer> marketIds) {
    if (byId.keySet().containsAll(marketIds)) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().<JsonObject>request(Addresses.MARKET_LIST, new JsonObject())
      .onSuccess(reply -> reply.body().getJsonArray("markets").forEach(item -> {
        Market market = MarketJson.fromJson((JsonObject) item);
        byId.put(market.marketId(), market);
      }))
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  Optional<Market> market(int marketId) {
    return Optional.ofNullable(byId.get(marketId));
  }

  /** The market's symbol, or null when not known. */
  String symbol(int marketId) {
    Market market = byId.get(marketId);
    return market == null ? null : market.symbol();
  }
}
