package io.copytrader.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code conf/config.json}: one JSON object of {@code VARIABLE: value}, strict JSON, known variables
 * only and no secrets (those belong in {@code .env} or the environment).
 */
final class JsonDefaults {

  private JsonDefaults() {
  }

  static Map<String, String> parse(String content, String source, List<String> problems) {
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
}
