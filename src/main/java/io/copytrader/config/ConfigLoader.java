package io.copytrader.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Gathers the configuration from its sources, later wins: the bundled {@code conf/config.json} (defaults),
 * {@code conf/config.json} in the working directory, the {@code .env} file (or {@code ENV_FILE}), then the
 * process environment. {@code ACCOUNTS_FILE} supplies {@code ACCOUNTS} from a file.
 */
public final class ConfigLoader {

  static final String DEFAULTS_RESOURCE = "/conf/config.json";

  private ConfigLoader() {
  }

  public static LoadedConfig load(Map<String, String> environment, Path workingDirectory) throws ConfigException {
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    values.putAll(bundledDefaults(problems));
    Path localDefaults = workingDirectory.resolve("conf/config.json");
    if (Files.isRegularFile(localDefaults)) {
      values.putAll(readJsonDefaults(readFile(localDefaults, "conf/config.json", problems), localDefaults.toString(),
        problems));
    }
    values.putAll(envFile(environment, workingDirectory, problems));
    for (Setting setting : Setting.values()) {
      String value = environment.get(setting.name());
      if (value != null) {
        values.put(setting.name(), value);
      }
    }
    String accountsFile = blankToNull(values.get(Setting.ACCOUNTS_FILE.name()));
    if (accountsFile != null) {
      if (blankToNull(values.get(Setting.ACCOUNTS.name())) != null) {
        problems.add("ACCOUNTS_FILE and ACCOUNTS are both set: set only one of them");
      } else {
        Path path = workingDirectory.resolve(accountsFile);
        String content = readFile(path, "ACCOUNTS_FILE", problems);
        if (content != null) {
          values.put(Setting.ACCOUNTS.name(), content);
        }
      }
    }
    return ConfigParser.parse(values, problems);
  }

  private static Map<String, String> envFile(Map<String, String> environment, Path workingDirectory,
                                            List<String> problems) {
    String named = blankToNull(environment.get("ENV_FILE"));
    Path path = named != null ? workingDirectory.resolve(named) : workingDirectory.resolve(".env");
    if (!Files.isRegularFile(path)) {
      if (named != null) {
        problems.add("ENV_FILE names " + named + ", which does not exist or is not a file");
      }
      return Map.of();
    }
    String content = readFile(path, named != null ? "ENV_FILE" : ".env", problems);
    return content == null ? Map.of() : EnvFile.parse(content, path.getFileName().toString(), problems);
  }

  private static Map<String, String> bundledDefaults(List<String> problems) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        problems.add("the bundled defaults " + DEFAULTS_RESOURCE + " are missing from the build");
        return Map.of();
      }
      return readJsonDefaults(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled conf/config.json",
        problems);
    } catch (IOException e) {
      problems.add("cannot read the bundled defaults: " + e.getMessage());
      return Map.of();
    }
  }

  static Map<String, String> readJsonDefaults(String content, String source, List<String> problems) {
    if (content == null) {
      return Map.of();
    }
    Map<String, String> values = new HashMap<>();
    try {
      JsonNode root = Json.STRICT.readTree(content);
      if (root == null || !root.isObject()) {
        problems.add(source + " must be a JSON object of VARIABLE: value");
        return Map.of();
      }
      Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        Setting setting = Setting.byName(field.getKey());
        if (setting == null) {
          problems.add(source + ": unknown variable " + field.getKey());
        } else if (setting.secret()) {
          problems.add(source + ": " + field.getKey() + " is a secret and belongs in .env or the environment");
        } else if (field.getValue().isValueNode()) {
          values.put(field.getKey(), field.getValue().isNull() ? "" : field.getValue().asText());
        } else {
          problems.add(source + ": " + field.getKey() + " must be a string or a number");
        }
      }
    } catch (JsonProcessingException e) {
      problems.add(source + " is not valid JSON " + Json.position(e));
    }
    return values;
  }

  private static String readFile(Path path, String label, List<String> problems) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(label + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
