package io.copytrader.journal;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What copying a leader must survive a restart with (Schema's leader migration): the leader's last known position
 * per market and the change that produced it, when each follower started, and per follower and market its
 * {@link FollowState} and the last change submitted to it. Written on the journal's writer thread, each call one
 * transaction.
 */
public final class FollowStore {

  /** A leader's journaled state: its markets, its followers' start times and their markets. */
  public record Snapshot(List<LeaderMarketRecord> markets, Map<Long, Long> starts,
                         List<FollowedMarketRecord> followed) {

    public Snapshot {
      markets = List.copyOf(markets);
      starts = Map.copyOf(starts);
      followed = List.copyOf(followed);
    }
  }

  private final Journal journal;
  private final Clock clock;

  public FollowStore(Journal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
  }

  public Future<Snapshot> load(String leader) {
    return journal.read(session -> new Snapshot(markets(session, leader), starts(session, leader),
      followed(session, leader)));
  }

  /** Records a leader change: its markets, followers starting now and followed markets changing state, at once. */
  public Future<Void> save(String leader, List<LeaderMarketRecord> markets, Map<Long, Long> newStarts,
                           List<FollowedMarketRecord> followed) {
    List<LeaderMarketRecord> marketRows = List.copyOf(markets);
    Map<Long, Long> startRows = Map.copyOf(newStarts);
    List<FollowedMarketRecord> followedRows = List.copyOf(followed);
    return journal.write(session -> {
      long now = clock.millis();
      List<List<Object>> marketValues = new ArrayList<>();
      for (LeaderMarketRecord row : marketRows) {
        marketValues.add(Arrays.asList(row.leader(), row.marketId(), row.position().toPlainString(),
          plain(row.entry()), plain(row.equity()), row.event(), now));
      }
      session.batch("INSERT INTO leader_markets (leader, market_id, position, entry, equity, event, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (leader, market_id) DO UPDATE SET position = excluded.position,"
        + " entry = excluded.entry, equity = excluded.equity, event = excluded.event,"
        + " updated_at = excluded.updated_at", marketValues);
      List<List<Object>> startValues = new ArrayList<>();
      for (Map.Entry<Long, Long> start : startRows.entrySet()) {
        startValues.add(List.of(start.getKey(), leader, start.getValue()));
      }
      session.batch("INSERT INTO follow_starts (follower, leader, since) VALUES (?, ?, ?)"
        + " ON CONFLICT (follower, leader) DO NOTHING", startValues);
      upsertFollowed(session, followedRows);
      return null;
    });
  }

  /** Records what was last submitted to the follower for the market. */
  public Future<Void> submitted(FollowedMarketRecord row) {
    return journal.write(session -> {
      upsertFollowed(session, List.of(row));
      return null;
    });
  }

  private static void upsertFollowed(SqlSession session, List<FollowedMarketRecord> rows) throws SQLException {
    List<List<Object>> values = new ArrayList<>();
    for (FollowedMarketRecord row : rows) {
      values.add(Arrays.asList(row.follower(), row.leader(), row.marketId(), row.state().wire(), row.since(),
        row.lastEvent(), plain(row.target())));
    }
    session.batch("INSERT INTO followed_markets (follower, leader, market_id, state, since, last_event, target)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (follower, leader, market_id) DO UPDATE SET"
      + " state = excluded.state, since = excluded.since, last_event = excluded.last_event,"
      + " target = excluded.target", values);
  }

  private static List<LeaderMarketRecord> markets(SqlSession session, String leader) throws SQLException {
    return session.query("SELECT market_id, position, entry, equity, event FROM leader_markets"
      + " WHERE leader = ? ORDER BY market_id", row -> new LeaderMarketRecord(leader, row.intValue(1),
      row.decimal(2), row.decimal(3), row.decimal(4), row.string(5)), leader);
  }

  private static Map<Long, Long> starts(SqlSession session, String leader) throws SQLException {
    Map<Long, Long> starts = new HashMap<>();
    for (long[] start : session.query("SELECT follower, since FROM follow_starts WHERE leader = ?",
      row -> new long[] {row.longValue(1), row.longValue(2)}, leader)) {
      starts.put(start[0], start[1]);
    }
    return starts;
  }

  private static List<FollowedMarketRecord> followed(SqlSession session, String leader) throws SQLException {
    return session.query("SELECT follower, market_id, state, since, last_event, target FROM followed_markets"
      + " WHERE leader = ? ORDER BY follower, market_id", row -> new FollowedMarketRecord(
      row.longValue(1), leader, row.intValue(2), FollowState.fromWire(row.string(3)), row.longValue(4),
      row.string(5), row.decimal(6)), leader);
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
