package io.copytrader.journal;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
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
    return journal.read(connection -> new Snapshot(markets(connection, leader), starts(connection, leader),
      followed(connection, leader)));
  }

  /** Records a leader change: its markets, followers starting now and followed markets changing state, at once. */
  public Future<Void> save(String leader, List<LeaderMarketRecord> markets, Map<Long, Long> newStarts,
                           List<FollowedMarketRecord> followed) {
    List<LeaderMarketRecord> marketRows = List.copyOf(markets);
    Map<Long, Long> startRows = Map.copyOf(newStarts);
    List<FollowedMarketRecord> followedRows = List.copyOf(followed);
    return journal.write(connection -> {
      long now = clock.millis();
      try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO leader_markets"
        + " (leader, market_id, position, entry, equity, event, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (LeaderMarketRecord row : marketRows) {
          upsert.setString(1, row.leader());
          upsert.setInt(2, row.marketId());
          upsert.setString(3, row.position().toPlainString());
          upsert.setString(4, plain(row.entry()));
          upsert.setString(5, plain(row.equity()));
          upsert.setString(6, row.event());
          upsert.setLong(7, now);
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
      if (!startRows.isEmpty()) {
        try (PreparedStatement insert = connection.prepareStatement(
          "INSERT OR IGNORE INTO follow_starts (follower, leader, since) VALUES (?, ?, ?)")) {
          for (Map.Entry<Long, Long> start : startRows.entrySet()) {
            insert.setLong(1, start.getKey());
            insert.setString(2, leader);
            insert.setLong(3, start.getValue());
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
      upsertFollowed(connection, followedRows);
      return null;
    });
  }

  /** Records what was last submitted to the follower for the market. */
  public Future<Void> submitted(FollowedMarketRecord row) {
    return journal.write(connection -> {
      upsertFollowed(connection, List.of(row));
      return null;
    });
  }

  private static void upsertFollowed(Connection connection, List<FollowedMarketRecord> rows) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO followed_markets"
      + " (follower, leader, market_id, state, since, last_event, target) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (FollowedMarketRecord row : rows) {
        upsert.setLong(1, row.follower());
        upsert.setString(2, row.leader());
        upsert.setInt(3, row.marketId());
        upsert.setString(4, row.state().wire());
        upsert.setLong(5, row.since());
        upsert.setString(6, row.lastEvent());
        upsert.setString(7, plain(row.target()));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** One row of a result as a value. */
  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet result) throws SQLException;
  }

  /** The rows of {@code sql}, whose one parameter is the leader's name. */
  private static <T> List<T> select(Connection connection, String sql, String leader, Row<T> row)
    throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, leader);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(row.read(result));
        }
      }
    }
    return rows;
  }

  private static List<LeaderMarketRecord> markets(Connection connection, String leader) throws SQLException {
    return select(connection, "SELECT market_id, position, entry, equity, event FROM leader_markets"
      + " WHERE leader = ? ORDER BY market_id", leader, result -> new LeaderMarketRecord(leader, result.getInt(1),
      new BigDecimal(result.getString(2)), decimal(result.getString(3)), decimal(result.getString(4)),
      result.getString(5)));
  }

  private static Map<Long, Long> starts(Connection connection, String leader) throws SQLException {
    Map<Long, Long> starts = new HashMap<>();
    select(connection, "SELECT follower, since FROM follow_starts WHERE leader = ?", leader,
      result -> starts.put(result.getLong(1), result.getLong(2)));
    return starts;
  }

  private static List<FollowedMarketRecord> followed(Connection connection, String leader) throws SQLException {
    return select(connection, "SELECT follower, market_id, state, since, last_event, target FROM followed_markets"
      + " WHERE leader = ? ORDER BY follower, market_id", leader, result -> new FollowedMarketRecord(
      result.getLong(1), leader, result.getInt(2), FollowState.fromWire(result.getString(3)), result.getLong(4),
      result.getString(5), decimal(result.getString(6))));
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  private static BigDecimal decimal(String text) {
    return text == null ? null : new BigDecimal(text);
  }
}
