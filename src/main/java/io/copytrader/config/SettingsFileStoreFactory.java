package io.copytrader.config;

import io.vertx.config.spi.ConfigStore;
import io.vertx.config.spi.ConfigStoreFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The vertx-config store type {@value #TYPE}: one settings file, a JSON object of defaults or a {@code .env}
 * file, read on a worker thread. The store never fails: it yields the settings it could read and, under
 * {@link #PROBLEMS} keyed by its label, every problem it found, so that the loader reports the problems of all
 * stores in one pass.
 *
 * <p>Store configuration: {@code format} ({@code json} or {@code env}); {@code resource} (a classpath resource)
 * or {@code path} (a file); {@code source} (names the file in problems with its content); for a file,
 * {@code label} (names it in a read failure) and {@code missing} (the problem to report when it is absent;
 * without it an absent file is an empty store).
 */
public final class SettingsFileStoreFactory implements ConfigStoreFactory {

  public static final String TYPE = "copytrader-settings-file";
  /** Not a variable name (those are upper case identifiers), so it never collides with a setting. */
  static final String PROBLEMS = "problems:";

  @Override
  public String name() {
    return TYPE;
  }

  @Override
  public ConfigStore create(Vertx vertx, JsonObject configuration) {
    return new ConfigStore() {
      @Override
      public Future<Buffer> get() {
        return vertx.executeBlocking(() -> read(configuration).toBuffer(), false);
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }

  static JsonObject read(JsonObject configuration) {
    String source = configuration.getString("source");
    List<String> problems = new ArrayList<>();
    String content = configuration.containsKey("resource") ? resource(configuration.getString("resource"), problems)
      : file(Path.of(configuration.getString("path")), configuration.getString("label"),
        configuration.getString("missing"), problems);
    Map<String, String> values = content == null ? Map.of()
      : configuration.getString("format").equals("env") ? EnvFile.parse(content, source, problems)
      : JsonDefaults.parse(content, source, problems);
    JsonObject settings = new JsonObject();
    values.forEach(settings::put);
    if (!problems.isEmpty()) {
      settings.put(PROBLEMS, new JsonObject().put(source, new JsonArray(problems)));
    }
    return settings;
  }

  /** Only the bundled defaults are a resource. */
  private static String resource(String name, List<String> problems) {
    try (InputStream in = SettingsFileStoreFactory.class.getResourceAsStream(name)) {
      if (in == null) {
        problems.add("the bundled defaults " + name + " are missing from the build");
        return null;
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add("cannot read the bundled defaults: " + e.getMessage());
      return null;
    }
  }

  private static String file(Path path, String label, String missing, List<String> problems) {
    if (!Files.isRegularFile(path)) {
      if (missing != null) {
        problems.add(missing);
      }
      return null;
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(label + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }
}
