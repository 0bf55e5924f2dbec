package io.copytrader.leader;

import io.copytrader.account.AccountRequests;
import io.copytrader.config.FollowerConfig;
import io.copytrader.config.Sizing;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/** Reads a follower's account from its account verticle, only when the target needs it. */
final class FollowerViews {

  private FollowerViews() {
  }

  /**
   * The follower's account when its sizing needs its equity or {@code needed} says so; empty when not needed or not
   * readable now.
   */
  static Future<Optional<FollowerAccount>> read(Vertx vertx, FollowerConfig follower, boolean needed) {
    if (!needed && follower.sizing() != Sizing.EQUITY_RATIO) {
      return Future.succeededFuture(Optional.empty());
    }
    return read(vertx, follower.accountIndex());
  }

  static Future<Optional<FollowerAccount>> read(Vertx vertx, long accountIndex) {
    return AccountRequests.view(vertx.eventBus(), accountIndex, new DeliveryOptions())
      .map(reply -> Optional.of(FollowerAccount.fromView(reply.body())))
      .otherwise(failure -> Optional.empty());
  }
}
