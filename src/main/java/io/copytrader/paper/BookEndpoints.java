package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.INVALID_MARKET_INDEX;
import static io.copytrader.paper.PaperExchange.ALL_MARKETS;
import static io.copytrader.paper.PaperExchange.invalidParam;
import static io.copytrader.paper.PaperExchange.longParam;
import static io.copytrader.paper.PaperExchange.narrow;
import static io.copytrader.paper.PaperExchange.send;

import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * The paper exchange's market list and books: {@code orderBooks}, {@code orderBookDetails} (both filtered by
 * {@code market_id} and {@code filter}) and {@code orderBookOrders} (the synthetic book's levels). Confined to the
 * exchange's context.
 */
final class BookEndpoints {

  private final PaperEngine engine;
  private final PaperJson json;

  BookEndpoints(PaperEngine engine, PaperJson json) {
    this.engine = engine;
    this.json = json;
  }

  void route(Router router) {
    router.get("/api/v1/orderBooks").handler(this::orderBooks);
    router.get("/api/v1/orderBookDetails").handler(this::orderBookDetails);
    router.get("/api/v1/orderBookOrders").handler(this::orderBookOrders);
  }

  private void orderBooks(RoutingContext ctx) {
    marketFilter(ctx).ifPresent(filter -> send(ctx, 200, json.orderBooks(filter)));
  }

  private void orderBookDetails(RoutingContext ctx) {
    marketFilter(ctx).ifPresent(filter -> send(ctx, 200, json.orderBookDetails(filter)));
  }

  /** {@code market_id} (255 or absent = all) and {@code filter} (all|perp|spot; there are no spot markets). */
  private Optional<PaperJson.MarketFilter> marketFilter(RoutingContext ctx) {
    String marketParam = ctx.queryParams().get("market_id");
    Long marketId = longParam(ctx, "market_id");
    String filter = ctx.queryParams().get("filter");
    boolean badMarket = marketParam != null && marketId == null;
    if (badMarket || (filter != null && !Set.of("all", "perp", "spot").contains(filter))) {
      invalidParam(ctx);
      return Optional.empty();
    }
    return Optional.of(new PaperJson.MarketFilter(marketId == null || marketId == ALL_MARKETS ? null : marketId,
      !"spot".equals(filter)));
  }

  private void orderBookOrders(RoutingContext ctx) {
    Long marketId = longParam(ctx, "market_id");
    Long limit = longParam(ctx, "limit");
    if (marketId == null || limit == null || limit < 1 || limit > 250) {
      invalidParam(ctx);
      return;
    }
    Optional<MarketState> market = engine.market(narrow(marketId));
    if (market.isEmpty()) {
      send(ctx, 400, PaperJson.error(INVALID_MARKET_INDEX, "invalid market index"));
      return;
    }
    send(ctx, 200, json.orderBookOrders(market.get(), limit.intValue()));
  }
}
