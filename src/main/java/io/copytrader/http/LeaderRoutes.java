package io.copytrader.http;

import io.copytrader.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/leaders} (README.md, "Copying a leader"): every configured leader with its feed's state and last
 * event, and per follower each market's target, actual position and drift; an empty list without leaders.
 */
final class LeaderRoutes {

  private static final long BUS_TIMEOUT_MS = 10_000;

  private LeaderRoutes() {
  }

  static void mount(Vertx vertx, Router router) {
    router.get("/api/leaders").handler(ctx -> vertx.eventBus()
      .<JsonObject>request(Addresses.LEADERS_STATUS, new JsonObject(),
        new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MS))
      .onSuccess(reply -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
        .end(reply.body().getJsonArray("leaders", new JsonArray()).encode()))
      .onFailure(failure -> ErrorResponses.send(ctx.response(), failure)));
  }
}
