package io.copytrader.account;

import io.vertx.core.Future;

/** Carries one accepted request from start to final state; the account runs one at a time. */
public interface RequestExecutor {

  Future<Void> execute(QueuedRequest request);

  /**
   * Whether {@code request}, accepted at {@code nowMillis}, could start now: not already older than its signal's
   * bounds allow (an exit always may). One that could not is journaled queued, to be expired, never started.
   */
  boolean inTime(TradeRequest request, long nowMillis);

  /** The final notices of requests whose end the journal may not have recorded, waiting for its word. */
  HeldNotices heldNotices();
}
