package io.copytrader.http;

import io.copytrader.account.AccountRequests;
import io.copytrader.FailureCode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * {@code POST /api/protect {"account_index": n}}: the account's protection run now rather than at its next period
 * (README.md, "Protection"), for an operator who wants a stop-loss re-placed. The run takes the account's next turn
 * in its queue like any other and is journaled (kind {@code protection}) when it acts.
 */
final class ProtectRoutes {

  private static final long BUS_TIMEOUT_MS = 10_000;

  private ProtectRoutes() {
  }

  static void mount(Vertx vertx, Router router, BodyHandler body, Set<Long> accountIndexes) {
    router.post("/api/protect").consumes("application/json").handler(body).handler(ctx -> protect(vertx, ctx,
      accountIndexes));
  }

  private static void protect(Vertx vertx, RoutingContext ctx, Set<Long> accountIndexes) {
    Long accountIndex;
    try {
      accountIndex = KillSwitchRoutes.resume(ctx.body().buffer()).getLong("account_index");
    } catch (InvalidRequestException e) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, e.getMessage());
      return;
    }
    if (accountIndex == null) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, "account_index is required");
      return;
    }
    if (!accountIndexes.contains(accountIndex)) {
      ErrorResponses.send(ctx.response(), FailureCode.UNKNOWN_ACCOUNT, "account " + accountIndex
        + " is not configured");
      return;
    }
    AccountRequests.protect(vertx.eventBus(), accountIndex, new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MS))
      .onSuccess(reply -> HttpVerticle.json(ctx, 202, new JsonObject().put("status", "success")
        .put("message", "protection run of account " + accountIndex + " queued")))
      .onFailure(failure -> ErrorResponses.send(ctx.response(), failure));
  }
}
