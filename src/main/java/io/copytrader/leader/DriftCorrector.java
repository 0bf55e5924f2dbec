package io.copytrader.leader;

import io.copytrader.account.AccountRequests;
import io.copytrader.Addresses;
import io.copytrader.config.FollowerConfig;
import io.copytrader.config.LeaderConfig;
import io.copytrader.journal.FollowState;
import io.copytrader.journal.FollowStore;
import io.copytrader.journal.FollowedMarketRecord;
import io.copytrader.journal.LeaderMarketRecord;
import io.copytrader.market.Market;
import io.copytrader.notify.LeaderNotices;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each follower's positions in the markets it follows with the targets the leader's current state gives
 * (a market the leader no longer holds has target 0) and, where the drift is above the follower's
 * {@code drift_tolerance}, submits a corrective target marked {@code drift}, carrying the follower's
 * {@code no_chase_tolerance} so the executing side adds exposure only near the leader's entry. A follower with
 * requests queued is left for the next check: its position is about to change. Each correction is a journaled
 * request of its own and is notified; a market is corrected at most once per leader change.
 */
final class DriftCorrector {

  private static final Logger LOG = LoggerFactory.getLogger(DriftCorrector.class);

  private final Vertx vertx;
  private final LeaderConfig leader;
  private final FollowBook book;
  private final MarketNames markets;
  private final TargetSubmitter submitter;
  private final FollowStore store;
  private long lastEventMillis;
  /**
   * The leader change each follower's market was last corrected under: one correction per change, so a target the
   * follower's queue refuses (a rail, the no-chase bound) is not re-sent every interval until the leader moves.
   */
  private final Map<String, String> corrected = new HashMap<>();

  DriftCorrector(Vertx vertx, LeaderConfig leader, FollowBook book, MarketNames markets, TargetSubmitter submitter,
                 FollowStore store) {
    this.vertx = vertx;
    this.leader = leader;
    this.book = book;
    this.markets = markets;
    this.submitter = submitter;
    this.store = store;
  }

  /** Checks every follower; completes when every correction was submitted. */
  Future<Void> check(long nowNanos) {
    List<Future<Void>> checks = new ArrayList<>();
    for (FollowerConfig follower : book.followers()) {
      checks.add(idle(follower.accountIndex()).compose(idle -> idle
        ? FollowerViews.read(vertx, follower.accountIndex())
          .compose(account -> account.map(found -> correct(follower, found, nowNanos))
            .orElse(Future.succeededFuture()))
        : Future.succeededFuture()));
    }
    return Future.join(checks).mapEmpty();
  }

  private static String correctionKey(FollowedMarketRecord row) {
    return row.follower() + ":" + row.marketId();
  }

  private Future<Boolean> idle(long follower) {
    return AccountRequests.status(vertx.eventBus(), follower, new DeliveryOptions())
      .map(reply -> reply.body().getInteger("queued", 0) == 0)
      .otherwise(false);
  }

  private Future<Void> correct(FollowerConfig follower, FollowerAccount account, long nowNanos) {
    List<Future<Void>> corrections = new ArrayList<>();
    List<FollowedMarketRecord> due = book.due();
    for (FollowedMarketRecord row : book.rowsOf(follower.accountIndex())) {
      if (row.state() != FollowState.FOLLOWING || due.contains(row)) {
        continue;
      }
      Optional<LeaderMarketRecord> leaderMarket = book.market(row.marketId());
      Optional<Market> market = markets.market(row.marketId());
      if (leaderMarket.isEmpty() || market.isEmpty()) {
        continue;
      }
      LeaderMarketRecord held = leaderMarket.get();
      Optional<BigDecimal> target = TargetSizer.target(follower, market.get(),
        new LeaderPosition(row.marketId(), held.position(), held.entry()), held.equity(), account.equity());
      if (target.isEmpty()) {
        continue;
      }
      BigDecimal actual = account.position(row.marketId());
      BigDecimal price = account.prices().getOrDefault(row.marketId(), held.entry());
      Drift drift = Drift.of(target.get(), actual, price, account.equity());
      if (drift.above(follower.driftTolerance()) && !held.event().equals(corrected.get(correctionKey(row)))) {
        corrections.add(submit(follower, row, market.get(), held, drift, nowNanos));
      }
    }
    return Future.join(corrections).mapEmpty();
  }

  private Future<Void> submit(FollowerConfig follower, FollowedMarketRecord row, Market market,
                              LeaderMarketRecord held, Drift drift, long nowNanos) {
    boolean leaderMoved = book.market(row.marketId()).map(latest -> !latest.event().equals(held.event()))
      .orElse(true);
    if (leaderMoved) {
      // The leader changed while the follower was read: its new target is on its way and must not be overtaken.
      return Future.succeededFuture();
    }
    String event = FollowKeys.nextEvent('d', System.currentTimeMillis(), lastEventMillis);
    lastEventMillis = FollowKeys.millisOf(event);
    TargetSubmitter.Target target = new TargetSubmitter.Target(follower.accountIndex(), market, drift.target(), held,
      event, follower.noChaseTolerance(), true, null);
    return submitter.submit(target, nowNanos).compose(outcome -> {
      if (outcome != TargetSubmitter.Outcome.ACCEPTED) {
        return Future.succeededFuture();
      }
      LOG.info("Leader {}: account {} drifted in {} ({} against target {}); correction submitted", leader.name(),
        follower.accountIndex(), market.symbol(), drift.actual().toPlainString(), drift.target().toPlainString());
      vertx.eventBus().publish(Addresses.NOTIFY, LeaderNotices.driftCorrected(leader.name(),
        follower.accountIndex(), market.symbol(), drift.actual().toPlainString(), drift.target().toPlainString(),
        drift.fraction().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %").toJson());
      corrected.put(correctionKey(row), held.event());
      FollowedMarketRecord submitted = row.submitted(row.lastEvent(), drift.target());
      return store.submitted(submitted).onSuccess(saved -> book.submitted(submitted));
    });
  }
}
