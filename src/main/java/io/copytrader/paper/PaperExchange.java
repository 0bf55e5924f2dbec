package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.INTERNAL_SERVER_ERROR;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_PARAM;
import static io.copytrader.lighter.LighterErrorCodes.NOT_FOUND;
import static io.copytrader.lighter.LighterErrorCodes.TOO_MANY_REQUESTS;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Lighter that speaks Lighter's own REST API (docs/lighter-api.md): markets with a synthetic book, accounts
 * with USDC collateral and registered API keys, signed transactions verified and matched, positions with
 * entry and PnL, resting stop-loss orders that trigger on price moves. Embed it with
 * {@code vertx.deployVerticle(new PaperExchange(PaperConfig.defaults().withAccounts(...)))}, then
 * {@link #baseUrl()}.
 *
 * <p>Asynchronous as Lighter is (docs/lighter-api.md, "REST": 200 means queued): {@code sendTx} answers 200 once the
 * API has accepted a transaction (readable, valid fields, known account and key, valid signature, not expired, the
 * right nonce, and what the API judges of the order: market rules, reduce-only direction, a maker order's margin, a
 * cancel's or modify's order) and the {@link Sequencer} applies it {@link PaperConfig#sequencerDelayMs()} later (5 ms
 * by default), the transactions of one account and key in nonce order. The nonce intake expects counts the
 * transactions still queued; {@code nextNonce} counts only those applied. Lookups ({@code accountOrders},
 * {@code accountActiveOrders}, {@code account}, {@code tx}) and the WebSocket streams show a transaction's effects
 * once it is applied; while queued, {@code tx?by=hash} answers it with {@code status} 1 (pending). A transaction
 * whose {@code ExpiredAt} passes in the queue is dropped with the later ones of its key, their nonces unconsumed, and
 * {@code tx?by=hash} answers 21500 for them. A taker order (market or limit IOC) beyond the margin is accepted,
 * consumes its nonce and ends {@code canceled-margin-not-allowed}, unfilled (docs/lighter-api.md, "Transactions and
 * nonces").
 *
 * <p>Orders: market and IOC orders fill against the book up to their price (the worst acceptable) and the rest
 * is cancelled ({@code canceled-too-much-slippage} when the price stops them, {@code canceled-not-enough-liquidity}
 * when the depth does); the nonce is consumed either way. GTT limit orders rest ({@code open}) and fill when a
 * price move lets them. Stop-loss and take-profit orders (types 2–5) are listed by {@code accountActiveOrders}
 * with {@code status} {@code "pending"} and {@code trigger_status} {@code "mark-price"} until the mark (the mid)
 * crosses their trigger, then fill within their price (IOC types cancel the rest, limit types rest
 * {@code open}). Reduce-only orders are capped at the position and never flip it; when a position reaches zero its
 * reduce-only orders end {@code canceled-reduce-only}, and when it flips its position-tied ones do. Orders past their
 * expiry end {@code canceled-expired}.
 * Grouped orders (tx type 28: OTO, OCO, OTOCO) as {@link GroupedOrders} describes.
 *
 * <p>Test controls, only when {@link PaperConfig#controlsEnabled()} (absent, 404, otherwise, as on a real
 * exchange); bodies are JSON, a bad one answers 400 {@code {"code":20001,"message":"invalid param: …"}}:
 * <ul>
 *   <li>{@code POST /paper/markets/{id}/price} {@code {"price":"3100.50"}}: moves the mid (the mark), redraws
 *   the book and lets resting orders react (stop-losses trigger);</li>
 *   <li>{@code POST /paper/markets/{id}/config} {@code {"force_reduce_only":true,"hidden":false,
 *   "trading_hours":"","multiplier":"1"}} (each optional): what {@code orderBookDetails} shows of the market's
 *   tradability; the paper exchange itself does not enforce it.</li>
 *   <li>{@code POST /paper/accounts} {@code {"account_index":1,"l1_address":"0x…","collateral":"1000",
 *   "api_keys":{"0":"<80 hex>"}}} adds an account (or keys to an existing one);
 *   {@code POST /paper/accounts/{index}/apikeys} {@code {"api_key_index":1,"public_key":"<80 hex>"}} registers
 *   a key (nonce 0 for a new key); {@code POST /paper/accounts/{index}/position} {@code {"market_id":0,
 *   "position":"-1.5"}} trades the account to that signed position with a market order of its own, as a real trade
 *   shows over REST and the streams ({@link PositionControl});</li>
 *   <li>{@code POST /paper/faults} with any of {@code latency_ms} (every exchange request waits this long),
 *   {@code error_count} (the next N requests fail with {@code error_status}, default 503, body
 *   {@code {"code":29500,…}}; with {@code error_path}, e.g. {@code "/api/v1/account"}, only requests to that path
 *   count and fail, {@code null} for any), {@code lookup_error_count} (the same for the next N lookups, GETs under
 *   {@code /api/v1}, leaving sends alone; with {@code lookup_error_path} only lookups of that path),
 *   {@code error_rate} (0..1: that fraction of requests fails so), {@code rate_limit_count} (the next N requests
 *   get 429 {@code {"code":23000,"message":"Too Many Requests!"}}; with {@code error_path} only requests to that
 *   path), {@code drop_response_count} (the next N
 *   accepted sendTx/sendTxBatch lose their answer: the connection is closed at once, the txs stay queued and are
 *   applied), {@code drop_after_apply_count} (the next N accepted sends are answered by closing the connection only
 *   once the sequencer has applied their txs: applied but unanswered), {@code invalid_nonce_count} (the next N
 *   sendTx/sendTxBatch get 400 21104 and change nothing), {@code sequencer_delay_ms} (the sequencer's delay, for
 *   the txs already queued too: a long one holds them, 0 releases them), {@code lookup_lag_ms} (lookups show the
 *   state as of that long ago, see {@link Lookups}), {@code stream_ack_delay_ms} (the WebSocket answers subscribes,
 *   unsubscribes and other counted client frames that late, so that frames in flight build up),
 *   {@code clock_offset_ms} (the exchange's clock is this far ahead of the host's, behind when negative, at most an
 *   hour: it judges {@code ExpiredAt} and order expiries and is the time {@code GET /} reports); fields not given
 *   stay as they are; answers the faults now in
 *   force, as does {@code GET /paper/faults}; {@code DELETE /paper/faults} clears them all (the sequencer's delay
 *   back to the configured one);</li>
 *   <li>{@code POST /paper/grouped-orders} {@code {"children_armed":"full-fill"|"any-fill",
 *   "zero_size_order":"refused"|"position-tied", "refuse":{"code":21505,"markets":[0],"accounts":[7]}|null}} (each
 *   optional): how grouped and size-0 orders behave where Lighter's sources are silent, and whether groups are
 *   refused at intake ({@link GroupedAssumptions}); it and {@code GET /paper/grouped-orders} answer what is in
 *   force;</li>
 *   <li>{@code GET /paper/requests}: exchange requests per path, e.g. {@code {"/api/v1/sendTx":3}};
 *   {@code GET /paper/requests/log}: {@code {"paths":[…]}} in arrival order; {@code DELETE /paper/requests}
 *   resets both;</li>
 *   <li>{@code POST /paper/streams/disconnect}: closes every WebSocket connection;
 *   {@code POST /paper/streams/drop-book-update} {@code {"market_id":0}}: the market's next book update is lost,
 *   leaving a nonce gap; {@code POST /paper/streams/hold-account-updates} {@code {"held":true}}: the account
 *   channels (orders, positions, user stats) publish nothing until released with {@code false}, then everything
 *   that changed meanwhile, while order-book frames keep flowing;
 *   {@code GET /paper/streams}: open connections.</li>
 *   <li>{@code GET /paper/limits}: the rate limits in force and the last minute's use per IP and L1 address;
 *   {@code POST /paper/accounts/{index}/tier} {@code {"tier":"plus"}}: an account's tier ({@link LimitControls}).</li>
 * </ul>
 * Control requests are neither delayed, failed nor counted.
 *
 * <p>Endpoints: {@code /} (here), {@code orderBooks}, {@code orderBookDetails}, {@code orderBookOrders} ({@link BookEndpoints}),
 * {@code assetDetails}, {@code funding-rates}, {@code recentTrades}, {@code trades} ({@link MarketEndpoints}),
 * {@code account}, {@code accountsByL1Address}, {@code accountActiveOrders}, {@code accountInactiveOrders},
 * {@code accountOrders}, {@code accountLimits}, {@code nextNonce}, {@code apikeys} ({@code AccountEndpoints}; the
 * auth token in the {@code Authorization} header or the {@code authorization} or {@code auth} query parameter),
 * {@code tx}, {@code sendTx}, {@code sendTxBatch} ({@code TxEndpoints}); every answer carries the fields, JSON types
 * and units of Lighter's OpenAPI document (test resources lighter-openapi/README.md).
 *
 * <p>Errors use Lighter's envelope: HTTP 400 {@code {"code":…,"message":"…"}} for every refusal (a missing,
 * malformed, expired, over-8-hour or wrongly signed auth token is {@code 20001 "invalid auth token"}), 404
 * {@code 29404} for an unknown route. WebSocket streams at {@code /stream}: see {@link PaperStreams}. All state is
 * confined to this verticle's context.
 *
 * <p>Lighter's rate limits hold unless {@link PaperConfig#rateLimits()} turns them off ({@link RateLimitGuard}):
 * REST weight per rolling minute per IP and per L1 address by account tier (429 {@code {"code":23000,
 * "message":"Too Many Requests!"}}), and the WebSocket's connections, subscriptions, client frames and accounts
 * ({@link StreamGuard}).
 */
public final class PaperExchange extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PaperExchange.class);
  static final long ALL_MARKETS = 255;
  private static final String RATE_LIMIT_MESSAGE = "Too Many Requests!";
  private static final int NOTHING = -1;
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final PaperConfig config;
  private final PaperEngine engine;
  private final PaperJson json;
  private final FaultInjector faults;
  private final Sequencer sequencer;
  private final TxIntake intake;
  private final Lookups lookups;
  private final RateLimitGuard limits;
  private TxEndpoints txs;
  private PaperStreams streams;
  private HttpServer server;

  public PaperExchange(PaperConfig config) {
    this(config, System::currentTimeMillis);
  }

  /** With the clock the rate limits' rolling minutes run on, so that a test can let a minute pass at once. */
  PaperExchange(PaperConfig config, LongSupplier limitClock) {
    this.config = config;
    this.engine = new PaperEngine(config);
    this.json = new PaperJson(engine);
    this.faults = new FaultInjector(config.sequencerDelayMs());
    this.sequencer = new Sequencer(engine, faults::sequencerDelayMs);
    this.intake = new TxIntake(engine, sequencer, config.chainId());
    this.lookups = new Lookups(engine, json);
    this.limits = new RateLimitGuard(engine, config.rateLimits(), limitClock);
  }

  /**
   * Completes once the sequencer has nothing queued: every transaction accepted so far is applied (or dropped). For
   * embedders and tests that need the state a send leads to; valid once started.
   */
  public Future<Void> sequencerIdle() {
    return txs.idle();
  }

  /** The port it listens on (the one chosen when configured with 0); valid once started. */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("the paper exchange is not started");
    }
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://" + config.host() + ":" + port();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    // Bodies are read first so that an injected delay never races the request's data.
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    txs = new TxEndpoints(vertx, context, engine, intake, sequencer, faults, lookups, this::changedAccount);
    streams = new PaperStreams(engine, json, AccountEndpoints::validToken, txs, this::sweep,
      new StreamGuard(vertx, limits, faults::streamAckDelayMs));
    if (config.controlsEnabled()) {
      new PaperControls(engine, streams, faults, this::changed, () -> {
        lookups.lag(faults.lookupLagMs(), faults.now());
        txs.delayChanged();
      }).route(router);
      new LimitControls(engine, limits).route(router);
    }
    router.route().handler(this::faults);
    router.route("/api/v1/*").handler(limits::handle);
    router.get("/").handler(ctx -> send(ctx, 200, new JsonObject().put("status", 1).put("network_id", 1)
      .put("timestamp", faults.now() / 1000)));
    new BookEndpoints(engine, json).route(router);
    new AccountEndpoints(engine, json, lookups, limits::tier, faults::now).route(router);
    new MarketEndpoints(engine, json).route(router);
    router.get("/api/v1/tx").handler(txs::tx);
    router.post("/api/v1/sendTx").handler(txs::sendTx);
    router.post("/api/v1/sendTxBatch").handler(txs::sendTxBatch);
    router.route().last().handler(ctx -> send(ctx, 404, PaperJson.error(NOT_FOUND, "not found")));
    router.errorHandler(500, ctx -> {
      LOG.error("Paper exchange failure on {}", ctx.normalizedPath(), ctx.failure());
      send(ctx, 500, PaperJson.error(INTERNAL_SERVER_ERROR, "internal server error"));
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
          engine.markets().size(), engine.accounts().size());
      });
  }

  // ----- faults and counters

  private void faults(RoutingContext ctx) {
    faults.count(ctx.normalizedPath());
    Runnable proceed = () -> {
      switch (faults.next(ctx.request().method().name(), ctx.normalizedPath())) {
        case RATE_LIMIT -> send(ctx, 429, PaperJson.error(TOO_MANY_REQUESTS, RATE_LIMIT_MESSAGE));
        case SERVER_ERROR -> send(ctx, faults.errorStatus(),
          PaperJson.error(INTERNAL_SERVER_ERROR, "internal server error"));
        default -> {
          sweep();
          ctx.next();
        }
      }
    };
    if (faults.latencyMs() > 0) {
      vertx.setTimer(faults.latencyMs(), timer -> proceed.run());
    } else {
      proceed.run();
    }
  }

  /**
   * Ends the orders whose expiry passed, before a request (REST or a transaction on the WebSocket) is handled:
   * streams learn of expiries here; every change a request makes is published by its own handler.
   */
  private void sweep() {
    if (engine.sweep(faults.now())) {
      changed();
    }
  }

  /** After a change to anything: the streams publish it and lagging lookups record it. */
  private void changed() {
    streams.publish();
    lookups.record(faults.now());
  }

  /** After a transaction changed one account. */
  private void changedAccount(long accountIndex) {
    streams.publishAccount(accountIndex);
    lookups.record(faults.now());
  }

  // ----- helpers

  /** A decimal integer query parameter, or null when it is absent or not one. */
  static Long longParam(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    if (value == null || !value.matches("-?\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(value);
  }

  static void invalidParam(RoutingContext ctx) {
    send(ctx, 400, PaperJson.error(INVALID_PARAM, "invalid param"));
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /**
   * A market id or key index as the int the engine keys it by; one outside the int range names nothing (-1), never
   * the id it would wrap to.
   */
  static int narrow(long id) {
    return id == (int) id ? (int) id : NOTHING;
  }
}
