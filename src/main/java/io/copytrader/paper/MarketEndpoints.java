package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.INVALID_MARKET_INDEX;
import static io.copytrader.paper.PaperExchange.ALL_MARKETS;
import static io.copytrader.paper.PaperExchange.invalidParam;
import static io.copytrader.paper.PaperExchange.longParam;
import static io.copytrader.paper.PaperExchange.narrow;
import static io.copytrader.paper.PaperExchange.send;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The paper exchange's market endpoints beside the books: {@code assetDetails} (USDC, the only asset),
 * {@code funding-rates} ({@link Funding}), {@code recentTrades} and {@code trades} (the fills of {@link PaperTrade},
 * newest first, paged by {@code next_cursor}). {@code trades} of one account ({@code account_index}) need that
 * account's auth token, as its orders do. Trades are not held back by a lookup lag. Confined to the exchange's
 * context.
 */
final class MarketEndpoints {

  private static final int MAX_TRADES = 100;
  private static final Set<String> SORT_BY = Set.of("block_height", "timestamp", "trade_id");

  private final PaperEngine engine;
  private final PaperJson json;

  MarketEndpoints(PaperEngine engine, PaperJson json) {
    this.engine = engine;
    this.json = json;
  }

  void route(Router router) {
    router.get("/api/v1/assetDetails").handler(this::assetDetails);
    router.get("/api/v1/funding-rates").handler(this::fundingRates);
    router.get("/api/v1/recentTrades").handler(this::recentTrades);
    router.get("/api/v1/trades").handler(this::trades);
  }

  /** USDC, the collateral of every account: its whole value counts as margin, and nothing caps it. */
  private void assetDetails(RoutingContext ctx) {
    Long assetId = longParam(ctx, "asset_id");
    if (ctx.queryParams().get("asset_id") != null && assetId == null) {
      invalidParam(ctx);
      return;
    }
    JsonArray assets = new JsonArray();
    if (assetId == null || assetId == PaperJson.USDC_ASSET_ID) {
      BigDecimal supplied = engine.accounts().stream().map(account -> account.collateral)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
      String one = PaperJson.usdc(BigDecimal.ONE);
      String zero = PaperJson.usdc(BigDecimal.ZERO);
      assets.add(new JsonObject()
        .put("asset_id", PaperJson.USDC_ASSET_ID)
        .put("symbol", "USDC")
        .put("l1_decimals", PaperJson.USDC_DECIMALS)
        .put("decimals", PaperJson.USDC_DECIMALS)
        .put("min_transfer_amount", zero)
        .put("min_withdrawal_amount", zero)
        .put("margin_mode", "enabled")
        .put("index_price", one)
        .put("price_decimals", PaperJson.USDC_DECIMALS)
        // The paper exchange has no L1: no token contract.
        .put("l1_address", "0x0000000000000000000000000000000000000000")
        .put("loan_to_value", one)
        .put("liquidation_threshold", one)
        .put("liquidation_factor", one)
        .put("liquidation_fee", zero)
        .put("global_supply_cap", zero)
        .put("user_supply_cap", zero)
        .put("total_supplied", PaperJson.usdc(supplied))
        .put("multiplier", PaperJson.ONE));
    }
    send(ctx, 200, PaperJson.ok().put("asset_details", assets));
  }

  private void fundingRates(RoutingContext ctx) {
    JsonArray rates = new JsonArray();
    engine.markets().stream().filter(market -> market.spec.active()).forEach(market -> rates.add(
      new JsonObject().put("market_id", market.spec.marketId()).put("exchange", "lighter")
        .put("symbol", market.spec.symbol()).put("rate", Funding.rate(market))));
    send(ctx, 200, PaperJson.ok().put("funding_rates", rates));
  }

  private void recentTrades(RoutingContext ctx) {
    Long marketId = longParam(ctx, "market_id");
    Long limit = longParam(ctx, "limit");
    if (marketId == null || limit == null || limit < 1 || limit > MAX_TRADES) {
      invalidParam(ctx);
      return;
    }
    if (engine.market(narrow(marketId)).isEmpty()) {
      send(ctx, 400, PaperJson.error(INVALID_MARKET_INDEX, "invalid market index"));
      return;
    }
    send(ctx, 200, trades(trade -> trade.marketId() == marketId, null, limit));
  }

  /**
   * {@code sort_by} and {@code limit} required; filters {@code market_id} (255 all), {@code account_index} (-1 none),
   * {@code order_index}, {@code ask_filter} (1: the account sold, 0: it bought, -1 both), {@code role} (the
   * account's orders are always the taker), {@code type}; {@code cursor} from a previous page's {@code next_cursor}.
   */
  private void trades(RoutingContext ctx) {
    Long limit = longParam(ctx, "limit");
    Long marketId = longParam(ctx, "market_id");
    Long accountIndex = longParam(ctx, "account_index");
    Long orderIndex = longParam(ctx, "order_index");
    Long askFilter = longParam(ctx, "ask_filter");
    Long cursor = longParam(ctx, "cursor");
    String role = ctx.queryParams().get("role");
    String type = ctx.queryParams().get("type");
    boolean badFilters = !SORT_BY.contains(String.valueOf(ctx.queryParams().get("sort_by")))
      || (role != null && !Set.of("all", "maker", "taker").contains(role))
      || (type != null && !Set.of("all", "trade", "liquidation", "deleverage", "market-settlement").contains(type))
      || Stream.of("cursor", "market_id", "account_index", "order_index", "ask_filter")
        .anyMatch(name -> ctx.queryParams().get(name) != null && longParam(ctx, name) == null);
    if (badFilters || limit == null || limit < 1 || limit > MAX_TRADES) {
      invalidParam(ctx);
      return;
    }
    Predicate<PaperTrade> wanted = trade -> marketId == null || marketId == ALL_MARKETS
      || trade.marketId() == marketId;
    wanted = wanted.and(trade -> orderIndex == null || trade.takerOrderIndex() == orderIndex
      || trade.makerOrderIndex() == orderIndex);
    wanted = wanted.and(trade -> type == null || "all".equals(type) || "trade".equals(type));
    if (accountIndex != null && accountIndex != -1) {
      Optional<PaperAccountState> account = AccountEndpoints.authorized(ctx, engine, accountIndex);
      if (account.isEmpty()) {
        return;
      }
      wanted = wanted.and(trade -> trade.takerAccount() == accountIndex && !"maker".equals(role)
        && (askFilter == null || askFilter == -1 || trade.takerIsAsk() == (askFilter == 1)));
    }
    send(ctx, 200, trades(wanted, cursor, limit));
  }

  private JsonObject trades(Predicate<PaperTrade> wanted, Long cursor, long limit) {
    JsonArray page = new JsonArray();
    PaperTrade last = null;
    boolean more = false;
    for (PaperTrade trade : engine.trades()) {
      if ((cursor != null && trade.tradeId() >= cursor) || !wanted.test(trade)) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(json.trade(trade));
      last = trade;
    }
    JsonObject body = PaperJson.ok().put("trades", page);
    return more ? body.put("next_cursor", Long.toString(last.tradeId())) : body;
  }
}
