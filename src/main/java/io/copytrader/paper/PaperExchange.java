package io.copytrader.paper;

import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.paper.PaperEngine.MarketState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Lighter that speaks Lighter's own REST API (API.md): markets with a synthetic book, accounts
 * with USDC collateral and registered API keys, signed transactions verified and matched, positions with
 * entry and PnL, resting stop-loss orders that trigger on price moves.
 *
 * <p>Test controls, only when {@link PaperConfig#controlsEnabled()} (absent otherwise, as on a real exchange):
 * <ul>
 *   <li>{@code POST /paper/markets/{id}/price} {@code {"price":"3100.50"}}: moves the mid (the mark), redraws
 *   the book and lets stop-loss orders trigger;</li>
 *   <li>{@code POST /paper/accounts} {@code {"account_index":1,"l1_address":"0x…","collateral":"1000",
 *   "api_keys":{"0":"<80 hex>"}}} and {@code POST /paper/accounts/{index}/apikeys}
 *   {@code {"api_key_index":1,"public_key":"<80 hex>"}};</li>
 *   <li>{@code POST /paper/faults} with any of {@code latency_ms}, {@code error_count} (next N requests fail
 *   with {@code error_status}, default 503), {@code error_rate} (0..1), {@code rate_limit_count} (next N get
 *   429), {@code drop_response_count} (next N sends are applied but never answered),
 *   {@code invalid_nonce_count} (next N sends get 21104); {@code DELETE /paper/faults} clears them;</li>
 *   <li>{@code GET /paper/requests}: requests per path; {@code GET /paper/requests/log}: the paths in arrival
 *   order; {@code DELETE /paper/requests} resets both;</li>
 *   <li>{@code POST /paper/streams/disconnect}: closes every WebSocket connection;
 *   {@code POST /paper/streams/drop-book-update} {@code {"market_id":0}}: the market's next book update is lost,
 *   leaving a nonce gap; {@code GET /paper/streams}: open connections.</li>
 * </ul>
 * WebSocket streams at {@code /stream}: see {@link PaperStreams}.
 * All state is confined to this verticle's context.
 */
public final class PaperExchange extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PaperExchange.class);
  private static final long MAX_AUTH_SECONDS = 8 * 3600;
  private static final int MAX_BATCH = 50;
  private static final String RATE_LIMIT_MESSAGE = "Too Many Requests!";

  private final PaperConfig config;
  private final PaperEngine engine;
  private final PaperJson json;
  private final TxIntake intake;
  private final FaultInjector faults = new FaultInjector();
  private final PaperStreams streams;
  private HttpServer server;

  public PaperExchange(PaperConfig config) {
    this.config = config;
    this.engine = new PaperEngine(config);
    this.json = new PaperJson(engine);
    this.intake = new TxIntake(engine, config.chainId());
    this.streams = new PaperStreams(engine, json, PaperExchange::validToken);
  }

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://" + config.host() + ":" + port();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    if (config.controlsEnabled()) {
      controls(router);
    }
    router.route().handler(this::faults);
    router.get("/").handler(ctx -> send(ctx, 200, new JsonObject().put("status", 1).put("network_id", 1)
      .put("timestamp", System.currentTimeMillis() / 1000)));
    router.get("/api/v1/orderBooks").handler(ctx -> send(ctx, 200, json.orderBooks()));
    router.get("/api/v1/orderBookDetails").handler(this::orderBookDetails);
    router.get("/api/v1/orderBookOrders").handler(this::orderBookOrders);
    router.get("/api/v1/account").handler(this::account);
    router.get("/api/v1/accountsByL1Address").handler(this::accountsByL1Address);
    router.get("/api/v1/accountActiveOrders").handler(this::activeOrders);
    router.get("/api/v1/accountInactiveOrders").handler(this::inactiveOrders);
    router.get("/api/v1/accountOrders").handler(this::ordersByClientIndex);
    router.get("/api/v1/nextNonce").handler(this::nextNonce);
    router.get("/api/v1/apikeys").handler(this::apiKeys);
    router.get("/api/v1/tx").handler(this::tx);
    BodyHandler form = BodyHandler.create(false).setBodyLimit(1024 * 1024);
    router.post("/api/v1/sendTx").handler(form).handler(this::sendTx);
    router.post("/api/v1/sendTxBatch").handler(form).handler(this::sendTxBatch);
    router.route().last().handler(ctx -> send(ctx, 404, PaperJson.error(29404, "not found")));
    router.errorHandler(500, ctx -> {
      LOG.error("Paper exchange failure on {}", ctx.normalizedPath(), ctx.failure());
      send(ctx, 500, PaperJson.error(29500, "internal server error"));
    });
    return vertx.createHttpServer()
      .webSocketHandshakeHandler(handshake -> {
        if ("/stream".equals(handshake.path())) {
          handshake.accept();
        } else {
          handshake.reject(404);
        }
      })
      .webSocketHandler(streams::accept)
      .requestHandler(router)
      .listen(config.port(), config.host())
      .onSuccess(listening -> {
        server = listening;
        LOG.info("Paper exchange on {} (chain {}, {} markets, {} accounts)", baseUrl(), config.chainId(),
          engine.markets.size(), engine.accounts.size());
      });
  }

  // ----- faults and counters

  private void faults(RoutingContext ctx) {
    faults.count(ctx.normalizedPath());
    Runnable proceed = () -> {
      switch (faults.next()) {
        case RATE_LIMIT -> send(ctx, 429, PaperJson.error(23000, RATE_LIMIT_MESSAGE));
        case SERVER_ERROR -> send(ctx, faults.errorStatus(), PaperJson.error(29500, "internal server error"));
        default -> ctx.next();
      }
    };
    if (faults.latencyMs() > 0) {
      vertx.setTimer(faults.latencyMs(), timer -> proceed.run());
    } else {
      proceed.run();
    }
  }

  // ----- markets

  private void orderBookDetails(RoutingContext ctx) {
    Long marketId = optionalLong(ctx, "market_id");
    send(ctx, 200, json.orderBookDetails(marketId == null || marketId == 255 ? null : marketId.intValue()));
  }

  private void orderBookOrders(RoutingContext ctx) {
    Long marketId = requiredLong(ctx, "market_id");
    Long limit = requiredLong(ctx, "limit");
    if (marketId == null || limit == null || limit < 1 || limit > 250) {
      invalidParam(ctx);
      return;
    }
    Optional<MarketState> market = engine.market(marketId.intValue());
    if (market.isEmpty()) {
      send(ctx, 400, PaperJson.error(21602, "invalid market index"));
      return;
    }
    send(ctx, 200, json.orderBookOrders(market.get(), limit.intValue()));
  }

  // ----- accounts

  private void account(RoutingContext ctx) {
    String by = ctx.queryParams().get("by");
    String value = ctx.queryParams().get("value");
    boolean activeOnly = Boolean.parseBoolean(ctx.queryParams().get("active_only"));
    List<PaperAccountState> found;
    if ("index".equals(by) && value != null && value.matches("\\d{1,18}")) {
      PaperAccountState account = engine.accounts.get(Long.parseLong(value));
      found = account == null ? List.of() : List.of(account);
    } else if ("l1_address".equals(by) && value != null) {
      found = engine.accounts.values().stream().filter(account -> account.l1Address.equalsIgnoreCase(value)).toList();
    } else {
      invalidParam(ctx);
      return;
    }
    if (found.isEmpty()) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    JsonArray accounts = new JsonArray();
    found.forEach(account -> accounts.add(json.account(account, activeOnly)));
    send(ctx, 200, PaperJson.ok().put("total", accounts.size()).put("accounts", accounts));
  }

  private void accountsByL1Address(RoutingContext ctx) {
    String address = ctx.queryParams().get("l1_address");
    if (address == null) {
      invalidParam(ctx);
      return;
    }
    JsonArray accounts = new JsonArray();
    engine.accounts.values().stream().filter(account -> account.l1Address.equalsIgnoreCase(address))
      .forEach(account -> accounts.add(json.accountScalars(account)));
    if (accounts.isEmpty()) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    send(ctx, 200, PaperJson.ok().put("l1_address", address).put("sub_accounts", accounts));
  }

  private void nextNonce(RoutingContext ctx) {
    Long accountIndex = requiredLong(ctx, "account_index");
    Long keyIndex = requiredLong(ctx, "api_key_index");
    if (accountIndex == null || keyIndex == null) {
      invalidParam(ctx);
      return;
    }
    PaperAccountState account = engine.accounts.get(accountIndex);
    if (account == null) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    Long nonce = account.nonces.get(keyIndex.intValue());
    if (nonce == null) {
      send(ctx, 400, PaperJson.error(21109, "api key not found"));
      return;
    }
    send(ctx, 200, PaperJson.ok().put("nonce", nonce));
  }

  private void apiKeys(RoutingContext ctx) {
    Long accountIndex = requiredLong(ctx, "account_index");
    Long keyIndex = optionalLong(ctx, "api_key_index");
    if (accountIndex == null) {
      invalidParam(ctx);
      return;
    }
    PaperAccountState account = engine.accounts.get(accountIndex);
    if (account == null) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return;
    }
    JsonArray keys = new JsonArray();
    account.keys.forEach((index, publicKey) -> {
      if (keyIndex == null || keyIndex == 255 || keyIndex == index.longValue()) {
        keys.add(new JsonObject().put("account_index", account.index).put("api_key_index", index)
          .put("nonce", account.nonces.get(index)).put("public_key", publicKey).put("transaction_time", 0));
      }
    });
    send(ctx, 200, PaperJson.ok().put("api_keys", keys));
  }

  // ----- orders (authenticated)

  private void activeOrders(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> {
      Long marketId = optionalLong(ctx, "market_id");
      send(ctx, 200, json.orders(engine.allLive(account,
        marketId == null || marketId == 255 ? null : marketId.intValue())));
    });
  }

  private void inactiveOrders(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> {
      Long limit = requiredLong(ctx, "limit");
      if (limit == null || limit < 1 || limit > 100) {
        invalidParam(ctx);
        return;
      }
      send(ctx, 200, json.orders(account.finished.stream().limit(limit).toList()));
    });
  }

  private void ordersByClientIndex(RoutingContext ctx) {
    authorized(ctx).ifPresent(account -> {
      String list = ctx.queryParams().get("client_order_indexes");
      Set<Long> wanted;
      try {
        wanted = Arrays.stream(list.split(",")).map(String::strip).map(Long::parseLong).collect(Collectors.toSet());
      } catch (RuntimeException e) {
        invalidParam(ctx);
        return;
      }
      if (wanted.isEmpty() || wanted.size() > 20) {
        invalidParam(ctx);
        return;
      }
      List<PaperOrder> orders = new ArrayList<>();
      account.live.stream().filter(order -> wanted.contains(order.clientOrderIndex)).forEach(orders::add);
      account.finished.stream().filter(order -> wanted.contains(order.clientOrderIndex)).forEach(orders::add);
      send(ctx, 200, json.orders(orders));
    });
  }

  /** The account of a well-formed, unexpired auth token signed by one of its registered keys. */
  private Optional<PaperAccountState> authorized(RoutingContext ctx) {
    Long accountIndex = requiredLong(ctx, "account_index");
    if (accountIndex == null) {
      invalidParam(ctx);
      return Optional.empty();
    }
    String token = ctx.request().getHeader("Authorization");
    if (token == null) {
      token = ctx.queryParams().get("auth");
    }
    PaperAccountState account = engine.accounts.get(accountIndex);
    if (account == null) {
      send(ctx, 400, PaperJson.error(21100, "account not found"));
      return Optional.empty();
    }
    if (token == null || !validToken(token, account)) {
      send(ctx, 400, PaperJson.error(20001, "invalid auth token"));
      return Optional.empty();
    }
    return Optional.of(account);
  }

  static boolean validToken(String token, PaperAccountState account) {
    try {
      AuthToken.Parsed parsed = AuthToken.parse(token);
      long now = System.currentTimeMillis() / 1000;
      String key = account.keys.get(parsed.apiKeyIndex());
      return parsed.accountIndex() == account.index && key != null && parsed.deadlineEpochSeconds() > now
        && parsed.deadlineEpochSeconds() <= now + MAX_AUTH_SECONDS
        && parsed.verify(HexFormat.of().parseHex(key));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  // ----- transactions

  private void tx(RoutingContext ctx) {
    String by = ctx.queryParams().get("by");
    String value = ctx.queryParams().get("value");
    if (!"hash".equals(by) || value == null) {
      invalidParam(ctx);
      return;
    }
    intake.tx(value).ifPresentOrElse(
      stored -> send(ctx, 200, PaperJson.tx(stored, engine.accounts.get(stored.accountIndex()).l1Address)),
      () -> send(ctx, 400, PaperJson.error(21500, "transaction not found")));
  }

  private void sendTx(RoutingContext ctx) {
    String type = ctx.request().getFormAttribute("tx_type");
    String info = ctx.request().getFormAttribute("tx_info");
    if (type == null || info == null || !type.matches("\\d{1,3}")) {
      send(ctx, 400, PaperJson.error(20001, type == null ? "field tx_type is not set" : "invalid param"));
      return;
    }
    if (faults.takeInvalidNonce()) {
      send(ctx, 400, PaperJson.error(21104, "invalid nonce"));
      return;
    }
    TxIntake.Outcome outcome = intake.submit(Integer.parseInt(type), info, System.currentTimeMillis());
    if (outcome instanceof TxIntake.Rejected rejected) {
      send(ctx, 400, PaperJson.error(rejected.code(), rejected.message()));
      return;
    }
    TxIntake.Accepted accepted = (TxIntake.Accepted) outcome;
    if (faults.takeDropResponse()) {
      ctx.request().connection().close();
    } else {
      send(ctx, 200, accepted(accepted.txHash()));
    }
    streams.publish();
  }

  private void sendTxBatch(RoutingContext ctx) {
    JsonArray types;
    JsonArray infos;
    try {
      types = new JsonArray(ctx.request().getFormAttribute("tx_types"));
      infos = new JsonArray(ctx.request().getFormAttribute("tx_infos"));
    } catch (RuntimeException e) {
      invalidParam(ctx);
      return;
    }
    if (types.size() != infos.size()) {
      send(ctx, 400, PaperJson.error(21513, "TxInfos and TxTypes should have the same length"));
      return;
    }
    if (types.size() > MAX_BATCH) {
      send(ctx, 400, PaperJson.error(21514, "maximum 50 transactions allowed per batch"));
      return;
    }
    JsonArray hashes = new JsonArray();
    for (int i = 0; i < types.size(); i++) {
      TxIntake.Outcome outcome = intake.submit(types.getInteger(i), infos.getString(i), System.currentTimeMillis());
      if (outcome instanceof TxIntake.Rejected rejected) {
        send(ctx, 400, PaperJson.error(rejected.code(), rejected.message()));
        streams.publish();
        return;
      }
      hashes.add(((TxIntake.Accepted) outcome).txHash());
    }
    send(ctx, 200, accepted(null).put("tx_hash", hashes));
    streams.publish();
  }

  private static JsonObject accepted(String hash) {
    return PaperJson.ok().put("message", "{\"ratelimit\": \"didn't use volume quota\"}").put("tx_hash", hash)
      .put("predicted_execution_time_ms", System.currentTimeMillis() + 1);
  }

  // ----- test controls

  private void controls(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    router.post("/paper/markets/:market_id/price").handler(body).handler(ctx -> control(ctx, request -> {
      MarketState market = engine.markets.get(Integer.parseInt(ctx.pathParam("market_id")));
      BigDecimal price = new BigDecimal(request.getString("price"));
      if (market == null || price.signum() <= 0) {
        throw new IllegalArgumentException("unknown market or non-positive price");
      }
      engine.setMid(market.spec.marketId(), price, System.currentTimeMillis());
      streams.publish();
      return new JsonObject().put("market_id", market.spec.marketId()).put("mid", market.mid.toPlainString());
    }));
    router.post("/paper/accounts").handler(body).handler(ctx -> control(ctx, request -> {
      JsonObject keys = request.getJsonObject("api_keys", new JsonObject());
      Map<Integer, String> parsedKeys = keys.stream()
        .collect(Collectors.toMap(entry -> Integer.parseInt(entry.getKey()), entry -> (String) entry.getValue()));
      engine.addAccount(new PaperAccount(request.getLong("account_index"), request.getString("l1_address"),
        new BigDecimal(request.getString("collateral")), parsedKeys));
      streams.publish();
      return new JsonObject().put("account_index", request.getLong("account_index"));
    }));
    router.post("/paper/accounts/:account_index/apikeys").handler(body).handler(ctx -> control(ctx, request -> {
      PaperAccountState account = engine.accounts.get(Long.parseLong(ctx.pathParam("account_index")));
      if (account == null) {
        throw new IllegalArgumentException("unknown account");
      }
      account.registerKey(request.getInteger("api_key_index"), request.getString("public_key"));
      return new JsonObject().put("account_index", account.index);
    }));
    router.post("/paper/faults").handler(body).handler(ctx -> control(ctx, request -> {
      faults.configure(request);
      return faults.describe();
    }));
    router.delete("/paper/faults").handler(ctx -> {
      faults.clear();
      send(ctx, 200, faults.describe());
    });
    router.get("/paper/faults").handler(ctx -> send(ctx, 200, faults.describe()));
    router.get("/paper/requests").handler(ctx -> send(ctx, 200, faults.counts()));
    router.get("/paper/requests/log").handler(ctx -> send(ctx, 200, new JsonObject().put("paths", faults.log())));
    router.post("/paper/streams/disconnect").handler(ctx ->
      send(ctx, 200, new JsonObject().put("disconnected", streams.disconnectAll())));
    router.post("/paper/streams/drop-book-update").handler(body).handler(ctx -> control(ctx, request -> {
      MarketState market = engine.markets.get(request.getInteger("market_id"));
      if (market == null) {
        throw new IllegalArgumentException("unknown market");
      }
      streams.dropNextBookUpdate(market.spec.marketId());
      return new JsonObject().put("market_id", market.spec.marketId());
    }));
    router.get("/paper/streams").handler(ctx ->
      send(ctx, 200, new JsonObject().put("connections", streams.connectionCount())));
    router.delete("/paper/requests").handler(ctx -> {
      faults.resetCounts();
      send(ctx, 200, new JsonObject());
    });
  }

  private void control(RoutingContext ctx, java.util.function.Function<JsonObject, JsonObject> action) {
    try {
      send(ctx, 200, action.apply(ctx.body().asJsonObject()));
    } catch (RuntimeException e) {
      send(ctx, 400, new JsonObject().put("error", String.valueOf(e.getMessage())));
    }
  }

  // ----- helpers

  private static Long requiredLong(RoutingContext ctx, String name) {
    return optionalLong(ctx, name);
  }

  private static Long optionalLong(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || !value.matches("-?\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(value);
  }

  private static void invalidParam(RoutingContext ctx) {
    send(ctx, 400, PaperJson.error(20001, "invalid param"));
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
