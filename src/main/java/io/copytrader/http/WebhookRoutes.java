package io.copytrader.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.account.RequestIds;
import io.copytrader.account.TradeRequest;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Fanout;
import io.copytrader.webhook.ClientAddress;
import io.copytrader.webhook.HmacSignature;
import io.copytrader.webhook.MappedSignal;
import io.copytrader.webhook.SignalException;
import io.copytrader.webhook.SignalMapper;
import io.copytrader.webhook.SignalSource;
import io.copytrader.webhook.SignalSources;
import io.copytrader.webhook.TickerSymbols;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/webhook/{token}} and {@code POST /api/webhook} with the token as {@code "secret"} in the body
 * (README.md, "From TradingView"). A webhook is authenticated by its source's token, not by {@code X-API-Key}
 * (TradingView cannot send headers), so these routes are mounted before the key is required. The checks, in order:
 * the token (an unknown one gets exactly the 404 of an unknown route), the client address (403), the content type
 * (415), the body's size (413), the signature (401), then the payload, mapped to a native request
 * ({@link SignalMapper}) and checked by {@link TradeRequestParser} for every account it goes to before any is
 * queued. The answer lists each account's request id; the work itself is queued.
 */
final class WebhookRoutes {

  /** Queues valid requests of one signal as {@code /api/trade} does ({@link HttpVerticle#queueAll}). */
  @FunctionalInterface
  interface Intake {
    List<Future<JsonObject>> queueAll(List<TradeRequest> requests, long receivedNanos, Fanout fanout);
  }

  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
  private static final String SOURCE = "webhook.source";
  private static final String UNKNOWN = "unknown";
  private static final Set<String> CONTENT_TYPES = Set.of("application/json", "text/plain");
  private static final ObjectMapper WRITER = new ObjectMapper();
  private static final long BUS_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final SignalSources sources;
  private final ServiceMetrics metrics;
  private final Intake intake;

  private WebhookRoutes(Vertx vertx, SignalSources sources, ServiceMetrics metrics, Intake intake) {
    this.vertx = vertx;
    this.sources = sources;
    this.metrics = metrics;
    this.intake = intake;
  }

  static void mount(Vertx vertx, Router router, SignalSources sources, ServiceMetrics metrics, Intake intake) {
    WebhookRoutes routes = new WebhookRoutes(vertx, sources, metrics, intake);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(HttpVerticle.MAX_BODY_BYTES);
    // Two routes: the token is checked before any body is read, and Vert.x takes a body handler only first.
    router.post("/api/webhook/:token").handler(routes::identifyByToken).failureHandler(routes::failed);
    router.post("/api/webhook/:token").handler(body).handler(routes::receive).failureHandler(routes::failed);
    router.post("/api/webhook").handler(body).handler(routes::identifyBySecret).handler(routes::receive)
      .failureHandler(routes::failed);
  }

  private void identifyByToken(RoutingContext ctx) {
    Optional<SignalSource> source = sources.byToken(ctx.pathParam("token"));
    if (source.isEmpty()) {
      unknownSource(ctx);
    } else if (admitted(ctx, source.get()) && typeAccepted(ctx, source.get().name())) {
      ctx.put(SOURCE, source.get());
      ctx.next();
    }
  }

  private void identifyBySecret(RoutingContext ctx) {
    if (!typeAccepted(ctx, UNKNOWN)) {
      return;
    }
    JsonNode payload;
    try {
      payload = TradeRequestParser.readObject(bytes(ctx));
    } catch (InvalidRequestException e) {
      answer(ctx, UNKNOWN, "invalid", FailureCode.INVALID_REQUEST, e.getMessage());
      return;
    }
    JsonNode secret = payload.get("secret");
    Optional<SignalSource> source = secret != null && secret.isTextual() ? sources.byToken(secret.textValue())
      : Optional.empty();
    if (source.isEmpty()) {
      unknownSource(ctx);
    } else if (admitted(ctx, source.get())) {
      ctx.put(SOURCE, source.get());
      ctx.next();
    }
  }

  /** Exactly what an unknown route answers: nothing tells a wrong token from a route that does not exist. */
  private void unknownSource(RoutingContext ctx) {
    metrics.webhookAnswered(UNKNOWN, "unknown_source");
    ErrorResponses.sendRouting(ctx.response(), 404);
  }

  /** Whether the client's address is one the source allows; answers 403 when not. */
  private boolean admitted(RoutingContext ctx, SignalSource source) {
    if (source.allowlist() == null) {
      return true;
    }
    String peer = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    Optional<String> client = ClientAddress.of(peer, ctx.request().headers().getAll("X-Forwarded-For"),
      sources.trustedProxies());
    if (client.isPresent() && source.allows(client.get())) {
      return true;
    }
    LOG.warn("Webhook for signal source {} refused: address {} is not in its ip_allowlist", source.name(),
      client.orElse("unreadable (X-Forwarded-For from a trusted proxy)"));
    answer(ctx, source.name(), "forbidden", FailureCode.FORBIDDEN,
      "this address may not send signals for this source");
    return false;
  }

  private boolean typeAccepted(RoutingContext ctx, String source) {
    String type = ctx.request().getHeader("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (CONTENT_TYPES.contains(mediaType)) {
      return true;
    }
    metrics.webhookAnswered(source, "invalid");
    ErrorResponses.send(ctx.response(), 415, "UNSUPPORTED_MEDIA_TYPE",
      "Content-Type must be application/json or text/plain");
    return false;
  }

  private void receive(RoutingContext ctx) {
    long receivedNanos = System.nanoTime();
    SignalSource source = ctx.get(SOURCE);
    byte[] body = bytes(ctx);
    if (source.hmacSecret() != null) {
      HmacSignature.Check check = HmacSignature.check(ctx.request().getHeader(HmacSignature.HEADER), body,
        source.hmacSecret(), System.currentTimeMillis() / 1000);
      if (check != HmacSignature.Check.VALID) {
        answer(ctx, source.name(), "unauthorized", FailureCode.UNAUTHORIZED, check.message());
        return;
      }
    }
    MappedSignal signal;
    try {
      signal = SignalMapper.map(TradeRequestParser.readObject(body), source);
    } catch (InvalidRequestException | SignalException e) {
      answer(ctx, source.name(), "invalid", FailureCode.INVALID_REQUEST, e.getMessage());
      return;
    }
    if (signal.accountIndex() != null && !source.accounts().contains(signal.accountIndex())) {
      answer(ctx, source.name(), "invalid", FailureCode.UNKNOWN_ACCOUNT,
        "account " + signal.accountIndex() + " is not an account of signal source " + source.name());
      return;
    }
    List<Long> accounts = signal.accountIndex() != null ? List.of(signal.accountIndex()) : source.accounts();
    nativeBody(signal, source)
      .onFailure(failure -> answer(ctx, source.name(), failure))
      .onSuccess(nativeBody -> {
        List<TradeRequest> requests;
        try {
          requests = requests(nativeBody, signal.route(), accounts);
        } catch (InvalidRequestException e) {
          answer(ctx, source.name(), "invalid", FailureCode.INVALID_REQUEST, e.getMessage());
          return;
        }
        List<Future<JsonObject>> queued = intake.queueAll(requests, receivedNanos, fanout(source, requests));
        Future.join(queued).onComplete(done -> answerQueued(ctx, source, signal, requests, queued));
      });
  }

  /** The body of the native request, its ticker mapped to a market the service knows. */
  private Future<ObjectNode> nativeBody(MappedSignal signal, SignalSource source) {
    ObjectNode body = signal.route() == MappedSignal.Route.POSITION ? signal.positionBody()
      : signal.body().deepCopy();
    if (signal.ticker() == null) {
      return Future.succeededFuture(body);
    }
    return vertx.eventBus().<JsonObject>request(Addresses.MARKET_LIST, new JsonObject(),
        new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MS))
      .map(reply -> {
        Set<String> known = reply.body().getJsonArray("markets", new JsonArray()).stream()
          .map(market -> ((JsonObject) market).getString("symbol", "").toUpperCase(Locale.ROOT))
          .collect(Collectors.toSet());
        return body.put("symbol", TickerSymbols.symbolFor(signal.ticker(), source.symbols(), known));
      });
  }

  /**
   * One request per account, checked as {@code /api/trade} checks its body: the body is parsed once, with the
   * first account's index, and the others' requests differ from it only in the account (every account of a source
   * is a configured one).
   */
  private static List<TradeRequest> requests(ObjectNode body, MappedSignal.Route route, List<Long> accounts)
    throws InvalidRequestException {
    byte[] bytes = encode(body.put("account_index", accounts.get(0)));
    TradeRequest first = switch (route) {
      case TRADE -> TradeRequestParser.parseTrade(bytes, null);
      case ADJUST -> TradeRequestParser.parseAdjust(bytes, null);
      case POSITION -> TradeRequestParser.parsePosition(bytes, null);
    };
    List<TradeRequest> requests = new ArrayList<>(accounts.size());
    for (long account : accounts) {
      requests.add(first.withAccount(account));
    }
    return requests;
  }

  /**
   * The signal as its accounts' notices name it, when it went to more than one: its idempotency key
   * ({@code webhook:<source>:<id>}), or for a signal without an id the source and when it was received.
   */
  private static Fanout fanout(SignalSource source, List<TradeRequest> requests) {
    if (requests.size() < 2) {
      return null;
    }
    String key = requests.get(0).clientRequestId();
    String signal = key != null ? key : "webhook:" + source.name() + "@" + RequestIds.next(System.currentTimeMillis());
    return new Fanout(signal, requests.size());
  }

  /**
   * Each account's outcome: 202 when any request is new, 200 when every one repeats an earlier signal (the same
   * id), and the error of the first account when none was queued.
   */
  private void answerQueued(RoutingContext ctx, SignalSource source, MappedSignal signal,
                            List<TradeRequest> requests, List<Future<JsonObject>> queued) {
    JsonArray outcomes = new JsonArray();
    Throwable firstFailure = null;
    boolean anyQueued = false;
    boolean anyNew = false;
    for (int i = 0; i < requests.size(); i++) {
      JsonObject outcome = new JsonObject().put("account_index", requests.get(i).accountIndex());
      Future<JsonObject> result = queued.get(i);
      if (result.succeeded()) {
        anyQueued = true;
        boolean repeat = result.result().getBoolean("duplicate", false);
        anyNew |= !repeat;
        outcome.put("request_id", result.result().getString("request_id"));
        if (repeat) {
          outcome.put("duplicate", true).put("state", result.result().getString("state"));
        }
      } else {
        firstFailure = firstFailure == null ? result.cause() : firstFailure;
        outcome.mergeIn(ErrorResponses.describe(result.cause()));
      }
      outcomes.add(outcome);
    }
    if (!anyQueued) {
      answer(ctx, source.name(), firstFailure);
      return;
    }
    JsonObject response = new JsonObject().put("status", "success")
      .put("message", anyNew ? "signal accepted, processing in background" : "duplicate signal: already accepted")
      .put("source", source.name())
      .put("requests", outcomes);
    if (signal.targetRatio() != null) {
      response.put("target_ratio", signal.targetRatio().toPlainString());
    }
    String outcome = anyNew ? "accepted" : "duplicate";
    LOG.info("Webhook from signal source {} {}: {}", source.name(), outcome, outcomes.encode());
    metrics.webhookAnswered(source.name(), outcome);
    HttpVerticle.json(ctx, anyNew ? 202 : 200, response);
  }

  private void answer(RoutingContext ctx, String source, String outcome, FailureCode failure, String message) {
    metrics.webhookAnswered(source, outcome);
    ErrorResponses.send(ctx.response(), failure, message);
  }

  private void answer(RoutingContext ctx, String source, Throwable failure) {
    metrics.webhookAnswered(source, ErrorResponses.status(failure) < 500 ? "invalid" : "failed");
    ErrorResponses.send(ctx.response(), failure);
  }

  /**
   * What the router or the body handler failed with (a body over the limit, a body that could not be read), in
   * the error body; anything else is logged without the path, which holds the token.
   */
  private void failed(RoutingContext ctx) {
    SignalSource source = ctx.get(SOURCE);
    String name = source == null ? UNKNOWN : source.name();
    int status = ctx.statusCode();
    if (status == 400 || status == 413) {
      metrics.webhookAnswered(name, "invalid");
      ErrorResponses.sendRouting(ctx.response(), status);
      return;
    }
    LOG.error("Unhandled failure on a webhook of signal source {}", name, ctx.failure());
    metrics.webhookAnswered(name, "failed");
    ErrorResponses.sendRouting(ctx.response(), 500);
  }

  private static byte[] bytes(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null ? new byte[0] : buffer.getBytes();
  }

  private static byte[] encode(ObjectNode body) {
    try {
      return WRITER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
