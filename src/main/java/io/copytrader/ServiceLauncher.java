package io.copytrader;

import io.copytrader.cluster.HazelcastCluster;
import io.copytrader.config.ClusterSettings;
import io.copytrader.config.ConfigException;
import io.copytrader.config.LoadedConfig;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the service until the JVM is asked to stop, then drains it gracefully ({@link DrainVerticle}). */
final class ServiceLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
  private static final long CLOSE_MARGIN_SECONDS = 5;

  private ServiceLauncher() {
  }

  /** The one Vert.x instance of the process, with the metrics the service exposes. */
  static Vertx createVertx() {
    return Vertx.vertx(options());
  }

  /**
   * A second instance, joined to the other nodes by its cluster manager ({@code CLUSTER_PORT}), for the node
   * heartbeats only; fails if the port is taken.
   */
  static Vertx createClusteredVertx(ClusterSettings cluster) {
    long started = System.nanoTime();
    Vertx vertx = HazelcastCluster.start(new VertxOptions(), cluster).await();
    LOG.info("Cluster manager started in {} ms: Hazelcast on port {}, members {}",
      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), cluster.clusterPort(), cluster.members());
    return vertx;
  }

  /**
   * One event loop per core rather than Vert.x's two: nothing on an event loop blocks, and the journal's writer, the
   * one thread every request's journal writes pass through, then competes with half as many runnable event loops
   * for the cores while a fan-out queues work for it (BENCHMARKS.md section 6).
   */
  private static VertxOptions options() {
    return new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
      .setMetricsOptions(new MicrometerMetricsOptions()
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
      .setEnabled(true));
  }

  /** @param cluster the instance {@link #createClusteredVertx} made, or null without a cluster manager */
  static int run(Vertx vertx, LoadedConfig loaded, Vertx cluster) {
    ServiceMetrics.bindJvm();
    HeapAdvice.warning(loaded.config().accounts().list().size(), Runtime.getRuntime().maxMemory()).ifPresent(LOG::warn);
    try {
      vertx.deployVerticle(new MainVerticle(loaded, cluster)).await();
    } catch (Exception e) {
      if (e instanceof ConfigException invalid) {
        // A setting only the exchange's market list could refute (docs/ARCHITECTURE.md, "Leverage").
        System.err.println("Invalid configuration:");
        invalid.problems().forEach(problem -> System.err.println("  - " + problem));
        close(vertx, cluster);
        return 2;
      }
      // await() rethrows the cause as it is, checked ones included (a taken port is a BindException); anything
      // not caught here leaves the main thread dead and Vert.x's threads keeping a useless process alive.
      LOG.error("Startup failed: {}", e.getMessage());
      close(vertx, cluster);
      return 1;
    }
    long drainSeconds = loaded.config().shutdownGrace().toSeconds() + CLOSE_MARGIN_SECONDS;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.eventBus().request(Addresses.SHUTDOWN, null,
            new DeliveryOptions().setSendTimeout(TimeUnit.SECONDS.toMillis(drainSeconds)))
          .toCompletionStage().toCompletableFuture().get(drainSeconds, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_MARGIN_SECONDS, TimeUnit.SECONDS);
        if (cluster != null) {
          // Leaves the cluster, so the other nodes drop this one from their members at once.
          cluster.close().toCompletionStage().toCompletableFuture().get(CLOSE_MARGIN_SECONDS, TimeUnit.SECONDS);
        }
        LOG.info("Stopped");
      } catch (Exception e) {
        LOG.warn("Shutdown did not complete cleanly: {}", e.toString());
      } finally {
        Logging.stop();
      }
    }, "shutdown"));
    return 0;
  }

  private static void close(Vertx vertx, Vertx cluster) {
    vertx.close().await();
    if (cluster != null) {
      cluster.close().await();
    }
  }
}
