package io.copytrader.http;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The dashboard's live feed (README.md, "Dashboard"): {@code POST /api/live/ticket} (behind the API key) hands out a
 * single-use ticket, {@code GET /live/events?ticket=…} spends it on a Server-Sent Events stream of request state
 * changes, kill switch changes and health changes, as the event bus publishes them. Nothing is polled.
 */
final class LiveRoutes {

  static final int MAX_STREAMS = 32;
  private static final long KEEP_ALIVE_MS = 15_000;

  private final LiveTickets tickets = new LiveTickets();
  private final Set<HttpServerResponse> streams = new LinkedHashSet<>();

  private LiveRoutes() {
  }

  static void mount(Vertx vertx, Router router) {
    LiveRoutes routes = new LiveRoutes();
    router.post("/api/live/ticket").handler(routes::ticket);
    router.get("/live/events").handler(routes::events);
    vertx.eventBus().<JsonObject>consumer(Addresses.REQUEST_STATE_CHANGED, msg -> routes.send("request", msg.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.KILL_SWITCH_CHANGED, msg -> routes.send("kill_switch",
      msg.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.HEALTH_CHANGED, msg -> routes.send("health", msg.body()));
    vertx.setPeriodic(KEEP_ALIVE_MS, id -> routes.streams.forEach(stream -> stream.write(": keep-alive\n\n")));
  }

  private void ticket(RoutingContext ctx) {
    LiveTickets.Ticket ticket = tickets.issue(Instant.now());
    HttpVerticle.json(ctx, 200, new JsonObject().put("ticket", ticket.value())
      .put("expires_at", ticket.expiresAt().toString()));
  }

  private void events(RoutingContext ctx) {
    if (!tickets.redeem(ctx.queryParams().get("ticket"), Instant.now())) {
      ErrorResponses.send(ctx.response(), FailureCode.UNAUTHORIZED,
        "a live ticket from POST /api/live/ticket is required (single use, 30 s)");
      return;
    }
    if (streams.size() >= MAX_STREAMS) {
      ErrorResponses.send(ctx.response(), FailureCode.QUEUE_FULL, "too many live streams open; close one");
      return;
    }
    HttpServerResponse response = ctx.response();
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
      .putHeader("Cache-Control", "no-store");
    streams.add(response);
    response.closeHandler(closed -> streams.remove(response));
    // The first bytes tell the browser the stream is open (EventSource's open event).
    response.write(": open\n\n");
  }

  private void send(String event, JsonObject data) {
    String frame = "event: " + event + "\ndata: " + data.encode() + "\n\n";
    streams.forEach(stream -> stream.write(frame));
  }
}
