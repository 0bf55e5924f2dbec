package io.copytrader.leader;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.LeaderConfig;
import io.copytrader.config.LeaderFeedSettings;
import io.copytrader.lighter.LighterStreamOptions;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The leader feed against the paper exchange: live over account_all, polling without it, stale and back. */
class LeaderFeedTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  @AutoClose
  private static final LeaderFixture fixture = new LeaderFixture();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private LeaderFeed feed;

  @AfterEach
  void stopFeed() {
    fixture.paper.clearFaults();
    if (feed != null) {
      feed.stop().await();
    }
  }

  private LeaderFeed start(long leader, LighterStreamOptions stream, long staleAfterMs) {
    LeaderFeedSettings settings = new LeaderFeedSettings(Duration.ofMillis(100), Duration.ofSeconds(60),
      Duration.ofMillis(staleAfterMs), Duration.ZERO);
    Context context = fixture.vertx.getOrCreateContext();
    feed = new LeaderFeed(fixture.vertx, new LeaderConfig("lead", leader), stream, fixture.lighter, settings,
      new LeaderFeed.Listener() {
        @Override
        public void state(LeaderState state, boolean reconciled, long heardNanos) {
          heard.add((reconciled ? "rest " : "stream ") + state.position(LeaderFixture.ETH).size().toPlainString());
        }

        @Override
        public void stale(long silentMs) {
          heard.add("stale");
        }
      });
    context.runOnContext(ignored -> feed.start());
    return feed;
  }

  @Test
  void aLeaderChangeArrivesOverTheStreamOnceLive() {
    long leader = LeaderFixture.FIRST_LEADER + 10;
    start(leader, fixture.stream(), 30_000);
    eventually("live", WAIT, () -> feed.feedState() == FeedState.LIVE && heard.contains("rest 0"));
    fixture.paper.setPosition(leader, LeaderFixture.ETH, "0.7");
    eventually("the change over the stream", WAIT, () -> heard.contains("stream 0.7"));
    assertThat(feed.lastEventAt()).isPositive();
  }

  @Test
  void withoutTheStreamTheLeaderIsPolledOverRest() {
    long leader = LeaderFixture.FIRST_LEADER + 11;
    start(leader, null, 30_000);
    eventually("first read", WAIT, () -> heard.contains("rest 0"));
    assertThat(feed.feedState()).isEqualTo(FeedState.POLLING);
    fixture.paper.setPosition(leader, LeaderFixture.ETH, "-0.3");
    eventually("the change polled", WAIT, () -> heard.contains("rest -0.3"));
  }

  @Test
  void aFeedSilentPastItsBoundIsStaleUntilARestReadSucceeds() {
    long leader = LeaderFixture.FIRST_LEADER + 12;
    start(leader, null, 1_000);
    eventually("first read", WAIT, () -> heard.contains("rest 0"));
    fixture.paper.faults(new JsonObject().put("lookup_error_count", 1_000_000)
      .put("lookup_error_path", "/api/v1/account"));
    eventually("stale", WAIT, () -> feed.feedState() == FeedState.STALE && heard.contains("stale"));
    heard.clear();
    fixture.paper.clearFaults();
    eventually("back after a read", WAIT, () -> feed.feedState() == FeedState.POLLING && heard.contains("rest 0"));
    assertThat(heard).containsOnly("rest 0");
  }
}
