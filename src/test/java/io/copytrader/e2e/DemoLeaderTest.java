package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.MainVerticle;
import io.copytrader.testing.Configs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Paper mode with {@code PAPER_DEMO_LEADER=true}: the demo leader is an account of the paper exchange, watched live. */
@ExtendWith(VertxExtension.class)
class DemoLeaderTest {

  @AutoClose
  private WebClient client;

  @Test
  void theSecondDemoAccountFollowsTheDemoLeader(Vertx vertx, @TempDir Path dir) throws Exception {
    MainVerticle service = new MainVerticle(Configs.load(Map.of("MODE", "paper", "PAPER_DEMO_LEADER", "true",
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "DATA_DIR", dir.resolve("data").toString()), dir));
    vertx.deployVerticle(service).await();
    client = WebClient.create(vertx);

    eventually("the demo leader live and followed", Duration.ofSeconds(10), () -> {
      JsonArray leaders = client.get(service.httpPort(), "127.0.0.1", "/api/leaders").send().await().bodyAsJsonArray();
      JsonObject demo = leaders.getJsonObject(0);
      return "live".equals(demo.getJsonObject("feed").getString("state"))
        && demo.getJsonArray("followers").getJsonObject(0).getString("following_since") != null;
    });
    JsonObject demo = client.get(service.httpPort(), "127.0.0.1", "/api/leaders").send().await().bodyAsJsonArray()
      .getJsonObject(0);
    assertThat(demo.getString("name")).isEqualTo("demo");
    assertThat(demo.getLong("account_index")).isEqualTo(1000);
    assertThat(demo.getJsonArray("followers").getJsonObject(0).getLong("account_index")).isEqualTo(1002);
  }
}
