package io.copytrader.http;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's live feed (README.md, "Dashboard"): {@code POST /api/live/ticket} (behind the API key) hands out a
 * single-use ticket, {@code GET /live/events?ticket=…} spends it on a Server-Sent Events stream of request state
 * changes, kill switch changes and health changes, as the event bus publishes them. Nothing is polled.
 */
final class LiveRoutes {

  static final int MAX_STREAMS = 32;
  private static final long KEEP_ALIVE_MS = 15_000;

  private final LiveTickets tickets = new LiveTickets();
  /** Each open stream and the connection that carries it. */
  private final Map<HttpServerResponse, HttpConnection> streams = new LinkedHashMap<>();

  private LiveRoutes() {
  }

  static void mount(Vertx vertx, Router router) {
    LiveRoutes routes = new LiveRoutes();
    router.post("/api/live/ticket").handler(routes::ticket);
    router.get("/live/events").handler(routes::events);
    vertx.eventBus().<JsonObject>localConsumer(Addresses.REQUEST_STATE_CHANGED,
      msg -> routes.send("request", msg.body()));
    vertx.eventBus().<JsonObject>localConsumer(Addresses.KILL_SWITCH_CHANGED, msg -> routes.send("kill_switch",
      msg.body()));
    vertx.eventBus().<JsonObject>localConsumer(Addresses.HEALTH_CHANGED, msg -> routes.send("health", msg.body()));
    vertx.setPeriodic(KEEP_ALIVE_MS, id -> routes.sendToAll(": keep-alive\n\n"));
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
    streams.put(response, ctx.request().connection());
    response.closeHandler(closed -> streams.remove(response));
    // The first bytes tell the browser the stream is open (EventSource's open event).
    response.write(": open\n\n");
  }

  private void send(String event, JsonObject data) {
    sendToAll("event: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  /**
   * A reader that does not keep up is cut off rather than buffered for without bound: its page reconnects with a
   * new ticket and reads the current state afresh.
   */
  private void sendToAll(String frame) {
    for (HttpServerResponse stream : List.copyOf(streams.keySet())) {
      if (stream.writeQueueFull()) {
        streams.remove(stream).close();
      } else {
        stream.write(frame);
      }
    }
  }
}
