package io.copytrader.http;

import io.copytrader.FailureCode;
import io.copytrader.config.Secret;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Requires {@code X-API-Key} to equal the configured key, compared in constant time. */
final class ApiKeyAuth implements Handler<RoutingContext> {

  static final String HEADER = "X-API-Key";

  private final Secret apiKey;

  ApiKeyAuth(Secret apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String presented = ctx.request().getHeader(HEADER);
    if (presented == null || presented.isEmpty()) {
      ErrorResponses.send(ctx.response(), FailureCode.UNAUTHORIZED, "API key required (X-API-Key header)");
    } else if (!apiKey.matches(presented)) {
      ErrorResponses.send(ctx.response(), FailureCode.UNAUTHORIZED, "invalid API key");
    } else {
      ctx.next();
    }
  }
}
