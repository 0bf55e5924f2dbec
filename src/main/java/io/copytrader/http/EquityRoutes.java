package io.copytrader.http;

import io.copytrader.FailureCode;
import io.copytrader.journal.EquityStore;
import io.copytrader.journal.Journal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/equity/{account_index}?hours=24}: the account's equity samples of the last hours, oldest first, as
 * {@code {"account_index", "samples": [{"at", "equity"}]}} (journal/EquityStore; the dashboard's equity chart).
 */
final class EquityRoutes {

  static final int DEFAULT_HOURS = 24;
  static final int MAX_HOURS = (int) EquityStore.RETENTION.toHours();

  private EquityRoutes() {
  }

  static void mount(Router router, Journal journal, Set<Long> accountIndexes) {
    router.get("/api/equity/:account_index").handler(ctx -> equity(ctx, journal, accountIndexes));
  }

  private static void equity(RoutingContext ctx, Journal journal, Set<Long> accountIndexes) {
    Long accountIndex = HttpVerticle.pathIndex(ctx.pathParam("account_index"));
    String hoursText = ctx.queryParams().get("hours");
    if (accountIndex == null) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, "account_index must be a non-negative integer");
      return;
    }
    if (hoursText != null && (!hoursText.matches("\\d{1,3}") || Integer.parseInt(hoursText) < 1
      || Integer.parseInt(hoursText) > MAX_HOURS)) {
      ErrorResponses.send(ctx.response(), FailureCode.INVALID_REQUEST, "hours must be an integer from 1 to "
        + MAX_HOURS);
      return;
    }
    if (!accountIndexes.contains(accountIndex)) {
      ErrorResponses.send(ctx.response(), FailureCode.UNKNOWN_ACCOUNT, "account " + accountIndex
        + " is not configured");
      return;
    }
    int hours = hoursText == null ? DEFAULT_HOURS : Integer.parseInt(hoursText);
    EquityStore.since(journal, accountIndex, Instant.now().minus(Duration.ofHours(hours)))
      .onSuccess(samples -> {
        JsonArray list = new JsonArray();
        samples.forEach(sample -> list.add(new JsonObject().put("at", sample.at().toString())
          .put("equity", sample.equity().toPlainString())));
        HttpVerticle.json(ctx, 200, new JsonObject().put("account_index", accountIndex).put("samples", list));
      })
      .onFailure(failure -> ErrorResponses.send(ctx.response(), FailureCode.EXCHANGE_UNAVAILABLE,
        "the journal is unavailable"));
  }
}
