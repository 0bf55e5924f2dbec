package io.copytrader.account;

import io.vertx.core.Future;

/** Carries one accepted request from start to final state; the account runs one at a time. */
public interface RequestExecutor {

  Future<Void> execute(QueuedRequest request);
}
