package io.copytrader.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.FollowerConfig;
import io.copytrader.config.Sizing;
import io.copytrader.journal.FollowState;
import io.copytrader.journal.FollowStore;
import io.copytrader.journal.FollowedMarketRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FollowBookTest {

  private static final int ETH = 0;
  private static final int BTC = 1;
  private static final IntFunction<String> SYMBOLS = market -> market == ETH ? "ETH" : market == BTC ? "BTC" : null;
  private static final FollowStore.Snapshot NOTHING = new FollowStore.Snapshot(List.of(), Map.of(), List.of());

  private long clock = 1_000;

  private static FollowerConfig follower(long index, boolean copyExisting, Set<String> markets) {
    return new FollowerConfig(index, "lead", Sizing.FIXED_RATIO, BigDecimal.ONE, null, markets, copyExisting,
      new BigDecimal("0.01"), new BigDecimal("0.005"));
  }

  private static LeaderState leader(String eth) {
    return new LeaderState(Map.of(ETH, new LeaderPosition(ETH, new BigDecimal(eth), new BigDecimal("3000"))),
      new BigDecimal("10000"));
  }

  private FollowBook.Change step(FollowBook book, LeaderState state) {
    FollowBook.Change change = book.change(state, SYMBOLS, clock += 1000);
    book.apply(change);
    return change;
  }

  /** Submits every due target, as the watcher does once the follower's queue accepted it. */
  private static List<FollowedMarketRecord> submitAll(FollowBook book) {
    List<FollowedMarketRecord> due = book.due();
    due.forEach(row -> book.submitted(row.submitted(book.market(row.marketId()).orElseThrow().event(),
      BigDecimal.ONE)));
    return due;
  }

  @Test
  void aPositionHeldAtStartIsNotCopiedWithoutCopyExisting() {
    FollowBook book = new FollowBook("lead", List.of(follower(7, false, null)), NOTHING);
    FollowBook.Change start = step(book, leader("1"));
    assertThat(start.newStarts()).containsKey(7L);
    assertThat(book.rowsOf(7)).singleElement().extracting(FollowedMarketRecord::state)
      .isEqualTo(FollowState.WAITING_FLAT);
    assertThat(book.due()).isEmpty();
    step(book, leader("2"));
    assertThat(book.due()).as("an increase of a position held at start").isEmpty();
  }

  @Test
  void aPositionHeldAtStartIsCopiedWithCopyExisting() {
    FollowBook book = new FollowBook("lead", List.of(follower(7, true, null)), NOTHING);
    step(book, leader("1"));
    assertThat(book.due()).singleElement().extracting(FollowedMarketRecord::state).isEqualTo(FollowState.FOLLOWING);
  }

  @Test
  void aWaitingMarketIsFollowedFromTheLeadersNextFlatWithoutATargetThen() {
    FollowBook book = new FollowBook("lead", List.of(follower(7, false, null)), NOTHING);
    step(book, leader("1"));
    step(book, leader("0"));
    assertThat(book.rowsOf(7)).singleElement().extracting(FollowedMarketRecord::state)
      .isEqualTo(FollowState.FOLLOWING);
    assertThat(book.due()).as("nothing to copy at the flat itself").isEmpty();
    step(book, leader("0.5"));
    assertThat(book.due()).hasSize(1);
  }

  @Test
  void aWaitingMarketIsFollowedFromTheLeadersFlip() {
    FollowBook book = new FollowBook("lead", List.of(follower(7, false, null)), NOTHING);
    step(book, leader("1"));
    step(book, leader("-2"));
    assertThat(book.due()).singleElement().extracting(FollowedMarketRecord::state).isEqualTo(FollowState.FOLLOWING);
  }

  @ParameterizedTest(name = "[{index}] leader {0} -> {1}")
  @CsvSource({"0, 1", "1, 2", "2, 1", "1, 0", "1, -1", "-1, -0.5"})
  void everyChangeOfAFollowedMarketIsDueOnceUnderANewEvent(String before, String after) {
    FollowBook book = new FollowBook("lead", List.of(follower(7, true, null)), NOTHING);
    step(book, leader("0"));
    step(book, leader(before));
    submitAll(book);
    String previous = book.market(ETH).map(record -> record.event()).orElse(null);
    FollowBook.Change change = step(book, leader(after));
    assertThat(change.markets()).singleElement().satisfies(record -> {
      assertThat(record.position()).isEqualByComparingTo(after);
      assertThat(record.event()).isNotEqualTo(previous);
    });
    assertThat(submitAll(book)).hasSize(1);
    assertThat(book.due()).isEmpty();
  }

  @Test
  void theSameStateAgainChangesNothing() {
    FollowBook book = new FollowBook("lead", List.of(follower(7, true, null)), NOTHING);
    step(book, leader("1"));
    submitAll(book);
    assertThat(step(book, leader("1")).isEmpty()).isTrue();
    assertThat(book.due()).isEmpty();
  }

  @Test
  void aMarketOutsideTheFollowersListIsNeverFollowed() {
    FollowBook book = new FollowBook("lead", List.of(follower(7, true, Set.of("BTC"))), NOTHING);
    step(book, leader("0"));
    step(book, leader("1"));
    assertThat(book.rowsOf(7)).isEmpty();
    assertThat(book.due()).isEmpty();
  }

  @Test
  void aRestartResubmitsOnlyWhatWasNotAcceptedUnderTheSameEvent() {
    List<FollowerConfig> followers = List.of(follower(7, true, null), follower(8, true, null));
    FollowBook before = new FollowBook("lead", followers, NOTHING);
    List<FollowBook.Change> journal = new ArrayList<>();
    journal.add(step(before, leader("0")));
    journal.add(step(before, leader("1")));
    FollowedMarketRecord accepted = before.due().stream().filter(row -> row.follower() == 7).findFirst().orElseThrow()
      .submitted(before.market(ETH).orElseThrow().event(), BigDecimal.ONE);
    before.submitted(accepted);

    FollowBook after = new FollowBook("lead", followers, replay(journal, accepted));
    assertThat(after.change(leader("1"), SYMBOLS, clock + 1000).isEmpty()).isTrue();
    assertThat(after.due()).singleElement().satisfies(row -> {
      assertThat(row.follower()).isEqualTo(8);
      assertThat(after.market(ETH).orElseThrow().event()).isEqualTo(before.market(ETH).orElseThrow().event());
    });
  }

  /** What FollowStore would load after these changes and one accepted submission. */
  private static FollowStore.Snapshot replay(List<FollowBook.Change> changes, FollowedMarketRecord accepted) {
    Map<Integer, io.copytrader.journal.LeaderMarketRecord> markets = new HashMap<>();
    Map<Long, Long> starts = new HashMap<>();
    Map<String, FollowedMarketRecord> rows = new HashMap<>();
    for (FollowBook.Change change : changes) {
      change.markets().forEach(record -> markets.put(record.marketId(), record));
      starts.putAll(change.newStarts());
      change.rows().forEach(row -> rows.put(row.follower() + ":" + row.marketId(), row));
    }
    rows.put(accepted.follower() + ":" + accepted.marketId(), accepted);
    return new FollowStore.Snapshot(List.copyOf(markets.values()), starts, List.copyOf(rows.values()));
  }
}
