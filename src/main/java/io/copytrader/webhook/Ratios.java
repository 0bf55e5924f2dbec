package io.copytrader.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Decimals a payload or a source's configuration gives, bounded before anything computes with them as
 * {@code /api/trade} bounds its own: a ratio in [0, 1] of at most {@value #MAX_DIGITS} significant digits and
 * {@value #MAX_DIGITS} decimal places.
 */
public final class Ratios {

  static final int MAX_DIGITS = 18;

  private Ratios() {
  }

  /** The JSON number {@code node} as a ratio. */
  static BigDecimal bounded(String field, JsonNode node) throws SignalException {
    if (node == null || !node.isNumber()) {
      throw new SignalException(field + " must be a number");
    }
    BigDecimal ratio = ratio(node.decimalValue());
    if (ratio == null) {
      throw new SignalException(field + " must be between 0 and 1, with at most " + MAX_DIGITS
        + " decimal places");
    }
    return ratio;
  }

  /** {@code value} if it is a ratio in [0, 1] within the digit bounds, else null. */
  public static BigDecimal ratio(BigDecimal value) {
    if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (value.signum() != 0 && (stripped.scale() > MAX_DIGITS || stripped.precision() > MAX_DIGITS)) {
      return null;
    }
    return value.signum() == 0 ? BigDecimal.ZERO : stripped;
  }

  /** A plain decimal of up to 40 characters (no exponent), or null. */
  public static BigDecimal parse(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= 40 && trimmed.matches("\\d+(\\.\\d*)?|\\.\\d+") ? new BigDecimal(trimmed) : null;
  }
}
