package io.copytrader.http;

import io.copytrader.config.AppConfig;
import io.copytrader.config.ConfigException;
import io.copytrader.journal.Journal;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.testing.Configs;
import io.copytrader.testing.HeldJournal;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The HTTP verticle alone, configured as the service configures it for one account, over a real journal. */
final class HttpVerticleUnderTest {

  private static final String ACCOUNTS = "[{\"index\":1,\"api_index\":0,\"private_key\":\"" + "ab".repeat(40) + "\"}]";

  private HttpVerticleUnderTest() {
  }

  /**
   * Deploys it in {@code vertx} on a free loopback port, with the settings in {@code environment} besides, its
   * journal in {@code dir}; returns the port.
   */
  static int deploy(Vertx vertx, Path dir, Map<String, String> environment) throws ConfigException {
    return deployVerticle(vertx, dir, environment).actualPort();
  }

  /** {@link #deploy}, answering the deployed verticle. */
  static HttpVerticle deployVerticle(Vertx vertx, Path dir, Map<String, String> environment) throws ConfigException {
    return deployVerticle(vertx, dir, environment, HeldJournal.open(vertx, dir.resolve("data")).await());
  }

  /** {@link #deployVerticle} over {@code journal}, opened by the test. */
  static HttpVerticle deployVerticle(Vertx vertx, Path dir, Map<String, String> environment, Journal journal)
    throws ConfigException {
    Map<String, String> env = new HashMap<>(environment);
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", "0");
    env.put("ACCOUNTS", ACCOUNTS);
    AppConfig config = Configs.load(env, dir).config();
    HttpVerticle http = new HttpVerticle(config.http(), config.accounts().indexes(), journal,
      ServiceMetrics.forVertx());
    vertx.deployVerticle(http).await();
    return http;
  }
}
