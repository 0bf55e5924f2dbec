package io.copytrader.leader;

import static io.copytrader.leader.LeaderFixture.ETH;
import static io.copytrader.leader.LeaderFixture.follower;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.config.FollowerConfig;
import io.copytrader.config.Sizing;
import io.copytrader.journal.Journal;
import io.copytrader.notify.Fanout;
import io.copytrader.testing.Polling;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A leader on the paper exchange (a real server: positions moved by its control trade as real orders, seen over
 * account_all and REST) copied to followers whose queues are event-bus consumers recording what they are sent.
 */
class LeaderWatcherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicLong NEXT_LEADER = new AtomicLong(LeaderFixture.FIRST_LEADER);
  private static final AtomicLong NEXT_FOLLOWER = new AtomicLong(7000);
  @AutoClose
  private static final LeaderFixture fixture = new LeaderFixture();

  @TempDir
  Path dir;
  private Journal journal;
  private String deployment;
  private final long leader = NEXT_LEADER.getAndIncrement();

  @AfterEach
  void stopWatcher() {
    if (deployment != null && fixture.vertx.deploymentIDs().contains(deployment)) {
      fixture.stop(deployment);
    }
    if (journal != null) {
      journal.close().await();
    }
  }

  private FakeFollower fake(String equity) {
    return new FakeFollower(fixture.vertx, NEXT_FOLLOWER.getAndIncrement(), equity);
  }

  private String watch(List<FollowerConfig> followers, long reconcileMs) {
    if (journal == null) {
      journal = fixture.journal(dir);
    }
    deployment = fixture.watch(leader, followers, LeaderFixture.feed(reconcileMs), journal);
    eventually("every follower started following", WAIT, () -> {
      JsonObject status = status();
      return "live".equals(status.getJsonObject("feed").getString("state")) && status.getJsonArray("followers")
        .stream().allMatch(item -> ((JsonObject) item).getString("following_since") != null);
    });
    return deployment;
  }

  private JsonObject status() {
    return fixture.vertx.eventBus().<JsonObject>request(Addresses.leaderStatus(leader), new JsonObject()).await()
      .body();
  }

  private void leaderTo(String position) {
    fixture.paper.setPosition(leader, ETH, position);
  }

  private static void awaitTargets(FakeFollower follower, int count) {
    eventually(count + " target(s) for #" + follower.index, WAIT, () -> follower.submitted.size() >= count);
  }

  @Test
  void everyChangeOfTheLeaderGivesEachFollowerOneTargetSizedByItsSizing() {
    try (FakeFollower half = fake("5000"); FakeFollower proportional = fake("5000")) {
      watch(List.of(follower(half.index, Sizing.FIXED_RATIO, "0.5", false, null),
        follower(proportional.index, Sizing.EQUITY_RATIO, "1", false, null)), 60_000);
      String[] path = {"1", "2", "1.5", "0", "-1"};
      for (int step = 0; step < path.length; step++) {
        leaderTo(path[step]);
        awaitTargets(half, step + 1);
        awaitTargets(proportional, step + 1);
        BigDecimal leaderSize = new BigDecimal(path[step]);
        assertThat(new BigDecimal(half.last().getString("target_base")))
          .isEqualByComparingTo(leaderSize.multiply(new BigDecimal("0.5")));
        JsonObject follow = proportional.last().getJsonObject("follow");
        assertThat(new BigDecimal(follow.getString("leader_position"))).isEqualByComparingTo(leaderSize);
        BigDecimal expected = leaderSize.multiply(new BigDecimal("5000"))
          .divide(new BigDecimal(follow.getString("leader_equity")), MathContext.DECIMAL64)
          .setScale(4, RoundingMode.DOWN);
        assertThat(new BigDecimal(proportional.last().getString("target_base"))).isEqualByComparingTo(expected);
      }
      Polling.pause(Duration.ofMillis(300));
      assertThat(half.submitted).as("one target per change").hasSize(path.length);
    }
  }

  @Test
  void aChangeCopiedToSeveralFollowersNamesItselfToEachForTheirNotices() {
    try (FakeFollower one = fake("5000"); FakeFollower two = fake("5000"); FakeFollower three = fake("5000")) {
      watch(List.of(follower(one.index, Sizing.FIXED_RATIO, "1", false, null),
        follower(two.index, Sizing.FIXED_RATIO, "1", false, null),
        follower(three.index, Sizing.FIXED_RATIO, "1", false, null)), 60_000);
      leaderTo("0.5");
      List.of(one, two, three).forEach(follower -> awaitTargets(follower, 1));
      String event = one.last().getJsonObject("follow").getString("event");
      Fanout change = new Fanout("follow:lead:" + ETH + ":" + event, 3);
      assertThat(List.of(one, two, three)).allSatisfy(follower -> assertThat(follower.fanouts)
        .containsExactly(Optional.of(change)));
    }
  }

  @Test
  void aFollowerAnotherNodeOwnsGetsNoTargetFromThisNode() {
    List<JsonObject> journaledForOtherNodes = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> intake = fixture.vertx.eventBus().<JsonObject>consumer(Addresses.REMOTE_INTAKE, msg -> {
      journaledForOtherNodes.add(msg.body());
      msg.reply(new JsonObject().put("request_id", "elsewhere"));
    });
    intake.completion().await();
    try (FakeFollower local = fake("5000"); FakeFollower elsewhere = fake("5000")) {
      elsewhere.ownedByAnotherNode();
      watch(List.of(follower(local.index, Sizing.FIXED_RATIO, "1", false, null),
        follower(elsewhere.index, Sizing.FIXED_RATIO, "1", false, null)), 60_000);
      leaderTo("1");
      awaitTargets(local, 1);
      Polling.pause(Duration.ofMillis(300));
      assertThat(journaledForOtherNodes).as("targets journaled for another node's account").isEmpty();
    } finally {
      intake.unregister().await();
    }
  }

  @Test
  void aTargetCarriesTheContractsFieldsAndItsChangesIdempotencyKey() {
    try (FakeFollower follower = fake("5000")) {
      watch(List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, null)), 60_000);
      leaderTo("0.25");
      awaitTargets(follower, 1);
      JsonObject body = follower.last();
      JsonObject follow = body.getJsonObject("follow");
      assertThat(body.getString("action")).isEqualTo("position");
      assertThat(body.getLong("account_index")).isEqualTo(follower.index);
      assertThat(body.getInteger("market_id")).isEqualTo(ETH);
      assertThat(body.getString("symbol")).isEqualTo("ETH");
      assertThat(body.getString("client_request_id"))
        .isEqualTo("follow:lead:" + follower.index + ":" + ETH + ":" + follow.getString("event"));
      assertThat(follow.getString("leader")).isEqualTo("lead");
      assertThat(follow.getLong("leader_account_index")).isEqualTo(leader);
      assertThat(new BigDecimal(follow.getString("leader_entry"))).isPositive();
      assertThat(new BigDecimal(follow.getString("leader_equity"))).isPositive();
      assertThat(follow.getBoolean("drift")).isFalse();
      assertThat(follow.containsKey("no_chase_tolerance")).isTrue();
      assertThat(follower.fanouts).as("a lone follower's target is no fan-out").containsExactly(Optional.empty());
      eventually("one notice for the change", WAIT,
        () -> fixture.noticeTitles().contains("Leader change copied"));
      assertThat(fixture.metrics.scrape())
        .containsPattern("copytrade_leader_event_to_submit_seconds_count\\{follower=\"" + follower.index + "\"} 1\\n");
    }
  }

  @Test
  void aPositionHeldAtStartIsCopiedOnlyFromTheLeadersNextFlatWithoutCopyExisting() {
    leaderTo("1");
    try (FakeFollower follower = fake("5000")) {
      watch(List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, null)), 60_000);
      leaderTo("2");
      leaderTo("0");
      Polling.pause(Duration.ofMillis(500));
      assertThat(follower.submitted).as("nothing of the position held at start, nor of its close").isEmpty();
      leaderTo("0.5");
      awaitTargets(follower, 1);
      assertThat(follower.targets()).containsExactly("0.5000");
    }
  }

  @Test
  void aRestartKeepsWaitingForTheFlatOfAPositionHeldAtTheFirstStart() {
    leaderTo("1");
    try (FakeFollower follower = fake("5000")) {
      List<FollowerConfig> followers = List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, null));
      fixture.stop(watch(followers, 60_000));
      journal.close().await();
      journal = fixture.journal(dir);
      watch(followers, 60_000);
      leaderTo("1.5");
      Polling.pause(Duration.ofMillis(400));
      assertThat(follower.submitted).as("the position held at the first start, after a restart").isEmpty();
      leaderTo("0");
      leaderTo("-0.5");
      awaitTargets(follower, 1);
      assertThat(follower.targets()).containsExactly("-0.5000");
      assertThat(status().getJsonArray("followers").getJsonObject(0).getJsonArray("markets").getJsonObject(0)
        .getString("state")).isEqualTo("following");
    }
  }

  @Test
  void aPositionHeldAtStartIsCopiedAtOnceWithCopyExisting() {
    leaderTo("1.5");
    try (FakeFollower follower = fake("5000")) {
      watch(List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", true, null)), 60_000);
      awaitTargets(follower, 1);
      assertThat(follower.targets()).containsExactly("1.5000");
    }
  }

  @Test
  void aMarketOutsideTheFollowersListIsNotCopied() {
    try (FakeFollower follower = fake("5000")) {
      watch(List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, Set.of("RESOLV"))), 60_000);
      leaderTo("1");
      Polling.pause(Duration.ofMillis(500));
      assertThat(follower.submitted).isEmpty();
    }
  }

  @Test
  void aChangeTheStreamMissedIsCopiedAtTheNextReconcile() {
    try (FakeFollower follower = fake("5000")) {
      watch(List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, null)), 1_500);
      fixture.paper.holdAccountUpdates(true);
      try {
        leaderTo("1");
        awaitTargets(follower, 1);
      } finally {
        fixture.paper.holdAccountUpdates(false);
      }
      assertThat(follower.targets()).containsExactly("1.0000");
    }
  }

  @Test
  void aRestartInTheMiddleOfAFanOutResubmitsTheSameKeyToTheFollowerNotReached() {
    try (FakeFollower reached = fake("5000"); FakeFollower missed = fake("5000")) {
      List<FollowerConfig> followers = List.of(follower(reached.index, Sizing.FIXED_RATIO, "1", false, null),
        follower(missed.index, Sizing.FIXED_RATIO, "1", false, null));
      missed.refuseNext.set(1_000_000);
      String first = watch(followers, 60_000);
      leaderTo("1");
      awaitTargets(reached, 1);
      Polling.pause(Duration.ofMillis(300));
      fixture.stop(first);
      journal.close().await();

      journal = fixture.journal(dir);
      missed.refuseNext.set(0);
      watch(followers, 60_000);
      awaitTargets(missed, 1);
      Polling.pause(Duration.ofMillis(300));
      assertThat(reached.submitted).as("the follower reached before the restart is not sent it again").hasSize(1);
      String reachedEvent = reached.last().getJsonObject("follow").getString("event");
      assertThat(missed.last().getString("client_request_id"))
        .isEqualTo("follow:lead:" + missed.index + ":" + ETH + ":" + reachedEvent);
    }
  }

  @Test
  void aFollowerThatDriftedFromItsTargetGetsACorrectionMarkedDrift() {
    try (FakeFollower follower = fake("5000")) {
      watch(List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, null)), 1_000);
      leaderTo("1");
      awaitTargets(follower, 1);
      // The follower's queue records the target but never trades it: its position stays flat.
      awaitTargets(follower, 2);
      JsonObject correction = follower.last();
      assertThat(correction.getString("target_base")).isEqualTo("1.0000");
      assertThat(correction.getJsonObject("follow").getBoolean("drift")).isTrue();
      assertThat(correction.getJsonObject("follow").getString("no_chase_tolerance")).isEqualTo("0.005");
      assertThat(correction.getJsonObject("follow").getString("event")).startsWith("d");
      eventually("a drift notice", WAIT, () -> fixture.noticeTitles().contains("Drift corrected"));
    }
  }

  @Test
  void aFollowerHoldingAMarketTheLeaderLeftIsCorrectedToFlat() {
    try (FakeFollower follower = fake("5000")) {
      watch(List.of(follower(follower.index, Sizing.FIXED_RATIO, "1", false, null)), 1_000);
      leaderTo("1");
      awaitTargets(follower, 1);
      follower.holds(ETH, "1", "3000");
      leaderTo("0");
      awaitTargets(follower, 2);
      assertThat(follower.last().getString("target_base")).isEqualTo("0");
      awaitTargets(follower, 3);
      assertThat(follower.last().getString("target_base")).isEqualTo("0");
      assertThat(follower.last().getJsonObject("follow").getBoolean("drift")).isTrue();
    }
  }
}
