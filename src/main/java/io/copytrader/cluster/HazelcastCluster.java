package io.copytrader.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.copytrader.config.ClusterSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The cluster manager of a node that has {@code CLUSTER_PORT} (README.md, "Running in production"): Hazelcast, set up
 * in code so that no file on the class path or in the working directory changes it. It clusters a Vert.x instance that
 * carries the node heartbeats ({@link NodeHeartbeats}) and nothing else: account ownership is the journal's lease rows,
 * and the service's own Vert.x is not clustered.
 */
public final class HazelcastCluster {

  /** Nodes of another cluster name refuse to join, so a test cluster on the same network stays apart. */
  public static final String CLUSTER_NAME = "copytrade";

  private HazelcastCluster() {
  }

  /** A clustered Vert.x with {@code options}, joined to the members {@code settings} lists once it is answered. */
  public static Future<Vertx> start(VertxOptions options, ClusterSettings settings) {
    // Read by Hazelcast's static loggers, which log before the instance's configuration is read.
    System.setProperty("hazelcast.logging.type", "slf4j");
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config(settings)))
      .buildClustered();
  }

  /**
   * The member listens on {@code CLUSTER_PORT} exactly (no search for a free one: the other nodes list that port) and
   * finds the others over TCP from {@code CLUSTER_MEMBERS}, never by multicast. It binds the one address it picks,
   * the local interface matching the members' addresses when there is one, rather than every interface.
   */
  static Config config(ClusterSettings settings) {
    Config config = new Config();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    // The first of the members to start waits this long for others to ask to join before it forms the cluster
    // (5 s by default): a node restarted in a rolling upgrade is back sooner.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    // A publish on the clustered event bus looks its address up in Hazelcast, whose partitions a frozen or cut-off
    // member may own: such a lookup waits until that member is declared gone (60 s by default). A member silent for
    // 5 s is gone, and no call waits longer, so the members shown stay current.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.operation.call.timeout.millis", "5000");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.clusterPort()).setPortAutoIncrement(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    // What Vert.x's own default-cluster.xml sets up for the event bus's subscriptions and its nodes.
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
      .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return config;
  }
}
