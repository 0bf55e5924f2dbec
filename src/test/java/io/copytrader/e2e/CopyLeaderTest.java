package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.testing.OpenApiDocument;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copying a leader through the whole service on the paper exchange: the first account is the leader, moved by the
 * paper exchange's position control; the next two follow it at half its size ({@code fixed_ratio} 0.5), each
 * target executed by its own queue (README.md, "Copying a leader").
 */
@ExtendWith(VertxExtension.class)
class CopyLeaderTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final JsonObject FOLLOWER = new JsonObject().put("follow", "lead").put("sizing", "fixed_ratio")
    .put("copy_ratio", "0.5");
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, List.of(new JsonObject(), FOLLOWER, FOLLOWER),
      Map.of("LEADERS", "[{\"name\":\"lead\",\"account_index\":7001}]", "LEADER_DEBOUNCE_MS", "50",
        "LEADER_RECONCILE_INTERVAL_MS", "2000", "COOLDOWN_SECONDS", "0", "DEDUPE_WINDOW_SECONDS", "0"));
    eventually("the leader's feed live", WAIT, () -> "live".equals(leader().getJsonObject("feed").getString("state"))
      && leader().getJsonArray("followers").stream()
        .allMatch(follower -> ((JsonObject) follower).getString("following_since") != null));
  }

  private static JsonObject leader() {
    JsonArray leaders = new JsonArray(harness.get("/api/leaders").bodyAsString());
    return leaders.getJsonObject(0);
  }

  private static void leaderTo(String position) {
    harness.paperControl(HttpMethod.POST, "/paper/accounts/" + harness.account(0).index() + "/position",
      new JsonObject().put("market_id", ETH).put("position", position));
  }

  private static void awaitFollowers(String position) {
    for (TestAccount follower : List.of(harness.account(1), harness.account(2))) {
      eventually("#" + follower.index() + " at " + position, WAIT,
        () -> harness.signedPosition(follower, ETH).compareTo(new BigDecimal(position)) == 0);
    }
  }

  @Test
  void theLeadersListShowsItsFeedAndFollowers() {
    JsonObject leader = leader();
    assertThat(leader.getString("name")).isEqualTo("lead");
    assertThat(leader.getLong("account_index")).isEqualTo(harness.account(0).index());
    assertThat(leader.getJsonObject("feed").getString("last_event_at")).isNotNull();
    assertThat(leader.getJsonArray("followers").stream().map(follower -> ((JsonObject) follower)
      .getLong("account_index"))).containsExactly(harness.account(1).index(), harness.account(2).index());
  }

  @Test
  void everyFollowerTradesToHalfTheLeadersPositionThroughOpenIncreaseDecreaseFlipAndClose() {
    for (String leader : List.of("0.2", "0.4", "0.1", "-0.2", "0")) {
      leaderTo(leader);
      awaitFollowers(new BigDecimal(leader).multiply(new BigDecimal("0.5")).toPlainString());
    }
    JsonObject market = leader().getJsonArray("followers").getJsonObject(0).getJsonArray("markets")
      .getJsonObject(0);
    assertThat(market.getString("symbol")).isEqualTo("ETH");
    assertThat(new BigDecimal(market.getString("target"))).isZero();
    assertThat(market.getString("drift")).isEqualTo("0");
  }

  @Test
  void theLeadersListIsTheOneOpenApiDocuments() {
    leaderTo("0.2");
    awaitFollowers("0.1");

    String body = harness.get("/api/leaders").bodyAsString();

    assertThat(new JsonArray(body).getJsonObject(0).getJsonArray("followers").getJsonObject(0)
      .getJsonArray("markets")).isNotEmpty();
    assertThat(OpenApiDocument.load().errors("GET", "/api/leaders", 200, body)).as(body).isEmpty();
  }
}
