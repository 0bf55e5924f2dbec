package io.copytrader.leader;

import io.copytrader.config.FollowerConfig;
import io.copytrader.journal.FollowState;
import io.copytrader.journal.FollowStore;
import io.copytrader.journal.FollowedMarketRecord;
import io.copytrader.journal.LeaderMarketRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * One leader's copying state, as journaled by {@code FollowStore}: the leader's last position per market and the
 * change (event) that produced it, when each follower started, and each follower's state per market with the last
 * change submitted to it. A new leader state becomes a {@link Change} to journal first and then apply; a followed
 * market whose last submitted change is not the leader's latest is {@linkplain #due() due} a target, which is how a
 * fan-out interrupted by a restart, a stale feed or a full queue is completed later under the same keys. Pure logic;
 * used on its watcher's context.
 */
final class FollowBook {

  /** What a leader state changes, to journal and then {@linkplain #apply apply}. */
  record Change(List<LeaderMarketRecord> markets, Map<Long, Long> newStarts, List<FollowedMarketRecord> rows,
                List<String> described) {

    boolean isEmpty() {
      return markets.isEmpty() && newStarts.isEmpty() && rows.isEmpty();
    }
  }

  private record RowKey(long follower, int marketId) {
  }

  private final String leader;
  private final List<FollowerConfig> followers;
  private final Map<Integer, LeaderMarketRecord> markets = new HashMap<>();
  private final Map<Long, Long> starts = new HashMap<>();
  private final Map<RowKey, FollowedMarketRecord> rows = new LinkedHashMap<>();
  private long lastEventMillis;

  FollowBook(String leader, List<FollowerConfig> followers, FollowStore.Snapshot journaled) {
    this.leader = leader;
    this.followers = List.copyOf(followers);
    journaled.markets().forEach(this::putMarket);
    starts.putAll(journaled.starts());
    journaled.followed().forEach(row -> rows.put(new RowKey(row.follower(), row.marketId()), row));
  }

  /**
   * What {@code state} changes: markets whose size moved get a new event; followers starting now get their markets
   * (held ones following with {@code copy_existing}, waiting otherwise); the others' markets move by
   * {@link FollowRules}. {@code symbols} names a market for the followers' market lists (null when unknown).
   */
  Change change(LeaderState state, IntFunction<String> symbols, long nowMillis) {
    List<LeaderMarketRecord> changedMarkets = new ArrayList<>();
    List<String> described = new ArrayList<>();
    long eventMillis = lastEventMillis;
    for (int market : changedMarkets(state)) {
      LeaderPosition after = state.position(market);
      String event = FollowKeys.nextEvent('e', nowMillis, eventMillis);
      eventMillis = FollowKeys.millisOf(event);
      changedMarkets.add(new LeaderMarketRecord(leader, market, after.size(), after.entry(), state.equity(), event));
      described.add(label(symbols, market) + " " + before(market).toPlainString() + " -> "
        + after.size().toPlainString());
    }
    Map<Integer, LeaderMarketRecord> latest = new HashMap<>(markets);
    changedMarkets.forEach(record -> latest.put(record.marketId(), record));
    Map<Long, Long> newStarts = new LinkedHashMap<>();
    List<FollowedMarketRecord> changedRows = new ArrayList<>();
    for (FollowerConfig follower : followers) {
      long index = follower.accountIndex();
      if (!starts.containsKey(index)) {
        newStarts.put(index, nowMillis);
        for (LeaderPosition held : state.positions().values()) {
          if (follower.follows(symbols.apply(held.marketId()))) {
            changedRows.add(new FollowedMarketRecord(index, leader, held.marketId(),
              FollowRules.atStart(follower.copyExisting(), held.size()), nowMillis, null, null));
          }
        }
        continue;
      }
      for (LeaderMarketRecord record : changedMarkets) {
        if (follower.follows(symbols.apply(record.marketId()))) {
          step(index, before(record.marketId()), record, nowMillis).ifPresent(changedRows::add);
        }
      }
    }
    return new Change(changedMarkets, newStarts, changedRows, described);
  }

  /** Takes in a change once it is journaled. */
  void apply(Change change) {
    change.markets().forEach(this::putMarket);
    starts.putAll(change.newStarts());
    change.rows().forEach(row -> rows.put(new RowKey(row.follower(), row.marketId()), row));
  }

  /** A submission was accepted (or refused for good): the row's last change is now this one. */
  void submitted(FollowedMarketRecord row) {
    rows.put(new RowKey(row.follower(), row.marketId()), row);
  }

  /** The followed markets whose last submitted change is not the leader's latest in that market. */
  List<FollowedMarketRecord> due() {
    return rows.values().stream().filter(row -> row.state() == FollowState.FOLLOWING)
      .filter(row -> markets.containsKey(row.marketId())
        && !markets.get(row.marketId()).event().equals(row.lastEvent()))
      .toList();
  }

  /** Every row of the follower, following or waiting. */
  List<FollowedMarketRecord> rowsOf(long follower) {
    return rows.values().stream().filter(row -> row.follower() == follower).toList();
  }

  /** When the follower started following this leader, epoch ms, or empty before the leader was first read. */
  Optional<Long> startedAt(long follower) {
    return Optional.ofNullable(starts.get(follower));
  }

  Optional<LeaderMarketRecord> market(int marketId) {
    return Optional.ofNullable(markets.get(marketId));
  }

  Collection<FollowerConfig> followers() {
    return followers;
  }

  private Optional<FollowedMarketRecord> step(long follower, BigDecimal before, LeaderMarketRecord record,
                                              long nowMillis) {
    FollowedMarketRecord row = rows.get(new RowKey(follower, record.marketId()));
    FollowState current = row == null ? null : row.state();
    FollowRules.Step step = FollowRules.onChange(current, before, record.position());
    if (step.state() == FollowState.WAITING_FLAT && current == FollowState.WAITING_FLAT) {
      return Optional.empty();
    }
    long since = row != null && current == step.state() ? row.since() : nowMillis;
    String lastEvent = step.submit() ? row == null ? null : row.lastEvent() : record.event();
    BigDecimal target = row == null ? null : row.target();
    return Optional.of(new FollowedMarketRecord(follower, leader, record.marketId(), step.state(), since, lastEvent,
      target));
  }

  private Set<Integer> changedMarkets(LeaderState state) {
    Set<Integer> changed = new TreeSet<>(state.positions().keySet());
    changed.addAll(markets.keySet());
    changed.removeIf(market -> state.position(market).size().compareTo(before(market)) == 0
      && markets.containsKey(market));
    changed.removeIf(market -> state.position(market).size().signum() == 0 && !markets.containsKey(market));
    return changed;
  }

  private BigDecimal before(int marketId) {
    LeaderMarketRecord record = markets.get(marketId);
    return record == null ? BigDecimal.ZERO : record.position();
  }

  private void putMarket(LeaderMarketRecord record) {
    markets.put(record.marketId(), record);
    lastEventMillis = Math.max(lastEventMillis, FollowKeys.millisOf(record.event()));
  }

  private static String label(IntFunction<String> symbols, int market) {
    String symbol = symbols.apply(market);
    return symbol != null ? symbol : "market " + market;
  }
}
