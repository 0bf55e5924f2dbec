package io.copytrader.leader;

import static io.copytrader.leader.LeaderFixture.ETH;
import static io.copytrader.leader.LeaderFixture.follower;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.config.LeaderConfig;
import io.copytrader.config.Sizing;
import io.copytrader.journal.FollowStore;
import io.copytrader.journal.Journal;
import io.copytrader.testing.Polling;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stale leader feed: followers stop opening (an increase of the leader is held) while exits pass (a decrease is
 * copied), an urgent notice goes out, and everything held is copied once a reconcile ends the staleness. The leader's
 * readings are scripted; the market cache, the journal and the followers' queues on the bus are real.
 */
class StaleFeedTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long LEADER = 900;

  @TempDir
  Path dir;
  private final LeaderFixture fixture = new LeaderFixture();
  private final ScriptedReadings readings = new ScriptedReadings();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static LeaderState leader(String eth) {
    return new LeaderState(Map.of(ETH, new LeaderPosition(ETH, new BigDecimal(eth), new BigDecimal("3000"))),
      new BigDecimal("10000"));
  }

  @Test
  void aStaleFeedHoldsEntriesPassesExitsAndResumesAfterAReconcile() {
    Journal journal = fixture.journal(dir);
    try (FakeFollower follower = new FakeFollower(fixture.vertx, 7001, "5000")) {
      fixture.vertx.deployVerticle(new LeaderWatcher(new LeaderConfig("lead", LEADER),
        List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, null)), LeaderFixture.feed(60_000),
        new FollowStore(journal, Clock.systemUTC()), fixture.metrics, readings::bind)).await();
      readings.emit(leader("0"), true);
      eventually("following", WAIT, () -> fixture.vertx.eventBus().<JsonObject>request(Addresses.leaderStatus(LEADER),
        new JsonObject()).await().body().getJsonArray("followers").getJsonObject(0).getString("following_since") != null);
      readings.emit(leader("1"), false);
      eventually("the opening copied", WAIT, () -> follower.submitted.size() == 1);
      follower.holds(ETH, "1", "3000");

      readings.goStale();
      eventually("an urgent stale notice", WAIT, () -> fixture.notices.stream().anyMatch(notice ->
        notice.getString("title").equals("Leader feed stale") && notice.getString("severity").equals("URGENT")));
      readings.emit(leader("0.5"), false);
      eventually("the decrease passes", WAIT, () -> follower.submitted.size() == 2);
      follower.holds(ETH, "0.5", "3000");
      readings.emit(leader("2"), false);
      Polling.pause(Duration.ofMillis(400));
      assertThat(follower.targets()).as("an increase is held while the feed is stale").containsExactly("1.0000",
        "0.5000");

      readings.emit(leader("2"), true);
      eventually("the held increase copied after the reconcile", WAIT, () -> follower.submitted.size() == 3);
      assertThat(follower.targets()).containsExactly("1.0000", "0.5000", "2.0000");
      assertThat(fixture.noticeTitles()).contains("Leader feed back");
    } finally {
      journal.close().await();
    }
  }
}
