package io.copytrader.leader;

import io.copytrader.Addresses;
import io.copytrader.config.FollowerConfig;
import io.copytrader.config.Sizing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
    return vertx.eventBus().<JsonObject>request(Addresses.accountView(accountIndex), new JsonObject())
      .map(reply -> Optional.of(FollowerAccount.fromView(reply.body())))
      .otherwise(failure -> Optional.empty());
  }
}
