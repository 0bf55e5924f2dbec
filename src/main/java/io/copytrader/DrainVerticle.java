package io.copytrader;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful stop, asked for on {@link Addresses#SHUTDOWN}: intake closes first ({@link Addresses#INTAKE_CLOSE},
 * new trade requests get 503), then every account's verticle is undeployed, which lets its current request finish
 * within {@code SHUTDOWN_GRACE} and leaves the queued ones in the journal for the next start
 * ({@code account/AccountVerticle#stop}). It replies once every account has stopped.
 */
final class DrainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DrainVerticle.class);

  private final List<String> accountDeployments;
  private final Duration grace;

  DrainVerticle(List<String> accountDeployments, Duration grace) {
    this.accountDeployments = List.copyOf(accountDeployments);
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().localConsumer(Addresses.SHUTDOWN, this::drain).completion();
  }

  private void drain(Message<Object> msg) {
    vertx.eventBus().request(Addresses.INTAKE_CLOSE, null)
      // Logged once intake refuses, so a request sent after this line is never accepted.
      .onSuccess(closed -> LOG.info("Shutting down: refusing new requests, letting each account finish within {} s",
        grace.toSeconds()))
      .compose(closed -> Future.join(accountDeployments.stream().map(vertx::undeploy).toList()))
      .onSuccess(drained -> msg.reply(null))
      .onFailure(failure -> msg.fail(FailureCode.SHUTTING_DOWN.code(), failure.getMessage()));
  }
}
