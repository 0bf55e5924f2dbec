package io.copytrader.paper;

import static io.copytrader.paper.PaperControls.control;
import static io.copytrader.paper.PaperExchange.send;

import io.copytrader.lighter.limits.AccountTier;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The rate limits' test controls: {@code GET /paper/limits} answers what is in force and the last minute's use
 * ({@link RateLimitGuard#describe()}); {@code POST /paper/accounts/{index}/tier} {@code {"tier":"plus"}} sets an
 * account's tier ({@code standard}, {@code premium}, {@code plus}, {@code builder}). Confined to the exchange's
 * context.
 */
final class LimitControls {

  private final PaperEngine engine;
  private final RateLimitGuard limits;

  LimitControls(PaperEngine engine, RateLimitGuard limits) {
    this.engine = engine;
    this.limits = limits;
  }

  void route(Router router) {
    router.get("/paper/limits").handler(ctx -> send(ctx, 200, limits.describe()));
    router.post("/paper/accounts/:account_index/tier").handler(ctx -> control(ctx, request -> {
      PaperAccountState account = engine.account(Long.parseLong(ctx.pathParam("account_index")));
      if (account == null) {
        throw new IllegalArgumentException("unknown account");
      }
      AccountTier tier = AccountTier.parse(request.getString("tier"))
        .orElseThrow(() -> new IllegalArgumentException("tier must be standard, premium, plus or builder"));
      limits.tier(account.index, tier);
      return new JsonObject().put("account_index", account.index).put("tier", tier.wire());
    }));
  }
}
