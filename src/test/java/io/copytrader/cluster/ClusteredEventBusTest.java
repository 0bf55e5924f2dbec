package io.copytrader.cluster;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.config.ClusterSettings;
import io.copytrader.metrics.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster in this JVM, each with its service's Vert.x (never clustered) and a second Vert.x clustered
 * by {@link HazelcastCluster} on its own loopback port, listing the other as its member, for the heartbeats: what one
 * node puts on its service's event bus stays on it, and the heartbeats cross.
 */
class ClusteredEventBusTest {

  private static Vertx first;
  private static Vertx second;
  private static Vertx firstCluster;
  private static Vertx secondCluster;
  private static ServiceMetrics firstMetrics;

  @BeforeAll
  static void startTwoNodes() throws IOException {
    int firstPort = freePort();
    int secondPort = freePort();
    first = Vertx.vertx();
    second = Vertx.vertx();
    firstCluster = HazelcastCluster.start(new VertxOptions(), settings("first", firstPort, secondPort)).await();
    secondCluster = HazelcastCluster.start(new VertxOptions(), settings("second", secondPort, firstPort)).await();
    firstMetrics = new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    first.deployVerticle(new NodeHeartbeats("first", 8001, () -> Set.of(11L, 12L), firstMetrics, firstCluster))
      .await();
    second.deployVerticle(new NodeHeartbeats("second", 8002, () -> Set.of(21L),
      new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), secondCluster)).await();
  }

  @AfterAll
  static void stopNodes() {
    for (Vertx node : new Vertx[] {first, second, firstCluster, secondCluster}) {
      if (node != null) {
        node.close().await();
      }
    }
  }

  @Test
  void aRequestToAnAddressOfAnotherNodesServiceFindsNoHandler() {
    second.eventBus().<String>consumer("copytrade.test.account", msg -> msg.reply("answered on the second"))
      .completion().await();

    Throwable failure = first.eventBus().request("copytrade.test.account", "view").map(Message::body)
      .<Throwable>map(answer -> null).otherwise(cause -> cause).await();

    assertThat(failure).isInstanceOfSatisfying(ReplyException.class,
      refused -> assertThat(refused.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
  }

  @Test
  void eachNodeHearsTheOthersHeartbeatWithTheAccountsItOwns() {
    JsonArray members = eventually("both nodes among the first's members", Duration.ofSeconds(15),
      () -> members(first).getJsonArray("members"), heard -> heard.size() == 2);

    assertThat(members.getJsonObject(0).getString("node_id")).isEqualTo("first");
    assertThat(members.getJsonObject(0).getJsonArray("owned_accounts")).containsExactly(11L, 12L);
    assertThat(members.getJsonObject(1).getString("node_id")).isEqualTo("second");
    assertThat(members.getJsonObject(1).getInteger("http_port")).isEqualTo(8002);
    assertThat(members.getJsonObject(1).getJsonArray("owned_accounts")).containsExactly(21L);
    assertThat(members.getJsonObject(1).getLong("last_heard_ms")).isBetween(0L, NodeHeartbeats.WINDOW.toMillis());
    assertThat(members(first).getString("cluster_manager")).isEqualTo("hazelcast");
    assertThat(firstMetrics.scrape()).contains("copytrade_cluster_members 2.0")
      .contains("copytrade_node{node_id=\"first\"} 1.0");
  }

  @Test
  void everyConsumerOfTheServiceIsLocalButTheHeartbeats() throws IOException {
    Pattern consumer = Pattern.compile("[.>]consumer\\(\\s*([A-Za-z_.]+)");
    List<String> clusterWide = new CopyOnWriteArrayList<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        Matcher found = consumer.matcher(Files.readString(source));
        while (found.find()) {
          clusterWide.add(source.getFileName() + " " + found.group(1));
        }
      }
    }
    assertThat(clusterWide).containsExactly("NodeHeartbeats.java Addresses.NODE_HEARTBEAT");
  }

  private static JsonObject members(Vertx node) {
    return node.eventBus().<JsonObject>request(Addresses.CLUSTER_MEMBERS, null).map(Message::body).await();
  }

  private static ClusterSettings settings(String nodeId, int port, int otherPort) {
    return new ClusterSettings(nodeId, port, List.of("127.0.0.1:" + otherPort), Duration.ofSeconds(10));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
