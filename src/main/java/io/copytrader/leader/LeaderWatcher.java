package io.copytrader.leader;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.config.FollowerConfig;
import io.copytrader.config.LeaderConfig;
import io.copytrader.config.LeaderFeedSettings;
import io.copytrader.journal.FollowStore;
import io.copytrader.journal.FollowedMarketRecord;
import io.copytrader.journal.LeaderMarketRecord;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.TradingApi;
import io.copytrader.market.Market;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Fanout;
import io.copytrader.notify.LeaderNotices;
import io.copytrader.notify.Notice;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one leader to its followers. Its {@link LeaderFeed} reports the leader's state; a burst of readings within
 * the debounce becomes one; a state that changes nothing does nothing. A change is journaled ({@link FollowStore})
 * before any target leaves, then every follower due a target in a changed market gets one, all at once
 * ({@link TargetSubmitter}), and one notice lists them. While the feed is stale, only targets that reduce a
 * follower's position are submitted; the others stay due until a reconcile ends the staleness. Every reconcile
 * interval, {@link DriftCorrector} compares the followers with their targets. Answers
 * {@link Addresses#leaderStatus} for {@code GET /api/leaders}.
 */
public final class LeaderWatcher extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderWatcher.class);

  private final LeaderConfig leader;
  private final List<FollowerConfig> followers;
  private final LeaderFeedSettings settings;
  private final FollowStore store;
  private final ServiceMetrics metrics;
  private final BiFunction<Vertx, LeaderFeed.Listener, LeaderReadings> readings;
  private LeaderReadings feed;
  private FollowBook book;
  private MarketNames markets;
  private TargetSubmitter submitter;
  private DriftCorrector drift;
  private MessageConsumer<JsonObject> status;
  private LeaderState pending;
  private long pendingNanos;
  private long debounceTimer = -1;
  private long driftTimer = -1;
  private boolean processing;
  private boolean staleNotified;
  private boolean started;

  /** @param stream the exchange's WebSocket, or null to poll REST only */
  public LeaderWatcher(LeaderConfig leader, List<FollowerConfig> followers, LeaderFeedSettings settings,
                       LighterStreamOptions stream, TradingApi rest, FollowStore store, ServiceMetrics metrics) {
    this(leader, followers, settings, store, metrics,
      (vertx, listener) -> new LeaderFeed(vertx, leader, stream, rest, settings, listener));
  }

  /** With the leader's state read by {@code readings} (its {@link LeaderFeed} above). */
  LeaderWatcher(LeaderConfig leader, List<FollowerConfig> followers, LeaderFeedSettings settings, FollowStore store,
                ServiceMetrics metrics, BiFunction<Vertx, LeaderFeed.Listener, LeaderReadings> readings) {
    this.leader = leader;
    this.followers = List.copyOf(followers);
    this.settings = settings;
    this.store = store;
    this.metrics = metrics;
    this.readings = readings;
  }

  @Override
  public Future<?> start() {
    markets = new MarketNames(vertx);
    submitter = new TargetSubmitter(vertx, leader, metrics);
    return store.load(leader.name()).compose(journaled -> {
      book = new FollowBook(leader.name(), followers, journaled);
      drift = new DriftCorrector(vertx, leader, book, markets, submitter, store);
      feed = readings.apply(vertx, new FeedListener());
      LeaderStatus view = new LeaderStatus(vertx, leader, book, markets);
      status = vertx.eventBus().localConsumer(Addresses.leaderStatus(leader.accountIndex()),
        msg -> view.status(feed.feedState(), feed.lastEventAt()).onSuccess(msg::reply)
          .onFailure(failure -> msg.fail(FailureCode.EXCHANGE_UNAVAILABLE.code(), failure.getMessage())));
      return status.completion();
    }).onSuccess(listening -> {
      feed.start();
      driftTimer = vertx.setPeriodic(settings.reconcileInterval().toMillis(), id -> {
        if (started && feed.feedState() != FeedState.STALE && !processing) {
          drift.check(System.nanoTime());
        }
      });
      LOG.info("Leader {} (#{}): watching for {} follower(s)", leader.name(), leader.accountIndex(),
        followers.size());
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(debounceTimer);
    vertx.cancelTimer(driftTimer);
    Future<?> feedStopped = feed == null ? Future.succeededFuture() : feed.stop();
    return feedStopped.eventually(() -> status == null ? Future.succeededFuture() : status.unregister());
  }

  private final class FeedListener implements LeaderFeed.Listener {

    @Override
    public void state(LeaderState state, boolean reconciled, long heardNanos) {
      if (reconciled && staleNotified) {
        staleNotified = false;
        notice(LeaderNotices.resumed(leader.name(), leader.accountIndex()));
      }
      if (pending == null) {
        pendingNanos = heardNanos;
      }
      pending = state;
      if (debounceTimer >= 0) {
        return;
      }
      long debounce = settings.debounce().toMillis();
      if (debounce == 0) {
        debounceTimer = 0;
        context.runOnContext(ignored -> process());
      } else {
        debounceTimer = vertx.setTimer(debounce, id -> process());
      }
    }

    @Override
    public void stale(long silentMs) {
      staleNotified = true;
      notice(LeaderNotices.stale(leader.name(), leader.accountIndex(), silentMs));
    }
  }

  /** Journals what the latest state changes, then submits what is due; one at a time, the latest state winning. */
  private void process() {
    debounceTimer = -1;
    if (processing || pending == null) {
      return;
    }
    processing = true;
    LeaderState state = pending;
    long heardNanos = pendingNanos;
    pending = null;
    Set<Integer> involved = new HashSet<>(state.positions().keySet());
    markets.know(involved)
      .compose(known -> {
        FollowBook.Change change = book.change(state, markets::symbol, System.currentTimeMillis());
        if (change.isEmpty()) {
          return catchUp(heardNanos).map(List.<String>of());
        }
        // The first reading after a start finds every market the leader holds "changed"; only what it copied is news.
        boolean restarting = !started;
        return store.save(leader.name(), change.markets(), change.newStarts(), change.rows())
          .onSuccess(saved -> book.apply(change))
          .compose(saved -> catchUp(heardNanos))
          .onSuccess(targets -> {
            if (!change.described().isEmpty() && (!restarting || !targets.isEmpty())) {
              notice(LeaderNotices.copied(leader.name(), leader.accountIndex(), change.described(), targets));
            }
          });
      })
      .onFailure(failure -> LOG.error("Leader {}: copying a change failed; retried at the next reading: {}",
        leader.name(), failure.toString()))
      .onComplete(done -> {
        processing = false;
        started = true;
        if (pending != null) {
          process();
        }
      });
  }

  /** Submits every due target at once; each accepted one is journaled as the follower's last. */
  private Future<List<String>> catchUp(long heardNanos) {
    List<FollowedMarketRecord> due = book.due();
    if (due.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    boolean stale = feed.feedState() == FeedState.STALE;
    Map<Integer, Long> followersPerMarket = due.stream()
      .collect(Collectors.groupingBy(FollowedMarketRecord::marketId, Collectors.counting()));
    List<Future<String>> submissions = new ArrayList<>();
    for (FollowedMarketRecord row : due) {
      submissions.add(submitDue(row, stale, heardNanos, followersPerMarket.get(row.marketId()).intValue()));
    }
    return Future.join(submissions).map(all -> {
      List<String> lines = new ArrayList<>();
      for (Future<String> submission : submissions) {
        if (submission.succeeded() && submission.result() != null) {
          lines.add(submission.result());
        }
      }
      return lines;
    });
  }

  /** @param followers how many followers are due a target in the row's market now, this one included */
  private Future<String> submitDue(FollowedMarketRecord row, boolean stale, long heardNanos, int followers) {
    FollowerConfig follower = follower(row.follower());
    LeaderMarketRecord leaderMarket = book.market(row.marketId()).orElseThrow();
    Optional<Market> market = markets.market(row.marketId());
    if (follower == null || market.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return FollowerViews.read(vertx, follower, stale).compose(account -> {
      Optional<BigDecimal> target = TargetSizer.target(follower, market.get(),
        new LeaderPosition(row.marketId(), leaderMarket.position(), leaderMarket.entry()), leaderMarket.equity(),
        account.map(FollowerAccount::equity).orElse(null));
      if (target.isEmpty()) {
        LOG.warn("Leader {}: no target for account {} in {} (equities unknown); retried later", leader.name(),
          row.follower(), market.get().symbol());
        return Future.succeededFuture((String) null);
      }
      // A stale feed passes only what reduces the follower's position, which needs the position itself.
      if (stale && (account.isEmpty() || !Drift.reduces(account.get().position(row.marketId()), target.get()))) {
        return Future.succeededFuture("#" + row.follower() + " " + market.get().symbol() + " held (feed stale)");
      }
      TargetSubmitter.Target submission = new TargetSubmitter.Target(row.follower(), market.get(), target.get(),
        leaderMarket, leaderMarket.event(), null, false, followers < 2 ? null
        : new Fanout(FollowKeys.signal(leader.name(), row.marketId(), leaderMarket.event()), followers));
      return submitter.submit(submission, heardNanos).compose(outcome -> {
        if (outcome == TargetSubmitter.Outcome.RETRY) {
          return Future.succeededFuture("#" + row.follower() + " " + market.get().symbol() + " retried later");
        }
        FollowedMarketRecord done = row.submitted(leaderMarket.event(), target.get());
        return store.submitted(done).onSuccess(saved -> book.submitted(done))
          .map(saved -> "#" + row.follower() + " " + market.get().symbol() + " " + target.get().toPlainString()
            + (outcome == TargetSubmitter.Outcome.REFUSED ? " (refused)" : ""));
      });
    });
  }

  private FollowerConfig follower(long index) {
    return followers.stream().filter(follower -> follower.accountIndex() == index).findFirst().orElse(null);
  }

  private void notice(Notice notice) {
    vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());
  }
}
