package io.copytrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Reads {@code TAKE_PROFIT_RATIO} and an {@code ACCOUNTS} entry's {@code take_profit_ratio}: the take-profit distance
 * as a fraction of the position's initial margin, as {@code STOP_LOSS_RATIO} is the stop-loss's. Off by default, as
 * in the Python service: unset or 0 places no take-profit. An account's own value replaces the global one, so 0
 * turns it off for that account alone.
 */
final class TakeProfitSettings {

  /** The {@code ACCOUNTS} field. */
  static final String ACCOUNT_FIELD = "take_profit_ratio";
  /**
   * The largest ratio: a gain of ten times the margin. Beyond it a short's trigger (entry × (1 − f × ratio)) would
   * reach zero at 10x already; the policy still refuses any trigger at or below zero.
   */
  static final BigDecimal MAX = BigDecimal.TEN;
  private static final String NUMBER = "[+-]?(\\d{1,20}(\\.\\d{0,18})?|\\.\\d{1,18})";

  private TakeProfitSettings() {
  }

  /** {@code TAKE_PROFIT_RATIO}'s text (null when unset or blank): the ratio, 0 when off or after a problem. */
  static BigDecimal global(String text, List<String> problems) {
    if (text == null) {
      return BigDecimal.ZERO;
    }
    BigDecimal ratio = ratio(Setting.TAKE_PROFIT_RATIO.name(), text, problems);
    return ratio == null ? BigDecimal.ZERO : ratio;
  }

  /** An {@code ACCOUNTS} entry's {@code take_profit_ratio}: null when absent (the global one applies) or invalid. */
  static BigDecimal account(String where, JsonNode node, List<String> problems) {
    JsonNode value = node.get(ACCOUNT_FIELD);
    String name = where + "." + ACCOUNT_FIELD;
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() && !value.isTextual()) {
      problems.add(name + " must be a number");
      return null;
    }
    return ratio(name, value.isNumber() ? value.decimalValue().toPlainString() : value.asText(), problems);
  }

  /** A ratio from 0 to {@link #MAX}, or null after adding the problem. */
  private static BigDecimal ratio(String name, String text, List<String> problems) {
    String trimmed = text.strip();
    if (!trimmed.matches(NUMBER)) {
      problems.add(name + " must be a number (a fraction of the initial margin such as 0.5), got "
        + ConfigParser.shown(text));
      return null;
    }
    BigDecimal ratio = new BigDecimal(trimmed).stripTrailingZeros();
    if (ratio.signum() < 0 || ratio.compareTo(MAX) > 0) {
      problems.add(name + " must be from 0 (off) to " + MAX.toPlainString() + ", got " + ratio.toPlainString());
      return null;
    }
    return ratio;
  }
}
