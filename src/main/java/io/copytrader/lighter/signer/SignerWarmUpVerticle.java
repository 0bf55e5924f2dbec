package io.copytrader.lighter.signer;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SignerWarmUp} on a worker once deployed, so the signing path is compiled before the first signal.
 * Stopping waits for the warm-up to notice: a worker task that finished after Vert.x had closed its event loops
 * would fail to hand back its result and die with an uncaught exception on its way out.
 */
public final class SignerWarmUpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SignerWarmUpVerticle.class);
  private static final int SIGNATURES = 300;

  private final int chainId;
  private volatile boolean stopping;
  private Future<Void> warmedUp;

  public SignerWarmUpVerticle(int chainId) {
    this.chainId = chainId;
  }

  @Override
  public Future<?> start() {
    warmedUp = vertx.executeBlocking(() -> {
      SignerWarmUp.run(chainId, SIGNATURES, () -> stopping);
      return null;
    }, false)
      .onFailure(failure -> LOG.error("Signer warm-up failed: {}", failure.getMessage()))
      .<Void>mapEmpty()
      .otherwiseEmpty();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return warmedUp;
  }
}
