package io.copytrader.http;

import io.copytrader.FailureCode;
import io.copytrader.cluster.NodeHeartbeats;
import io.copytrader.journal.Journal;
import io.copytrader.journal.LeaseRows;
import io.copytrader.journal.LeaseRows.LeaseRow;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/nodes} (README.md, "HTTP API"): which node owns which account, from the journal's lease rows, the
 * one record of ownership, beside the nodes this node hears ({@link NodeHeartbeats}). Any node answers the same
 * leases; the members are as this node hears them.
 */
final class NodeRoutes {

  private final Vertx vertx;
  private final Journal journal;

  private NodeRoutes(Vertx vertx, Journal journal) {
    this.vertx = vertx;
    this.journal = journal;
  }

  static void mount(Vertx vertx, Router router, Journal journal) {
    NodeRoutes routes = new NodeRoutes(vertx, journal);
    router.get("/api/nodes").handler(routes::nodes);
  }

  /** {@code {"node_id", "cluster_manager", "members": [...], "leases": [...]}}; 503 while the journal is not read. */
  private void nodes(RoutingContext ctx) {
    LeaseRows.all(journal)
      .onSuccess(leases -> NodeHeartbeats.view(vertx).onSuccess(view -> HttpVerticle.json(ctx, 200,
        view.put("leases", new JsonArray(leases.stream().map(LeaseRow::toJson).toList())))))
      .onFailure(failure -> ErrorResponses.send(ctx.response(), FailureCode.EXCHANGE_UNAVAILABLE,
        "the journal is unavailable"));
  }
}
