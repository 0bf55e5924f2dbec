package io.copytrader;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graceful stop, asked for on {@link Addresses#SHUTDOWN}: intake closes first ({@link Addresses#INTAKE_CLOSE},
 * new trade requests get 503), then the lease keeper undeploys every account this node owns, which lets its current
 * request finish within {@code SHUTDOWN_GRACE} and leaves the queued ones in the journal for the next owner
 * ({@code account/AccountVerticle#stop}), and expires their leases so another node takes them at once
 * ({@link Addresses#LEASES_RELEASE}). It replies once every account has stopped.
 */
final class DrainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DrainVerticle.class);
  /** Beyond the accounts' grace, the time the leases' release may take in the journal. */
  private static final long RELEASE_MARGIN_MS = 10_000;

  private final Duration grace;

  DrainVerticle(Duration grace) {
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
      .compose(closed -> vertx.eventBus().request(Addresses.LEASES_RELEASE, null,
        new DeliveryOptions().setSendTimeout(grace.toMillis() + RELEASE_MARGIN_MS)))
      .onSuccess(drained -> msg.reply(null))
      .onFailure(failure -> msg.fail(FailureCode.SHUTTING_DOWN.code(), failure.getMessage()));
  }
}
