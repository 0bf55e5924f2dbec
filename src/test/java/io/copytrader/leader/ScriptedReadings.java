package io.copytrader.leader;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Readings of a leader that a test dictates, delivered to the watcher on its own context as its feed would: states
 * (stream updates or reconciles) and staleness.
 */
final class ScriptedReadings implements LeaderReadings {

  private volatile FeedState state = FeedState.LIVE;
  private volatile LeaderFeed.Listener listener;
  private volatile Context context;

  LeaderReadings bind(Vertx vertx, LeaderFeed.Listener bound) {
    this.listener = bound;
    this.context = vertx.getOrCreateContext();
    return this;
  }

  void emit(LeaderState leader, boolean reconciled) {
    context.runOnContext(ignored -> {
      if (reconciled) {
        state = FeedState.LIVE;
      }
      listener.state(leader, reconciled, System.nanoTime());
    });
  }

  void goStale() {
    context.runOnContext(ignored -> {
      state = FeedState.STALE;
      listener.stale(31_000);
    });
  }

  @Override
  public void start() {
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }

  @Override
  public FeedState feedState() {
    return state;
  }

  @Override
  public long lastEventAt() {
    return 0;
  }
}
