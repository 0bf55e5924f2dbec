package io.copytrader.http;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * {@code POST /api/kill}, {@code POST /api/resume} and {@code GET /api/rails[/{account_index}]} (README.md, "Kill
 * switch and rails"): checks the body field by field and hands it to the kill switch's owner on the bus, which
 * checks the account and answers with the whole kill switch. Neither depends on the exchange being up, nor on the
 * service taking trades: stopping trading must work when nothing else does.
 */
final class KillSwitchRoutes {

  private static final long BUS_TIMEOUT_MS = 10_000;
  private static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  private static final int MAX_REASON_LENGTH = 500;
  private static final String DEFAULT_REASON = "operator: POST /api/kill";

  private final Vertx vertx;

  private KillSwitchRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  static void mount(Vertx vertx, Router router, BodyHandler body) {
    KillSwitchRoutes routes = new KillSwitchRoutes(vertx);
    router.post("/api/kill").consumes("application/json").handler(body)
      .handler(ctx -> routes.change(ctx, Addresses.KILL_SWITCH_ENGAGE, true));
    router.post("/api/resume").consumes("application/json").handler(body)
      .handler(ctx -> routes.change(ctx, Addresses.KILL_SWITCH_RESUME, false));
    router.get("/api/rails").handler(ctx -> routes.ask(ctx, Addresses.RAILS_STATUS, new JsonObject()));
    router.get("/api/rails/:account_index").handler(routes::accountRails);
  }

  private void change(RoutingContext ctx, String address, boolean engage) {
    JsonObject command;
    try {
      command = engage ? kill(ctx.body().buffer()) : resume(ctx.body().buffer());
    } catch (InvalidRequestException e) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, e.getMessage());
      return;
    }
    ask(ctx, address, command);
  }

  private void accountRails(RoutingContext ctx) {
    Long accountIndex = HttpVerticle.pathIndex(ctx.pathParam("account_index"));
    if (accountIndex == null) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, "account_index must be a non-negative integer");
      return;
    }
    ask(ctx, Addresses.RAILS_STATUS, new JsonObject().put("account_index", accountIndex));
  }

  private void ask(RoutingContext ctx, String address, JsonObject body) {
    vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MS))
      .onSuccess(reply -> HttpVerticle.json(ctx, 200, reply.body()))
      .onFailure(failure -> ErrorResponses.send(ctx.response(), failure));
  }

  /** {@code {"mode": "halt"|"flatten", "account_index"?: n, "reason"?: text}}. */
  static JsonObject kill(Buffer body) throws InvalidRequestException {
    JsonObject json = object(body, Set.of("mode", "account_index", "reason"));
    Object mode = json.getValue("mode");
    if (mode == null) {
      throw new InvalidRequestException("mode is required");
    }
    if (!"halt".equals(mode) && !"flatten".equals(mode)) {
      throw new InvalidRequestException("mode must be one of halt, flatten");
    }
    JsonObject command = new JsonObject().put("mode", mode).put("reason", reason(json));
    Long accountIndex = accountIndex(json);
    return accountIndex == null ? command : command.put("account_index", accountIndex);
  }

  /** {@code {"account_index"?: n}}; an empty body resumes all accounts. */
  static JsonObject resume(Buffer body) throws InvalidRequestException {
    JsonObject json = object(body, Set.of("account_index"));
    Long accountIndex = accountIndex(json);
    return accountIndex == null ? new JsonObject() : new JsonObject().put("account_index", accountIndex);
  }

  private static JsonObject object(Buffer body, Set<String> fields) throws InvalidRequestException {
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      return new JsonObject();
    }
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidRequestException("body must be a JSON object");
    }
    for (String name : json.fieldNames()) {
      if (!fields.contains(name)) {
        throw new InvalidRequestException("unknown field '" + printable(name) + "'");
      }
    }
    return json;
  }

  private static Long accountIndex(JsonObject json) throws InvalidRequestException {
    Object value = json.getValue("account_index");
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
      || ((Number) value).longValue() > MAX_ACCOUNT_INDEX) {
      throw new InvalidRequestException("account_index must be an integer between 0 and " + MAX_ACCOUNT_INDEX);
    }
    return ((Number) value).longValue();
  }

  private static String reason(JsonObject json) throws InvalidRequestException {
    Object value = json.getValue("reason");
    if (value == null) {
      return DEFAULT_REASON;
    }
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_REASON_LENGTH
      || text.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException("reason must be a text of 1 to " + MAX_REASON_LENGTH
        + " characters without control characters");
    }
    return text.strip();
  }

  /** Field names come from the client; keep them short and printable in error messages. */
  private static String printable(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
    return cut.replaceAll("[^\\x20-\\x7e…]", "?");
  }
}
