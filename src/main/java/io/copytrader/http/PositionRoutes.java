package io.copytrader.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/position} (README.md, "POST /api/position"): a target position as a signed fraction of equity,
 * validated by {@link TradeRequestParser#parsePosition} and taken in exactly as {@code /api/trade} takes a trade
 * (authentication, body limit, idempotency, the 202 answer and the error body).
 */
final class PositionRoutes {

  /** How the HTTP API takes a request in: parses it with the parser and answers 202 with the message. */
  @FunctionalInterface
  interface Intake {
    void submit(RoutingContext ctx, RequestParser parser, String accepted);
  }

  private PositionRoutes() {
  }

  static void mount(Router router, BodyHandler body, Intake intake) {
    router.post("/api/position").consumes("application/json").handler(body).handler(ctx -> intake.submit(ctx,
      TradeRequestParser::parsePosition, "position request accepted, processing in background"));
  }
}
