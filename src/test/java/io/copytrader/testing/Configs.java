package io.copytrader.testing;

import io.copytrader.config.ConfigException;
import io.copytrader.config.ConfigLoader;
import io.copytrader.config.LoadedConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;

/** The service's configuration loader for tests without a Vert.x instance of their own. */
public final class Configs {

  private Configs() {
  }

  /** Loads as the service does, on a short-lived Vert.x instance, waiting on the test's thread. */
  public static LoadedConfig load(Map<String, String> environment, Path workingDirectory) throws ConfigException {
    Vertx vertx = Vertx.vertx();
    try {
      return ConfigLoader.await(ConfigLoader.load(vertx, environment, workingDirectory));
    } finally {
      vertx.close().await();
    }
  }
}
