package io.copytrader.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

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

  /** Where parsing failed; Jackson's own message is left out because it can quote a key from the input. */
  static String position(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null) {
      return "(position unknown)";
    }
    return "at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
