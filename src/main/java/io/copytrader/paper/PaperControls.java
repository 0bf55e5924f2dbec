package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.INVALID_PARAM;
import static io.copytrader.paper.PaperExchange.send;

import io.copytrader.market.MarketAccess;
import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The paper exchange's test controls under {@code /paper} (documented on {@link PaperExchange}): prices, accounts
 * and keys, faults, request counters and the WebSocket controls. A bad body answers 400
 * {@code {"code":20001,"message":"invalid param: …"}}. Confined to the exchange's context.
 */
final class PaperControls {

  private final PaperEngine engine;
  private final PaperStreams streams;
  private final FaultInjector faults;
  /** Publishes a change to the streams and records it for lagging lookups. */
  private final Runnable changed;
  /** Puts new faults in force where they are not read per request: the sequencer's delay, the lookups' lag. */
  private final Runnable faultsChanged;

  PaperControls(PaperEngine engine, PaperStreams streams, FaultInjector faults, Runnable changed,
                Runnable faultsChanged) {
    this.engine = engine;
    this.streams = streams;
    this.faults = faults;
    this.changed = changed;
    this.faultsChanged = faultsChanged;
  }

  void route(Router router) {
    router.post("/paper/markets/:market_id/price").handler(ctx -> control(ctx, request -> {
      MarketState market = engine.market(Integer.parseInt(ctx.pathParam("market_id"))).orElse(null);
      BigDecimal price = new BigDecimal(String.valueOf(request.getValue("price")));
      if (market == null || price.signum() <= 0) {
        throw new IllegalArgumentException("unknown market or non-positive price");
      }
      engine.setMid(market.spec.marketId(), price, System.currentTimeMillis());
      changed.run();
      return new JsonObject().put("market_id", market.spec.marketId()).put("mid", market.mid.toPlainString());
    }));
    router.post("/paper/markets/:market_id/config").handler(ctx -> control(ctx, request -> {
      MarketState market = engine.market(Integer.parseInt(ctx.pathParam("market_id"))).orElse(null);
      if (market == null) {
        throw new IllegalArgumentException("unknown market");
      }
      market.access = marketAccess(market.access, request);
      return new JsonObject().put("market_id", market.spec.marketId());
    }));
    router.post("/paper/accounts").handler(ctx -> control(ctx, request -> {
      JsonObject keys = request.getJsonObject("api_keys", new JsonObject());
      Map<Integer, String> parsedKeys = keys.stream()
        .collect(Collectors.toMap(entry -> Integer.parseInt(entry.getKey()), entry -> (String) entry.getValue()));
      engine.addAccount(new PaperAccount(request.getLong("account_index"), request.getString("l1_address"),
        new BigDecimal(String.valueOf(request.getValue("collateral"))), parsedKeys));
      changed.run();
      return new JsonObject().put("account_index", request.getLong("account_index"));
    }));
    router.post("/paper/accounts/:account_index/apikeys").handler(ctx -> control(ctx, request -> {
      PaperAccountState account = engine.account(Long.parseLong(ctx.pathParam("account_index")));
      if (account == null) {
        throw new IllegalArgumentException("unknown account");
      }
      account.registerKey(request.getInteger("api_key_index"), request.getString("public_key"));
      changed.run();
      return new JsonObject().put("account_index", account.index);
    }));
    PositionControl positions = new PositionControl(engine);
    router.post("/paper/accounts/:account_index/position").handler(ctx -> control(ctx, request -> {
      JsonObject moved = positions.moveTo(Long.parseLong(ctx.pathParam("account_index")), request);
      changed.run();
      return moved;
    }));
    router.post("/paper/grouped-orders").handler(ctx -> control(ctx, request -> {
      engine.grouped().assumptions = groupedAssumptions(engine.grouped().assumptions, request);
      return describe(engine.grouped().assumptions);
    }));
    router.get("/paper/grouped-orders").handler(ctx -> send(ctx, 200, describe(engine.grouped().assumptions)));
    faultRoutes(router);
    streamRoutes(router);
  }

  /**
   * {@code children_armed} ({@code full-fill} or {@code any-fill}), {@code zero_size_order} ({@code refused} or
   * {@code position-tied}) and {@code refuse} ({@code {"code": 21505, "markets": [0], "accounts": [7]}}, markets
   * and accounts optional meaning all, {@code "in_sequencer": true} to fail them when applied rather than at intake,
   * or null to refuse nothing), each optional: how grouped and size-0 orders
   * behave from now on (GroupedAssumptions).
   */
  private static GroupedAssumptions groupedAssumptions(GroupedAssumptions now, JsonObject request) {
    String armed = request.getString("children_armed", name(now.childrenArmed()));
    String zeroSize = request.getString("zero_size_order", name(now.zeroSizeOrder()));
    GroupedAssumptions.Refusal refusal = request.containsKey("refuse") ? refusal(request.getJsonObject("refuse"))
      : now.refusal();
    return new GroupedAssumptions(enumValue(GroupedAssumptions.ChildrenArmed.class, armed),
      enumValue(GroupedAssumptions.ZeroSizeOrder.class, zeroSize), refusal);
  }

  private static GroupedAssumptions.Refusal refusal(JsonObject refuse) {
    if (refuse == null) {
      return GroupedAssumptions.Refusal.NONE;
    }
    int code = refuse.getInteger("code");
    if (code < 20000 || code > 39999) {
      throw new IllegalArgumentException("refuse.code must be a Lighter error code");
    }
    Set<Integer> markets = new HashSet<>();
    refuse.getJsonArray("markets", new JsonArray()).forEach(market -> markets.add(((Number) market).intValue()));
    Set<Long> accounts = new HashSet<>();
    refuse.getJsonArray("accounts", new JsonArray()).forEach(account -> accounts.add(((Number) account).longValue()));
    return new GroupedAssumptions.Refusal(code, markets, accounts, refuse.getBoolean("in_sequencer", false));
  }

  private static JsonObject describe(GroupedAssumptions assumptions) {
    GroupedAssumptions.Refusal refusal = assumptions.refusal();
    return new JsonObject().put("children_armed", name(assumptions.childrenArmed()))
      .put("zero_size_order", name(assumptions.zeroSizeOrder()))
      .put("refuse", refusal.code() == 0 ? null : new JsonObject().put("code", refusal.code())
        .put("markets", new JsonArray(List.copyOf(refusal.markets())))
        .put("accounts", new JsonArray(List.copyOf(refusal.accounts()))).put("in_sequencer", refusal.inSequencer()));
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
    for (E value : type.getEnumConstants()) {
      if (name(value).equals(name)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown value " + name.substring(0, Math.min(name.length(), 40)));
  }

  private void faultRoutes(Router router) {
    router.post("/paper/faults").handler(ctx -> control(ctx, request -> {
      faults.configure(request);
      faultsChanged.run();
      return faults.describe();
    }));
    router.delete("/paper/faults").handler(ctx -> {
      faults.clear();
      faultsChanged.run();
      send(ctx, 200, faults.describe());
    });
    router.get("/paper/faults").handler(ctx -> send(ctx, 200, faults.describe()));
    router.get("/paper/requests").handler(ctx -> send(ctx, 200, faults.counts()));
    router.get("/paper/requests/log").handler(ctx -> send(ctx, 200, new JsonObject().put("paths", faults.log())));
    router.delete("/paper/requests").handler(ctx -> {
      faults.resetCounts();
      send(ctx, 200, new JsonObject());
    });
  }

  private void streamRoutes(Router router) {
    router.post("/paper/streams/disconnect").handler(ctx ->
      send(ctx, 200, new JsonObject().put("disconnected", streams.disconnectAll())));
    router.post("/paper/streams/drop-book-update").handler(ctx -> control(ctx, request -> {
      MarketState market = engine.market(request.getInteger("market_id")).orElse(null);
      if (market == null) {
        throw new IllegalArgumentException("unknown market");
      }
      streams.dropNextBookUpdate(market.spec.marketId());
      return new JsonObject().put("market_id", market.spec.marketId());
    }));
    router.post("/paper/streams/hold-account-updates").handler(ctx -> control(ctx, request -> {
      if (!(request.getValue("held") instanceof Boolean held)) {
        throw new IllegalArgumentException("held must be true or false");
      }
      streams.holdAccountUpdates(held);
      return new JsonObject().put("held", held);
    }));
    router.get("/paper/streams").handler(ctx ->
      send(ctx, 200, new JsonObject().put("connections", streams.connectionCount())));
  }

  /**
   * {@code force_reduce_only}, {@code hidden}, {@code trading_hours} (at most 256 characters) and {@code multiplier}
   * (a positive decimal string), each optional: what {@code orderBookDetails} shows from now on.
   */
  private static MarketAccess marketAccess(MarketAccess now, JsonObject request) {
    String hours = request.getString("trading_hours", now.tradingHours());
    BigDecimal multiplier = new BigDecimal(request.getString("multiplier", now.multiplier().toPlainString()));
    if (hours.length() > 256 || multiplier.signum() <= 0 || multiplier.scale() > 18) {
      throw new IllegalArgumentException("trading_hours is at most 256 characters, multiplier positive");
    }
    return new MarketAccess(request.getBoolean("force_reduce_only", now.forceReduceOnly()),
      request.getBoolean("hidden", now.hidden()), hours, multiplier);
  }

  static void control(RoutingContext ctx, Function<JsonObject, JsonObject> action) {
    try {
      JsonObject request = ctx.body().asJsonObject();
      send(ctx, 200, action.apply(request == null ? new JsonObject() : request));
    } catch (RuntimeException e) {
      send(ctx, 400, PaperJson.error(INVALID_PARAM, "invalid param: " + e.getMessage()));
    }
  }
}
