package io.copytrader.http;

import io.copytrader.testing.HeldJournal;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.cluster.NodeHeartbeats;
import io.copytrader.journal.Journal;
import io.copytrader.journal.TestLeases;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/nodes} over a real journal holding lease rows, beside this node's heartbeats. */
@ExtendWith(VertxExtension.class)
class NodeRoutesTest {

  private static final String API_KEY = "nodes-test-key";
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start(Vertx vertx, @TempDir Path dir) throws Exception {
    Journal journal = HeldJournal.open(vertx, dir.resolve("data")).await();
    TestLeases.lease(journal, 1, "node-a", 4, 9_000);
    TestLeases.lease(journal, 2, "node-b", 1, -1_000);
    vertx.deployVerticle(new NodeHeartbeats("node-a", 8123, () -> Set.of(1L), ServiceMetrics.forVertx(), null))
      .await();
    port = HttpVerticleUnderTest.deployVerticle(vertx, dir, Map.of("API_KEY", API_KEY), journal).actualPort();
    client = WebClient.create(vertx);
  }

  private static HttpResponse<Buffer> nodes(String key) {
    var request = client.get(port, "127.0.0.1", "/api/nodes").timeout(10_000);
    if (key != null) {
      request.putHeader("X-API-Key", key);
    }
    return request.send().await();
  }

  @Test
  void theLeaseRowsShowEachAccountsOwnerEpochAndTimeLeft() {
    HttpResponse<Buffer> response = nodes(API_KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject held = response.bodyAsJsonObject().getJsonArray("leases").getJsonObject(0);
    JsonObject expired = response.bodyAsJsonObject().getJsonArray("leases").getJsonObject(1);
    assertThat(held.fieldNames()).containsExactlyInAnyOrder("account_index", "owner", "epoch", "expires_in_ms");
    assertThat(held.getLong("account_index")).isEqualTo(1);
    assertThat(held.getString("owner")).isEqualTo("node-a");
    assertThat(held.getLong("epoch")).isEqualTo(4);
    assertThat(held.getLong("expires_in_ms")).isBetween(1L, 9_000L);
    assertThat(expired.getString("owner")).isEqualTo("node-b");
    assertThat(expired.getLong("expires_in_ms")).isNegative();
  }

  @Test
  void theMembersAreThisNodeAloneWithoutAClusterManager() {
    JsonObject body = eventually("this node's heartbeat", Duration.ofSeconds(5),
      () -> nodes(API_KEY).bodyAsJsonObject(), answer -> !answer.getJsonArray("members").isEmpty());

    assertThat(body.getString("node_id")).isEqualTo("node-a");
    assertThat(body.getString("cluster_manager")).isEqualTo("none");
    assertThat(body.getJsonArray("members")).singleElement().satisfies(member -> {
      JsonObject node = (JsonObject) member;
      assertThat(node.getString("node_id")).isEqualTo("node-a");
      assertThat(node.getInteger("http_port")).isEqualTo(8123);
      assertThat(node.getJsonArray("owned_accounts")).containsExactly(1);
      assertThat(node.getLong("last_heard_ms")).isBetween(0L, NodeHeartbeats.WINDOW.toMillis());
    });
  }

  @Test
  void theNodesNeedTheKey() {
    assertThat(nodes(null).statusCode()).isEqualTo(401);
    assertThat(nodes("wrong-key").statusCode()).isEqualTo(401);
  }
}
