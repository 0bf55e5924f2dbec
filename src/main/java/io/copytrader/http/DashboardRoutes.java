package io.copytrader.http;

import io.copytrader.journal.Journal;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;

/**
 * The operator's pages (README.md, "Dashboard"): the dashboard at {@code /} for browsers, its files under
 * {@code /dashboard/}, the API's documentation ({@link DocsRoutes}) and the live feed ({@link LiveRoutes}). The pages
 * hold no data and no secret: everything they show comes from the API, with the key the operator types in.
 */
final class DashboardRoutes {

  private DashboardRoutes() {
  }

  static void mount(Vertx vertx, Router router, BodyHandler body, Set<Long> accountIndexes, Journal journal) {
    router.get("/").handler(DashboardRoutes::home);
    router.get("/dashboard/*").handler(DocsRoutes.files("dashboard"));
    DocsRoutes.mount(router);
    LiveRoutes.mount(vertx, router);
    ProtectRoutes.mount(vertx, router, body, accountIndexes);
    EquityRoutes.mount(router, journal, accountIndexes);
  }

  /** A browser (it accepts HTML) gets the dashboard; any other client the service's name, as before the page. */
  private static void home(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      DocsRoutes.sendResource(ctx, "dashboard/index.html", "text/html; charset=utf-8");
    } else {
      HttpVerticle.json(ctx, 200, new JsonObject().put("service", "Lighter copy trader").put("status", "running"));
    }
  }
}
