package io.copytrader.leader;

import io.copytrader.account.AccountRequests;
import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.config.LeaderConfig;
import io.copytrader.journal.LeaderMarketRecord;
import io.copytrader.market.Market;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Fanout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits a target position to a follower's queue as the target contract says: {@code action} {@code position},
 * {@code target_base}, the {@code follow} block naming the leader change, and the change's idempotency key. The
 * header carries when the change was heard, so the follower's metrics measure from the leader's event.
 */
final class TargetSubmitter {

  /** What became of a submission. */
  enum Outcome {
    /** Journaled by the follower's queue, now or by an earlier submission of the same key. */
    ACCEPTED,
    /** Not taken now (queue full, shutting down, no answer): the same key is submitted again later. */
    RETRY,
    /** Refused for good (the market cannot be traded, …): not submitted again for this change. */
    REFUSED
  }

  /**
   * One target: for whom, where, how much, and the leader change behind it.
   *
   * @param fanout the leader change as the notices of every follower it went to name it, or null for one follower
   */
  record Target(long follower, Market market, BigDecimal targetBase, LeaderMarketRecord leaderMarket, String event,
                BigDecimal noChaseTolerance, boolean drift, Fanout fanout) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(TargetSubmitter.class);
  private static final long SUBMIT_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final LeaderConfig leader;
  private final ServiceMetrics metrics;

  TargetSubmitter(Vertx vertx, LeaderConfig leader, ServiceMetrics metrics) {
    this.vertx = vertx;
    this.leader = leader;
    this.metrics = metrics;
  }

  Future<Outcome> submit(Target target, long heardNanos) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(SUBMIT_TIMEOUT_MS)
      .addHeader(Addresses.RECEIVED_NANOS, Long.toString(heardNanos));
    if (target.fanout() != null) {
      target.fanout().addTo(options);
    }
    // Only the node owning the follower submits its targets: every node watches the leader, and a node hearing a
    // change later than another could queue an older target behind a newer one, moving the follower back and
    // forth. Elsewhere the target waits, and is submitted by this node's watcher once the account is its own.
    return AccountRequests.submitHere(vertx.eventBus(), target.follower(), body(target), options)
      .map(reply -> {
        metrics.leaderEventTo("submit", target.follower(), System.nanoTime() - heardNanos);
        return Outcome.ACCEPTED;
      })
      .otherwise(failure -> AccountRequests.notOwnedHere(failure) ? Outcome.RETRY : outcome(target, failure));
  }

  /** The request as the target contract defines it. */
  JsonObject body(Target target) {
    LeaderMarketRecord leaderMarket = target.leaderMarket();
    JsonObject follow = new JsonObject()
      .put("leader", leader.name())
      .put("leader_account_index", leader.accountIndex())
      .put("leader_position", leaderMarket.position().toPlainString())
      .put("leader_entry", plain(leaderMarket.entry()))
      .put("leader_equity", plain(leaderMarket.equity()))
      .put("event", target.event())
      .put("no_chase_tolerance", plain(target.noChaseTolerance()))
      .put("drift", target.drift());
    return new JsonObject()
      .put("account_index", target.follower())
      .put("market_id", target.market().marketId())
      .put("symbol", target.market().symbol())
      .put("action", "position")
      .put("target_base", target.targetBase().toPlainString())
      .put("client_request_id", FollowKeys.key(leader.name(), target.follower(), target.market().marketId(),
        target.event()))
      .put("follow", follow);
  }

  private Outcome outcome(Target target, Throwable failure) {
    int code = failure instanceof ReplyException reply ? reply.failureCode() : -1;
    String key = FollowKeys.key(leader.name(), target.follower(), target.market().marketId(), target.event());
    if (code == FailureCode.IDEMPOTENCY_CONFLICT.code()) {
      // The key names this leader change: a request under it was accepted before, with the sizes of that time.
      return Outcome.ACCEPTED;
    }
    boolean later = code < 0 || code == FailureCode.QUEUE_FULL.code() || code == FailureCode.SHUTTING_DOWN.code()
      || code == FailureCode.EXCHANGE_UNAVAILABLE.code();
    LOG.warn("Leader {}: target {} for account {} {}: {}", leader.name(), key, target.follower(),
      later ? "not taken now, resubmitted later" : "refused", failure.getMessage());
    return later ? Outcome.RETRY : Outcome.REFUSED;
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
