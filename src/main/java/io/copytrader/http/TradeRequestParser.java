package io.copytrader.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.copytrader.account.TargetPosition;
import io.copytrader.account.TradeAction;
import io.copytrader.account.TradeRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates trade, adjust and position bodies field by field. Numbers must be JSON numbers (not strings, not NaN),
 * integers must be whole and within their field's range, and every failure names the field.
 *
 * <p>Decimals are bounded before anything computes with them: at most {@value #MAX_SIGNIFICANT_DIGITS}
 * significant digits and {@value #MAX_DECIMAL_PLACES} decimal places (trailing zeros do not count), checked on
 * the exponent first. {@code 1E-999999999} is twelve characters, but its scale is a billion: printing it in
 * plain form (as {@code TradeRequest#toJson} does for the journal) or setting its scale would build a
 * billion-digit number and exhaust the heap.
 */
final class TradeRequestParser {

  private static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  private static final int MAX_MARKET_ID = 4094;
  private static final int MAX_SYMBOL_LENGTH = 32;
  private static final int MAX_CLIENT_REQUEST_ID_LENGTH = 128;
  private static final long MAX_LAG_MS = 86_400_000L;
  /**
   * 9999-12-31T23:59:59.999Z: any real epoch-ms timestamp is below it, and adding {@link #MAX_LAG_MS} to it
   * cannot overflow a long (ExecutionSettings adds the two).
   */
  private static final long MAX_SIGNAL_TIMESTAMP = 253_402_300_799_999L;
  /** Longest number token, in characters; a longer one is refused while parsing, before it becomes a value. */
  private static final int MAX_NUMBER_LENGTH = 64;
  static final int MAX_SIGNIFICANT_DIGITS = 18;
  static final int MAX_DECIMAL_PLACES = 18;

  private static final Set<String> COMMON_FIELDS = Set.of("account_index", "market_id", "symbol",
    "client_request_id", "signal_timestamp", "max_lag_ms");
  private static final Set<String> TRADE_FIELDS = Set.of("trade_type", "reference_position_ratio");
  private static final Map<String, TradeAction> TRADE_TYPES = ordered(
    Map.entry("long", TradeAction.LONG), Map.entry("short", TradeAction.SHORT), Map.entry("close", TradeAction.CLOSE));
  private static final Map<String, TradeAction> ADJUSTMENT_TYPES = ordered(
    Map.entry("increase", TradeAction.INCREASE), Map.entry("decrease", TradeAction.DECREASE));
  private static final Set<String> ADJUST_FIELDS = Set.of("adjustment_type", "percentage");
  private static final Set<String> POSITION_FIELDS = Set.of("target_ratio");

  private static final ObjectMapper MAPPER = JsonMapper.builder()
    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
    .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
      .maxNestingDepth(16)
      .maxNumberLength(MAX_NUMBER_LENGTH)
      .maxStringLength(4096)
      .build());
  }

  private TradeRequestParser() {
  }

  static TradeRequest parseTrade(byte[] body, String idempotencyKey) throws InvalidRequestException {
    JsonNode root = object(body, TRADE_FIELDS);
    TradeAction action = action(root, "trade_type", TRADE_TYPES);
    BigDecimal ratio = null;
    if (action != TradeAction.CLOSE) {
      ratio = requiredDecimal(root, "reference_position_ratio");
      if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
        throw new InvalidRequestException("reference_position_ratio must be between 0 and 1");
      }
    } else {
      optionalDecimal(root, "reference_position_ratio");
    }
    return common(root, action, ratio, null, idempotencyKey);
  }

  static TradeRequest parseAdjust(byte[] body, String idempotencyKey) throws InvalidRequestException {
    JsonNode root = object(body, ADJUST_FIELDS);
    TradeAction action = action(root, "adjustment_type", ADJUSTMENT_TYPES);
    BigDecimal percentage = requiredDecimal(root, "percentage");
    if (percentage.signum() <= 0 || percentage.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidRequestException("percentage must be greater than 0 and at most 1");
    }
    return common(root, action, null, percentage, idempotencyKey);
  }

  static TradeRequest parsePosition(byte[] body, String idempotencyKey) throws InvalidRequestException {
    JsonNode root = object(body, POSITION_FIELDS);
    BigDecimal ratio = requiredDecimal(root, "target_ratio");
    if (ratio.abs().compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidRequestException("target_ratio must be between -1 and 1");
    }
    return common(root, TradeAction.POSITION, null, null, idempotencyKey).withTarget(TargetPosition.ofRatio(ratio));
  }

  @SafeVarargs
  private static Map<String, TradeAction> ordered(Map.Entry<String, TradeAction>... entries) {
    Map<String, TradeAction> map = new LinkedHashMap<>();
    for (Map.Entry<String, TradeAction> entry : entries) {
      map.put(entry.getKey(), entry.getValue());
    }
    return Collections.unmodifiableMap(map);
  }

  /** The action named by {@code field}, one of {@code actions}' keys (in the order the error lists them). */
  private static TradeAction action(JsonNode root, String field, Map<String, TradeAction> actions)
    throws InvalidRequestException {
    TradeAction action = actions.get(requiredText(root, field));
    if (action == null) {
      throw new InvalidRequestException(field + " must be one of " + String.join(", ", actions.keySet()));
    }
    return action;
  }

  private static TradeRequest common(JsonNode root, TradeAction action, BigDecimal ratio, BigDecimal percentage,
                                     String idempotencyKey) throws InvalidRequestException {
    long accountIndex = requiredInteger(root, "account_index", 0, MAX_ACCOUNT_INDEX);
    Long marketId = optionalInteger(root, "market_id", 0, MAX_MARKET_ID);
    String symbol = optionalText(root, "symbol", MAX_SYMBOL_LENGTH);
    if (marketId == null && symbol == null) {
      throw new InvalidRequestException("market_id or symbol is required");
    }
    String bodyKey = optionalText(root, "client_request_id", MAX_CLIENT_REQUEST_ID_LENGTH);
    String key = idempotencyKey(idempotencyKey, bodyKey);
    Long signalTimestamp = optionalInteger(root, "signal_timestamp", 1, MAX_SIGNAL_TIMESTAMP);
    Long maxLag = optionalInteger(root, "max_lag_ms", 1, MAX_LAG_MS);
    if (maxLag != null && signalTimestamp == null) {
      throw new InvalidRequestException("max_lag_ms needs signal_timestamp");
    }
    return new TradeRequest(accountIndex, marketId == null ? null : marketId.intValue(), symbol, action, ratio,
      percentage, key, signalTimestamp, maxLag);
  }

  private static String idempotencyKey(String header, String body) throws InvalidRequestException {
    if (header != null) {
      if (header.isBlank() || header.length() > MAX_CLIENT_REQUEST_ID_LENGTH) {
        throw new InvalidRequestException("Idempotency-Key must be 1 to " + MAX_CLIENT_REQUEST_ID_LENGTH
          + " characters");
      }
      if (body != null && !body.equals(header)) {
        throw new InvalidRequestException("client_request_id and the Idempotency-Key header differ");
      }
      return header;
    }
    return body;
  }

  private static JsonNode object(byte[] body, Set<String> kindFields) throws InvalidRequestException {
    JsonNode root = readObject(body);
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!COMMON_FIELDS.contains(name) && !kindFields.contains(name)) {
        throw new InvalidRequestException("unknown field '" + printable(name) + "'");
      }
    }
    return root;
  }

  /** The body as a JSON object, read within the parser's limits; any field names. */
  static JsonNode readObject(byte[] body) throws InvalidRequestException {
    JsonNode root;
    try (JsonParser parser = MAPPER.createParser(body)) {
      try {
        root = MAPPER.readTree(parser);
      } catch (StreamConstraintsException e) {
        throw tooLong(parser, e);
      } catch (NumberFormatException | ArithmeticException e) {
        // Jackson reads a number like 1E-2147483648, whose scale does not fit an int, as an unchecked failure.
        throw new InvalidRequestException(fieldOf(parser) + " is not a number that can be represented");
      }
    } catch (IOException e) {
      throw new InvalidRequestException("body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRequestException("body must be a JSON object");
    }
    return root;
  }

  /**
   * A number token too long to parse is refused naming the field it was the value of; the parser is still
   * inside that field when it refuses.
   */
  private static InvalidRequestException tooLong(JsonParser parser, StreamConstraintsException e) {
    String field = fieldOf(parser);
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Number value length")) {
      return new InvalidRequestException(field + " must be a number of at most " + MAX_NUMBER_LENGTH
        + " characters");
    }
    return new InvalidRequestException("body exceeds the JSON limits (nesting, number or string length)");
  }

  /** The field the parser is in, printable, or "a value" outside any field. */
  private static String fieldOf(JsonParser parser) {
    String field = parser.getParsingContext() == null ? null : parser.getParsingContext().getCurrentName();
    return field == null ? "a value" : printable(field);
  }

  private static String requiredText(JsonNode root, String field) throws InvalidRequestException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new InvalidRequestException(field + " is required");
    }
    if (!node.isTextual()) {
      throw new InvalidRequestException(field + " must be a string");
    }
    return node.textValue();
  }

  private static String optionalText(JsonNode root, String field, int maxLength) throws InvalidRequestException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidRequestException(field + " must be a string");
    }
    String text = node.textValue().strip();
    if (text.isEmpty() || text.length() > maxLength || !text.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
      throw new InvalidRequestException(field + " must be 1 to " + maxLength + " printable ASCII characters");
    }
    return text;
  }

  private static BigDecimal requiredDecimal(JsonNode root, String field) throws InvalidRequestException {
    BigDecimal value = optionalDecimal(root, field);
    if (value == null) {
      throw new InvalidRequestException(field + " is required");
    }
    return value;
  }

  private static BigDecimal optionalDecimal(JsonNode root, String field) throws InvalidRequestException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new InvalidRequestException(field + " must be a number");
    }
    return bounded(field, node.decimalValue());
  }

  /**
   * The value if it has at most {@value #MAX_SIGNIFICANT_DIGITS} significant digits and
   * {@value #MAX_DECIMAL_PLACES} decimal places. The exponent is checked before trailing zeros are stripped,
   * so no step here works on more digits than the token had.
   */
  static BigDecimal bounded(String field, BigDecimal value) throws InvalidRequestException {
    if (value.signum() == 0) {
      return value.scale() >= 0 && value.scale() <= MAX_DECIMAL_PLACES ? value : BigDecimal.ZERO;
    }
    // The unscaled value has at most MAX_NUMBER_LENGTH digits; only the scale can be extreme.
    long exponent = (long) value.precision() - value.scale() - 1;
    if (exponent >= MAX_SIGNIFICANT_DIGITS) {
      throw new InvalidRequestException(field + " is too large");
    }
    if (exponent < -MAX_DECIMAL_PLACES) {
      throw new InvalidRequestException(field + " must have at most " + MAX_DECIMAL_PLACES + " decimal places");
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > MAX_DECIMAL_PLACES) {
      throw new InvalidRequestException(field + " must have at most " + MAX_DECIMAL_PLACES + " decimal places");
    }
    if (stripped.precision() > MAX_SIGNIFICANT_DIGITS) {
      throw new InvalidRequestException(field + " must have at most " + MAX_SIGNIFICANT_DIGITS
        + " significant digits");
    }
    return value;
  }

  private static long requiredInteger(JsonNode root, String field, long min, long max)
    throws InvalidRequestException {
    Long value = optionalInteger(root, field, min, max);
    if (value == null) {
      throw new InvalidRequestException(field + " is required");
    }
    return value;
  }

  private static Long optionalInteger(JsonNode root, String field, long min, long max)
    throws InvalidRequestException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw new InvalidRequestException(field + " must be an integer");
    }
    BigInteger value = node.bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new InvalidRequestException(field + " must be between " + min + " and " + max);
    }
    return value.longValueExact();
  }

  /** Field names come from the client; keep them short and printable in error messages. */
  private static String printable(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
    StringBuilder out = new StringBuilder();
    cut.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "?"));
    return out.toString();
  }
}
