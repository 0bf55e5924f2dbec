package io.copytrader.leader;

import io.copytrader.config.FollowerConfig;
import io.copytrader.config.LeaderConfig;
import io.copytrader.journal.FollowedMarketRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One leader as {@code GET /api/leaders} shows it: the feed, and per follower each market it follows or waits in,
 * with the target last submitted, the position now and the drift between them (as a fraction of the target; null
 * without a target).
 */
final class LeaderStatus {

  private final Vertx vertx;
  private final LeaderConfig leader;
  private final FollowBook book;
  private final MarketNames markets;

  LeaderStatus(Vertx vertx, LeaderConfig leader, FollowBook book, MarketNames markets) {
    this.vertx = vertx;
    this.leader = leader;
    this.book = book;
    this.markets = markets;
  }

  Future<JsonObject> status(FeedState state, long lastEventAtMillis) {
    List<Future<JsonObject>> followers = new ArrayList<>();
    for (FollowerConfig follower : book.followers()) {
      followers.add(FollowerViews.read(vertx, follower.accountIndex()).map(account -> follower(follower, account)));
    }
    return Future.all(followers).map(all -> {
      JsonArray list = new JsonArray();
      followers.forEach(follower -> list.add(follower.result()));
      return new JsonObject()
        .put("name", leader.name())
        .put("account_index", leader.accountIndex())
        .put("feed", new JsonObject().put("state", state.wire())
          .put("last_event_at", lastEventAtMillis == 0 ? null : Instant.ofEpochMilli(lastEventAtMillis).toString()))
        .put("followers", list);
    });
  }

  private JsonObject follower(FollowerConfig follower, Optional<FollowerAccount> account) {
    JsonArray rows = new JsonArray();
    for (FollowedMarketRecord row : book.rowsOf(follower.accountIndex())) {
      BigDecimal actual = account.map(found -> found.position(row.marketId())).orElse(null);
      String symbol = markets.symbol(row.marketId());
      rows.add(new JsonObject()
        .put("symbol", symbol != null ? symbol : String.valueOf(row.marketId()))
        .put("market_id", row.marketId())
        .put("state", row.state().wire())
        .put("target", row.target() == null ? null : row.target().toPlainString())
        .put("actual", actual == null ? null : actual.toPlainString())
        .put("drift", drift(row.target(), actual)));
    }
    return new JsonObject().put("account_index", follower.accountIndex())
      .put("following_since", book.startedAt(follower.accountIndex()).map(Instant::ofEpochMilli).map(Instant::toString)
        .orElse(null))
      .put("markets", rows);
  }

  /** |target − actual| ÷ |target| (1 for any difference from a flat target), null when either is unknown. */
  private static String drift(BigDecimal target, BigDecimal actual) {
    if (target == null || actual == null) {
      return null;
    }
    BigDecimal difference = target.subtract(actual).abs();
    if (difference.signum() == 0) {
      return "0";
    }
    if (target.signum() == 0) {
      return "1";
    }
    return difference.divide(target.abs(), MathContext.DECIMAL32).stripTrailingZeros().toPlainString();
  }
}
