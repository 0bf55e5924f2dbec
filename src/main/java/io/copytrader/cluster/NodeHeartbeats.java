package io.copytrader.cluster;

import io.copytrader.Addresses;
import io.copytrader.config.ClusterSettings;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes this node is here and which accounts it owns, and keeps the nodes heard from
 * (README.md, "Running in production"). Every {@link #INTERVAL} it publishes a {@link Heartbeat} on
 * {@link Addresses#NODE_HEARTBEAT}, the one address that crosses nodes; a node not heard within {@link #WINDOW} is no
 * longer a member. Without a cluster manager the only member is this node.
 *
 * <p>The heartbeats travel on a Vert.x instance of their own, the one clustered by the cluster manager, while the
 * service's own event bus stays local: a send on a clustered event bus looks its address up in the cluster manager,
 * which waits on a frozen or cut-off member, and no trade may wait on the cluster manager.
 *
 * <p>{@link Addresses#CLUSTER_MEMBERS} (local) replies {@code {"node_id", "cluster_manager": "hazelcast"|"none",
 * "members": [{"node_id", "http_port", "owned_accounts", "started_at", "last_heard_ms"}]}}; {@code /metrics} has
 * {@code copytrade_cluster_members} and {@code copytrade_node{node_id}}.
 */
public final class NodeHeartbeats extends VerticleBase {

  public static final Duration INTERVAL = Duration.ofSeconds(2);
  public static final Duration WINDOW = Duration.ofSeconds(6);

  private static final long VIEW_TIMEOUT_MS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeats.class);

  private final String nodeId;
  private final int httpPort;
  private final Supplier<Set<Long>> ownedAccounts;
  private final ServiceMetrics metrics;
  /** The clustered instance the heartbeats travel on, or null to keep them on this verticle's own (no cluster). */
  private final Vertx cluster;
  private Vertx carrier;
  private final Instant startedAt = Instant.now();
  /** This node and every node the cluster may hold, and no more: heartbeats past that are not from the cluster. */
  private final Members members = new Members(WINDOW, ClusterSettings.MAX_MEMBERS + 1);
  /** How many members there were at the last heartbeat sent or heard, for the gauge a scrape reads on its thread. */
  private volatile int memberCount;

  /**
   * @param httpPort      the port this node's HTTP API listens on, for an operator who reads the members
   * @param ownedAccounts the accounts this node owns now, asked at each heartbeat
   * @param cluster       the instance clustered by the cluster manager, or null for none
   */
  public NodeHeartbeats(String nodeId, int httpPort, Supplier<Set<Long>> ownedAccounts, ServiceMetrics metrics,
                        Vertx cluster) {
    this.nodeId = nodeId;
    this.httpPort = httpPort;
    this.ownedAccounts = ownedAccounts;
    this.metrics = metrics;
    this.cluster = cluster;
  }

  /**
   * What {@link Addresses#CLUSTER_MEMBERS} replies, or, while the heartbeats are not running yet (at start), the
   * cluster manager and no members; never fails.
   */
  public static Future<JsonObject> view(Vertx vertx) {
    return vertx.eventBus().<JsonObject>request(Addresses.CLUSTER_MEMBERS, null,
        new DeliveryOptions().setSendTimeout(VIEW_TIMEOUT_MS))
      .map(reply -> reply.body().copy())
      .otherwise(failure -> new JsonObject().put("cluster_manager", clusterManager(vertx))
        .put("members", new JsonArray()));
  }

  private static String clusterManager(Vertx vertx) {
    return vertx.isClustered() ? "hazelcast" : "none";
  }

  @Override
  public Future<?> start() {
    metrics.gauge("copytrade_cluster_members", "Nodes heard from within the last 6 s, this one included",
      () -> memberCount);
    metrics.gauge("copytrade_node", "This node, named by its NODE_ID (always 1)", "node_id", nodeId, () -> 1);
    carrier = cluster == null ? vertx : cluster;
    // The one consumer of the service that is not local: the heartbeats of every node reach every node. They are
    // heard on the carrier's thread and kept on this verticle's.
    Future<Void> heartbeats = carrier.eventBus().consumer(Addresses.NODE_HEARTBEAT,
      msg -> context.runOnContext(ignored -> received(msg))).completion();
    Future<Void> view = vertx.eventBus().<Object>localConsumer(Addresses.CLUSTER_MEMBERS,
      msg -> msg.reply(new JsonObject().put("node_id", nodeId)
        .put("cluster_manager", clusterManager(carrier))
        .put("members", members.aliveJson(System.nanoTime())))).completion();
    return Future.all(heartbeats, view).onSuccess(registered -> {
      beat();
      vertx.setPeriodic(INTERVAL.toMillis(), timer -> beat());
    });
  }

  private void beat() {
    Heartbeat heartbeat = new Heartbeat(nodeId, httpPort, ownedAccounts.get().stream().toList(), startedAt);
    // Heard at once by this node too, so it is a member even before its own publication comes round.
    heard(heartbeat);
    carrier.eventBus().publish(Addresses.NODE_HEARTBEAT, heartbeat.toJson());
  }

  private void heard(Heartbeat heartbeat) {
    long now = System.nanoTime();
    if (!members.heard(heartbeat, now)) {
      LOG.warn("Node {} ignored: {} nodes are members already", heartbeat.nodeId(), ClusterSettings.MAX_MEMBERS + 1);
    }
    memberCount = members.alive(now).size();
  }

  private void received(Message<Object> msg) {
    Heartbeat.fromJson(msg.body()).ifPresentOrElse(this::heard,
      () -> LOG.warn("A node heartbeat that is not well formed was ignored"));
  }
}
