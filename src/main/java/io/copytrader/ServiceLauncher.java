package io.copytrader;

import io.copytrader.config.LoadedConfig;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the service until the JVM is asked to stop, then drains it gracefully. */
final class ServiceLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
  private static final long CLOSE_MARGIN_SECONDS = 5;

  private ServiceLauncher() {
  }

  static int run(LoadedConfig loaded) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .setEnabled(true)));
    ServiceMetrics.bindJvm();
    MainVerticle main = new MainVerticle(loaded);
    try {
      vertx.deployVerticle(main).await();
    } catch (Exception e) {
      // await() rethrows the cause as it is, checked ones included (a taken port is a BindException); anything
      // not caught here leaves the main thread dead and Vert.x's threads keeping a useless process alive.
      LOG.error("Startup failed: {}", e.getMessage());
      vertx.close().await();
      return 1;
    }
    long graceSeconds = loaded.config().shutdownGrace().toSeconds();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Future<Void> drained = main.drain();
      // Logged once intake refuses, so a request sent after this line is never accepted.
      LOG.info("Shutting down: refusing new requests, letting each account finish within {} s", graceSeconds);
      try {
        drained.toCompletionStage().toCompletableFuture()
          .get(graceSeconds + CLOSE_MARGIN_SECONDS, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_MARGIN_SECONDS, TimeUnit.SECONDS);
        LOG.info("Stopped");
      } catch (Exception e) {
        LOG.warn("Shutdown did not complete cleanly: {}", e.toString());
      }
    }, "shutdown"));
    return 0;
  }
}
