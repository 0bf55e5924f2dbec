package io.copytrader.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/** The JSON reader for configuration: strict, exact decimals, and error positions without source excerpts. */
final class Json {

  static final ObjectMapper STRICT = JsonMapper.builder()
    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
    .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
    .build();

  private Json() {
  }

  /**
   * The setting's text as a JSON array, or null after adding the problem (not JSON, or not an array: {@code shape}
   * says what it must be).
   */
  static JsonNode array(String setting, String text, String shape, List<String> problems) {
    JsonNode root;
    try {
      root = STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      problems.add(setting + " is not valid JSON " + position(e));
      return null;
    }
    if (root == null || !root.isArray()) {
      problems.add(setting + " must be a JSON array of " + shape);
      return null;
    }
    return root;
  }

  /** Where parsing failed; Jackson's own message is left out because it can quote a key from the input. */
  static String position(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null) {
      return "(position unknown)";
    }
    return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
