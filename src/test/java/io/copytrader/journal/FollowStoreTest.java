package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A leader's journaled copying state: what each change replaces, what it keeps, across a restart. */
class FollowStoreTest extends OnEitherStore {

  @Override
  Instant start() {
    return Instant.parse("2026-11-24T08:00:00Z");
  }

  private static LeaderMarketRecord market(int marketId, String position, String event) {
    return new LeaderMarketRecord("lead", marketId, new BigDecimal(position), new BigDecimal("3000.5"), null, event);
  }

  private static FollowedMarketRecord followed(FollowState state, String event, String target) {
    return new FollowedMarketRecord(7, "lead", 0, state, 100, event, target == null ? null : new BigDecimal(target));
  }

  @Test
  void aLaterChangeReplacesMarketsAndFollowedStatesButKeepsTheFirstStart(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    FollowStore store = new FollowStore(journal, file.clock());
    store.save("lead", List.of(market(0, "1.5", "e1"), market(1, "-2", "e1")), Map.of(7L, 100L),
      List.of(followed(FollowState.WAITING_FLAT, null, null))).await();
    store.save("lead", List.of(market(0, "0", "e2")), Map.of(7L, 200L),
      List.of(followed(FollowState.FOLLOWING, "e2", "0.25"))).await();

    Journal reopened = file.reopen(vertx, journal).await();
    FollowStore.Snapshot snapshot = new FollowStore(reopened, file.clock()).load("lead").await();

    assertThat(snapshot.markets()).containsExactly(market(0, "0", "e2"), market(1, "-2", "e1"));
    assertThat(snapshot.starts()).containsExactlyEntriesOf(Map.of(7L, 100L));
    assertThat(snapshot.followed()).containsExactly(followed(FollowState.FOLLOWING, "e2", "0.25"));
  }

  @Test
  void whatWasSubmittedIsRecordedForItsMarket(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    FollowStore store = new FollowStore(journal, file.clock());
    store.save("lead", List.of(), Map.of(), List.of(followed(FollowState.FOLLOWING, null, null))).await();

    store.submitted(followed(FollowState.FOLLOWING, "e3", "-1.125")).await();

    assertThat(store.load("lead").await().followed())
      .containsExactly(followed(FollowState.FOLLOWING, "e3", "-1.125"));
  }
}
