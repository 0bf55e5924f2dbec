package io.copytrader.leader;

import io.vertx.core.Future;

/** Where a {@link LeaderWatcher} gets the leader's state from ({@link LeaderFeed}), started and stopped with it. */
interface LeaderReadings {

  void start();

  Future<Void> stop();

  FeedState feedState();

  /** When the leader's state last arrived, epoch ms; 0 before the first. */
  long lastEventAt();
}
