package io.copytrader.http;

import io.copytrader.account.AccountRequests;
import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.account.TradeAction;
import io.copytrader.account.TradeRequest;
import io.copytrader.config.HttpSettings;
import io.copytrader.journal.Journal;
import io.copytrader.journal.RequestCursor;
import io.copytrader.journal.RequestQuery;
import io.copytrader.market.MarketJson;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Fanout;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP API (README.md, "HTTP API"): validates and authenticates requests, resolves markets, hands
 * trade requests to the account's queue and maps every failure to the documented error body.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  static final int MAX_BODY_BYTES = 64 * 1024;
  /** Longest request line (method, URI, version); longer gets 414. Netty's and Vert.x's default, made explicit. */
  static final int MAX_INITIAL_LINE_BYTES = 4096;
  /** All header lines together; more gets 431. Vert.x's default, made explicit. */
  static final int MAX_HEADER_BYTES = 8192;
  private static final long BUS_TIMEOUT_MS = 10_000;

  private static final int DEFAULT_PAGE = 50;

  private final HttpSettings settings;
  private final Set<Long> accountIndexes;
  private final Journal journal;
  private final ServiceMetrics metrics;
  private HttpServer server;
  private Router router;
  private boolean exchangeHealthy = true;
  private boolean refusingIntake;

  /** Given the configured account indexes only: the API never holds a private key. */
  public HttpVerticle(HttpSettings settings, Collection<Long> accountIndexes, Journal journal, ServiceMetrics metrics) {
    this.settings = settings;
    this.accountIndexes = Set.copyOf(accountIndexes);
    this.journal = journal;
    this.metrics = metrics;
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Every route the API serves, as mounted (the OpenAPI document is checked against them). */
  List<Route> routes() {
    return router.getRoutes();
  }

  @Override
  public Future<?> start() {
    Future<Void> healthChanges = vertx.eventBus().<JsonObject>localConsumer(Addresses.HEALTH_CHANGED,
      msg -> exchangeHealthy = msg.body().getBoolean("api_healthy", false)).completion();
    // From then on, new trade requests get 503: the service is draining for shutdown.
    Future<Void> intakeClose = vertx.eventBus().localConsumer(Addresses.INTAKE_CLOSE, msg -> {
      refusingIntake = true;
      msg.reply(null);
    }).completion();
    router = router();
    return Future.all(healthChanges, intakeClose)
      .compose(registered -> initialHealth())
      .compose(ignored -> vertx.createHttpServer(new HttpServerOptions()
          .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
          .setMaxHeaderSize(MAX_HEADER_BYTES))
        .requestHandler(router)
        .invalidRequestHandler(ErrorResponses::sendUndecodable)
        .listen(settings.port(), settings.host()))
      .onSuccess(listening -> {
        server = listening;
        LOG.info("HTTP API listening on {}:{}", settings.host(), listening.actualPort());
      });
  }

  private Future<Void> initialHealth() {
    return vertx.eventBus().<JsonObject>request(Addresses.HEALTH_STATUS, new JsonObject())
      .map(reply -> {
        exchangeHealthy = reply.body().getBoolean("api_healthy", true);
        return (Void) null;
      })
      .otherwiseEmpty();
  }

  private Router router() {
    Router router = Router.router(vertx);
    BrowserSecurity.mount(router);
    router.get("/health").handler(this::health);
    WebhookRoutes.mount(vertx, router, settings.signalSources(), metrics, this::queueAll);
    if (settings.apiKeyRequired()) {
      ApiKeyAuth auth = new ApiKeyAuth(settings.apiKey());
      router.route("/api/*").handler(auth);
      router.route("/metrics").handler(auth);
    }
    router.get("/metrics").handler(ctx -> vertx.<String>executeBlocking(metrics::scrape, false)
      .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(text))
      .onFailure(ctx::fail));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    router.post("/api/trade").consumes("application/json").handler(body).handler(ctx -> submit(ctx,
      TradeRequestParser::parseTrade, "request accepted, processing in background"));
    router.post("/api/trade/adjust").consumes("application/json").handler(body).handler(ctx -> submit(ctx,
      TradeRequestParser::parseAdjust, "adjustment request accepted, processing in background"));
    PositionRoutes.mount(router, body, this::submit);
    router.get("/api/account/:account_index").handler(this::account);
    router.get("/api/trade/:request_id").handler(this::requestStatus);
    router.get("/api/trades").handler(this::requestList);
    KillSwitchRoutes.mount(vertx, router, body);
    LeaderRoutes.mount(vertx, router);
    NodeRoutes.mount(vertx, router, journal);
    DashboardRoutes.mount(vertx, router, body, accountIndexes, journal);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, ctx -> {
        if (status == 500 && ctx.failure() != null) {
          LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
        }
        ErrorResponses.sendRouting(ctx.response(), status);
      });
    }
    return router;
  }

  /** Validates the body with {@code parser} and hands the request to its account's queue; 202 with {@code accepted}. */
  private void submit(RoutingContext ctx, RequestParser parser, String accepted) {
    long receivedNanos = System.nanoTime();
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    String idempotencyKey = ctx.request().getHeader("Idempotency-Key");
    TradeRequest request;
    try {
      request = parser.parse(body, idempotencyKey);
    } catch (InvalidRequestException e) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, e.getMessage());
      return;
    }
    queue(request, receivedNanos)
      .onSuccess(result -> {
        boolean repeat = result.getBoolean("duplicate", false);
        JsonObject response = new JsonObject()
          .put("status", "success")
          .put("message", repeat ? "duplicate request: already accepted" : accepted)
          .put("request_id", result.getString("request_id"));
        if (repeat) {
          response.put("state", result.getString("state"));
        }
        json(ctx, repeat ? 200 : 202, response);
      })
      .onFailure(failure -> ErrorResponses.send(ctx.response(), failure));
  }

  /**
   * Checks a valid request against the service's state (its account configured, intake open, the exchange up),
   * resolves its market and queues it on its account: the account's reply ({@code request_id}, and
   * {@code duplicate} and {@code state} for a repeat), or a failure {@link ErrorResponses#send(
   * io.vertx.core.http.HttpServerResponse, Throwable)} answers.
   */
  Future<JsonObject> queue(TradeRequest request, long receivedNanos) {
    return queueAll(List.of(request), receivedNanos, null).get(0);
  }

  /**
   * {@link #queue} for requests of one signal to several accounts, all for the same market: the market is resolved
   * once for all of them, each is checked and queued on its own account, and each gets its own answer.
   *
   * @param fanout the signal the requests are, handed to each account for its notices; null for a lone request
   */
  List<Future<JsonObject>> queueAll(List<TradeRequest> requests, long receivedNanos, Fanout fanout) {
    Future<TradeRequest> market = null;
    List<Future<JsonObject>> queued = new ArrayList<>(requests.size());
    for (TradeRequest request : requests) {
      Optional<Future<JsonObject>> refusal = refusal(request);
      if (refusal.isPresent()) {
        queued.add(refusal.get());
        continue;
      }
      if (market == null) {
        market = resolveMarket(request);
      }
      DeliveryOptions options = busOptions().addHeader(Addresses.RECEIVED_NANOS, Long.toString(receivedNanos));
      if (fanout != null) {
        fanout.addTo(options);
      }
      queued.add(market.map(resolved -> request.withMarket(resolved.marketId(), resolved.symbol()))
        .compose(resolved -> AccountRequests.submit(vertx.eventBus(), resolved.accountIndex(), resolved.toJson(),
          options))
        .map(Message::body)
        .recover(this::intakeFailed));
    }
    return queued;
  }

  /** Why the request cannot be queued whatever its market: its account is not configured, or intake is closed. */
  private Optional<Future<JsonObject>> refusal(TradeRequest request) {
    if (!accountIndexes.contains(request.accountIndex())) {
      return Optional.of(refused(FailureCode.UNKNOWN_ACCOUNT, "account " + request.accountIndex()
        + " is not configured"));
    }
    if (refusingIntake) {
      return Optional.of(refused(FailureCode.SHUTTING_DOWN, "the service is shutting down; retry shortly"));
    }
    if (!exchangeHealthy) {
      return Optional.of(refused(FailureCode.EXCHANGE_UNAVAILABLE, "Lighter API is currently unavailable"));
    }
    return Optional.empty();
  }

  /**
   * A request that passed the shutdown check just before the drain began can find its account already gone
   * from the bus; it is told the service is stopping, not that the exchange is unavailable.
   */
  private Future<JsonObject> intakeFailed(Throwable failure) {
    boolean unanswered = failure instanceof ReplyException reply
      && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE;
    if (refusingIntake && unanswered) {
      return refused(FailureCode.SHUTTING_DOWN, "the service is shutting down; retry shortly");
    }
    return Future.failedFuture(failure);
  }

  private static <T> Future<T> refused(FailureCode failure, String message) {
    return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, failure.code(), message));
  }

  private Future<TradeRequest> resolveMarket(TradeRequest request) {
    JsonObject query = request.marketId() != null ? new JsonObject().put("market_id", request.marketId())
      : new JsonObject().put("symbol", request.symbol());
    return vertx.eventBus().<JsonObject>request(Addresses.MARKET_RESOLVE, query, busOptions())
      .map(Message::body)
      .compose(market -> {
        String symbol = market.getString("symbol");
        if (request.symbol() != null && !request.symbol().toUpperCase(Locale.ROOT)
          .equals(symbol.toUpperCase(Locale.ROOT))) {
          return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE,
            FailureCode.INVALID_REQUEST.code(), "symbol " + request.symbol() + " does not match market_id "
            + request.marketId() + " (" + symbol + ")"));
        }
        Optional<String> closed = MarketJson.fromJson(market).access().openingRefusal();
        // A target position's steps are checked one by one: one that only reduces the position passes.
        if (!request.action().isExit() && request.action() != TradeAction.POSITION && closed.isPresent()) {
          return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE,
            FailureCode.MARKET_REDUCE_ONLY.code(), "market " + symbol + " " + closed.get() + "; it takes only"
            + " close and decrease requests now"));
        }
        return Future.succeededFuture(request.withMarket(market.getInteger("market_id"), symbol));
      });
  }

  private void account(RoutingContext ctx) {
    Long accountIndex = pathIndex(ctx.pathParam("account_index"));
    if (accountIndex == null) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, "account_index must be a non-negative integer");
      return;
    }
    if (!accountIndexes.contains(accountIndex)) {
      ErrorResponses.send(ctx.response(), FailureCode.UNKNOWN_ACCOUNT,
        "Account " + accountIndex + " not found in configuration");
      return;
    }
    if (!exchangeHealthy) {
      ErrorResponses.send(ctx.response(), FailureCode.EXCHANGE_UNAVAILABLE, "Lighter API is currently unavailable");
      return;
    }
    AccountRequests.view(vertx.eventBus(), accountIndex, busOptions())
      .onSuccess(reply -> json(ctx, 200, reply.body()))
      .onFailure(failure -> ErrorResponses.send(ctx.response(), failure));
  }

  private void requestStatus(RoutingContext ctx) {
    String requestId = ctx.pathParam("request_id");
    if (requestId == null || requestId.length() > 64 || !requestId.matches("[0-9A-Za-z._-]+")) {
      ErrorResponses.send(ctx.response(), FailureCode.NOT_FOUND, "no request with that id");
      return;
    }
    journal.getRequest(requestId)
      .onSuccess(found -> found.ifPresentOrElse(detail -> json(ctx, 200, detail.toJson()),
        () -> ErrorResponses.send(ctx.response(), FailureCode.NOT_FOUND, "no request " + requestId)))
      .onFailure(failure -> ErrorResponses.send(ctx.response(), FailureCode.EXCHANGE_UNAVAILABLE,
        "the journal is unavailable"));
  }

  private void requestList(RoutingContext ctx) {
    RequestQuery query;
    try {
      String account = ctx.queryParams().get("account_index");
      String limit = ctx.queryParams().get("limit");
      String before = ctx.queryParams().get("before");
      Long accountIndex = account == null ? null : pathIndex(account);
      if (account != null && accountIndex == null) {
        throw new IllegalArgumentException("account_index must be a non-negative integer");
      }
      if (limit != null && !limit.matches("\\d{1,4}")) {
        throw new IllegalArgumentException("limit must be an integer from 1 to " + RequestQuery.MAX_LIMIT);
      }
      query = new RequestQuery(accountIndex, limit == null ? DEFAULT_PAGE : Integer.parseInt(limit),
        before == null ? null : RequestCursor.parse(before));
    } catch (IllegalArgumentException e) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, e.getMessage());
      return;
    }
    journal.listRequests(query)
      .onSuccess(page -> json(ctx, 200, page.toJson()))
      .onFailure(failure -> ErrorResponses.send(ctx.response(), FailureCode.EXCHANGE_UNAVAILABLE,
        "the journal is unavailable"));
  }

  private void health(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.HEALTH_STATUS, new JsonObject(), busOptions())
      .onSuccess(reply -> {
        JsonObject status = reply.body();
        json(ctx, "healthy".equals(status.getString("status")) ? 200 : 503, status);
      })
      .onFailure(failure -> json(ctx, 503, new JsonObject()
        .put("status", "unhealthy").put("api_healthy", false)
        .put("checks", new JsonObject().put("health", "health checks not running"))));
  }

  static Long pathIndex(String text) {
    if (text == null || !text.matches("\\d{1,15}")) {
      return null;
    }
    return Long.parseLong(text);
  }

  private static DeliveryOptions busOptions() {
    return new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MS);
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
