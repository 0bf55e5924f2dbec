package io.copytrader.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Gathers the configuration with a vertx-config {@link ConfigRetriever} whose stores merge in this order, later
 * wins: the bundled {@code conf/config.json} (defaults), {@code conf/config.json} in the working directory, the
 * {@code .env} file (or {@code ENV_FILE}), then the process environment. Only known {@link Setting}s are kept.
 * {@code ACCOUNTS_FILE} supplies {@code ACCOUNTS} from a file. Every problem of every store is reported at once.
 */
public final class ConfigLoader {

  static final String DEFAULTS_RESOURCE = "/conf/config.json";

  private ConfigLoader() {
  }

  /** Loads off the event loop: the stores read their files on worker threads. */
  public static Future<LoadedConfig> load(Vertx vertx, Map<String, String> environment, Path workingDirectory) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options(environment, workingDirectory));
    return retriever.getConfig()
      .eventually(retriever::close)
      .compose(merged -> vertx.executeBlocking(() -> settle(merged, workingDirectory), false));
  }

  /** Waits on a thread that is not an event loop; a configuration problem comes back as itself. */
  public static LoadedConfig await(Future<LoadedConfig> loading) throws ConfigException {
    try {
      return loading.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConfigException problems) {
        throw problems;
      }
      throw new IllegalStateException("configuration could not be loaded", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the configuration", e);
    }
  }

  static ConfigRetrieverOptions options(Map<String, String> environment, Path workingDirectory) {
    Path localDefaults = workingDirectory.resolve("conf/config.json");
    return new ConfigRetrieverOptions()
      .setScanPeriod(0)
      .addStore(store(settingsFile("json", "bundled conf/config.json").put("resource", DEFAULTS_RESOURCE)))
      .addStore(store(settingsFile("json", localDefaults.toString())
        .put("path", localDefaults.toString()).put("label", "conf/config.json")))
      .addStore(envFileStore(environment, workingDirectory))
      .addStore(new ConfigStoreOptions().setType("json").setConfig(knownSettings(environment)));
  }

  private static JsonObject settingsFile(String format, String source) {
    return new JsonObject().put("format", format).put("source", source);
  }

  private static ConfigStoreOptions store(JsonObject configuration) {
    return new ConfigStoreOptions().setType(SettingsFileStoreFactory.TYPE).setConfig(configuration);
  }

  private static ConfigStoreOptions envFileStore(Map<String, String> environment, Path workingDirectory) {
    String named = blankToNull(environment.get("ENV_FILE"));
    Path path = workingDirectory.resolve(named != null ? named : ".env");
    JsonObject configuration = settingsFile("env", path.getFileName().toString())
      .put("path", path.toString()).put("label", named != null ? "ENV_FILE" : ".env");
    if (named != null) {
      configuration.put("missing", "ENV_FILE names " + named + ", which does not exist or is not a file");
    }
    return store(configuration);
  }

  private static JsonObject knownSettings(Map<String, String> environment) {
    JsonObject settings = new JsonObject();
    for (Setting setting : Setting.values()) {
      String value = environment.get(setting.name());
      if (value != null) {
        settings.put(setting.name(), value);
      }
    }
    return settings;
  }

  private static LoadedConfig settle(JsonObject merged, Path workingDirectory) throws ConfigException {
    List<String> problems = new ArrayList<>();
    JsonObject storeProblems = merged.getJsonObject(SettingsFileStoreFactory.PROBLEMS, new JsonObject());
    storeProblems.forEach(entry -> ((JsonArray) entry.getValue()).forEach(problem -> problems.add((String) problem)));
    Map<String, String> values = new HashMap<>();
    for (Setting setting : Setting.values()) {
      Object value = merged.getValue(setting.name());
      if (value != null) {
        values.put(setting.name(), value.toString());
      }
    }
    String accountsFile = blankToNull(values.get(Setting.ACCOUNTS_FILE.name()));
    if (accountsFile != null) {
      if (blankToNull(values.get(Setting.ACCOUNTS.name())) != null) {
        problems.add("ACCOUNTS_FILE and ACCOUNTS are both set: set only one of them");
      } else {
        Path path = workingDirectory.resolve(accountsFile);
        try {
          values.put(Setting.ACCOUNTS.name(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
          problems.add("ACCOUNTS_FILE: cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
      }
    }
    return ConfigParser.parse(values, problems);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
