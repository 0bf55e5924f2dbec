package io.copytrader.account;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A wait between two steps of an account's work, on a timer Vert.x cancels when the account's verticle is
 * undeployed: a stopped account takes no further step, its journal is closed and the next start resumes the
 * request from it. {@code Vertx.timer} is not tied to the verticle and would fire after the undeploy.
 */
final class Pause {

  private Pause() {
  }

  /** @param millis at least 1 */
  static Future<Void> of(Vertx vertx, long millis) {
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, timer -> elapsed.complete());
    return elapsed.future();
  }
}
