package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PauseTest {

  /** Starts a pause when deployed and records whether it ever ended. */
  private static final class PausingVerticle extends VerticleBase {

    private final long millis;
    private final AtomicBoolean ended = new AtomicBoolean();

    PausingVerticle(long millis) {
      this.millis = millis;
    }

    @Override
    public Future<?> start() {
      Pause.of(vertx, millis).onComplete(elapsed -> ended.set(true));
      return Future.succeededFuture();
    }
  }

  @Test
  void endsAfterItsDelay(Vertx vertx) {
    PausingVerticle verticle = new PausingVerticle(20);
    vertx.deployVerticle(verticle).await();

    vertx.timer(500, TimeUnit.MILLISECONDS).await();

    assertThat(verticle.ended).isTrue();
  }

  @Test
  void neverEndsOnceItsVerticleIsUndeployed(Vertx vertx) {
    PausingVerticle verticle = new PausingVerticle(1_000);
    String deployment = vertx.deployVerticle(verticle).await();

    vertx.undeploy(deployment).await();
    vertx.timer(1_500, TimeUnit.MILLISECONDS).await();

    assertThat(verticle.ended).isFalse();
  }
}
