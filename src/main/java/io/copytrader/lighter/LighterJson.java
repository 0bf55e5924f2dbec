package io.copytrader.lighter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * Reads Lighter's JSON: snake_case names, unknown fields ignored, every decimal kept exact (strings and
 * JSON numbers alike become {@link java.math.BigDecimal}, never double), {@code ""} read as absent.
 */
final class LighterJson {

  static final ObjectMapper MAPPER = mapper();

  private LighterJson() {
  }

  static JsonNode tree(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  static ObjectReader reader(Class<?> type) {
    return MAPPER.readerFor(type);
  }

  static ObjectReader listReader(Class<?> elementType) {
    return MAPPER.readerFor(MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, elementType));
  }

  private static ObjectMapper mapper() {
    JsonMapper mapper = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();
    mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
    return mapper;
  }
}
