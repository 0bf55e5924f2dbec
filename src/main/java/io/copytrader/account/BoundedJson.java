package io.copytrader.account;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Field-by-field reads of a JSON object another part of the service submitted on the bus, each bounded before
 * anything computes with it; a bad field is an {@link IllegalArgumentException} naming it. Decimals are strings
 * of at most {@value #MAX_DECIMAL_CHARS} characters with at most {@value #MAX_DIGITS} significant digits,
 * {@value #MAX_DIGITS} decimal places and {@value #MAX_DIGITS} integer digits, as the HTTP API bounds its numbers
 * (README "HTTP API").
 */
final class BoundedJson {

  static final int MAX_DIGITS = 18;
  private static final int MAX_DECIMAL_CHARS = 40;

  private final JsonObject json;
  private final String prefix;

  BoundedJson(JsonObject json, String prefix, Set<String> fields) {
    this.json = json;
    this.prefix = prefix;
    for (String name : json.fieldNames()) {
      if (!fields.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + prefix + printable(name) + "'");
      }
    }
  }

  boolean has(String field) {
    return json.getValue(field) != null;
  }

  BigDecimal decimal(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(prefix + field + " is required");
    }
    if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_DECIMAL_CHARS) {
      throw new IllegalArgumentException(prefix + field + " must be a decimal string of at most "
        + MAX_DECIMAL_CHARS + " characters");
    }
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(prefix + field + " is not a decimal number");
    }
    // The string is short, so only the exponent can be extreme: stripping works on few digits.
    BigDecimal stripped = parsed.stripTrailingZeros();
    if (stripped.precision() > MAX_DIGITS || stripped.scale() > MAX_DIGITS
      || (long) stripped.precision() - stripped.scale() > MAX_DIGITS) {
      throw new IllegalArgumentException(prefix + field + " must have at most " + MAX_DIGITS + " significant digits, "
        + MAX_DIGITS + " decimal places and " + MAX_DIGITS + " integer digits");
    }
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  BigDecimal optionalDecimal(String field) {
    return has(field) ? decimal(field) : null;
  }

  long integer(String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(prefix + field + " is required");
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
      || ((Number) value).longValue() > max) {
      throw new IllegalArgumentException(prefix + field + " must be an integer from " + min + " to " + max);
    }
    return ((Number) value).longValue();
  }

  Long optionalInteger(String field, long min, long max) {
    return has(field) ? integer(field, min, max) : null;
  }

  /** Printable ASCII of 1 to {@code maxLength} characters. */
  String text(String field, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new IllegalArgumentException(prefix + field + " is required");
    }
    if (!(value instanceof String text) || text.isEmpty() || text.length() > maxLength
      || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(prefix + field + " must be 1 to " + maxLength + " printable ASCII characters");
    }
    return text;
  }

  String optionalText(String field, int maxLength) {
    return has(field) ? text(field, maxLength) : null;
  }

  boolean flag(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      throw new IllegalArgumentException(prefix + field + " must be true or false");
    }
    return Boolean.TRUE.equals(value);
  }

  JsonObject object(String field) {
    Object value = json.getValue(field);
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException(prefix + field + " must be an object");
    }
    return object;
  }

  private static String printable(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
    return cut.codePoints().collect(StringBuilder::new, (out, c) -> out.append(c >= 0x20 && c < 0x7f
      ? Character.toString(c) : "?"), StringBuilder::append).toString();
  }
}
