package io.copytrader.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code LEVERAGE} and an {@code ACCOUNTS} entry's {@code leverage}: a number for every market, or a JSON
 * object of symbol → number. Every value is checked on its own, so each bad one is reported.
 */
final class LeverageSettings {

  /** The {@code ACCOUNTS} field. */
  static final String ACCOUNT_FIELD = "leverage";
  private static final int MAX_SYMBOL_LENGTH = 32;

  private LeverageSettings() {
  }

  /** {@code LEVERAGE}'s text (null when unset or blank) read, or {@link LeverageSetting#NONE} after a problem. */
  static LeverageSetting global(String text, List<String> problems) {
    if (text == null) {
      return LeverageSetting.NONE;
    }
    String name = Setting.LEVERAGE.name();
    if (!text.strip().startsWith("{")) {
      BigDecimal leverage = leverage(name, text, problems);
      return leverage == null ? LeverageSetting.NONE : new LeverageSetting(leverage, Map.of());
    }
    try {
      return bySymbol(name, Json.STRICT.readTree(text), problems);
    } catch (JsonProcessingException e) {
      problems.add(name + " is not valid JSON " + Json.position(e));
      return LeverageSetting.NONE;
    }
  }

  /** An {@code ACCOUNTS} entry's {@code leverage} (absent or null: none of its own). */
  static LeverageSetting account(String where, JsonNode node, List<String> problems) {
    JsonNode value = node.get(ACCOUNT_FIELD);
    String name = where + "." + ACCOUNT_FIELD;
    if (value == null || value.isNull()) {
      return LeverageSetting.NONE;
    }
    if (value.isObject()) {
      return bySymbol(name, value, problems);
    }
    if (!value.isNumber() && !value.isTextual()) {
      problems.add(name + " must be a number or a JSON object of symbol to number");
      return LeverageSetting.NONE;
    }
    BigDecimal leverage = leverage(name, scalar(value), problems);
    return leverage == null ? LeverageSetting.NONE : new LeverageSetting(leverage, Map.of());
  }

  private static LeverageSetting bySymbol(String name, JsonNode object, List<String> problems) {
    if (object == null || !object.isObject() || object.isEmpty()) {
      problems.add(name + " must be a number or a non-empty JSON object of symbol to number");
      return LeverageSetting.NONE;
    }
    Map<String, BigDecimal> leverages = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String symbol = field.getKey().strip().toUpperCase(Locale.ROOT);
      if (symbol.isEmpty() || symbol.length() > MAX_SYMBOL_LENGTH || !symbol.matches("\\p{Graph}+")) {
        problems.add(name + ": a symbol is 1 to " + MAX_SYMBOL_LENGTH + " printable characters, got "
          + ConfigParser.shown(field.getKey()));
        continue;
      }
      JsonNode value = field.getValue();
      if (!value.isNumber() && !value.isTextual()) {
        problems.add(name + "." + symbol + " must be a number");
        continue;
      }
      BigDecimal leverage = leverage(name + "." + symbol, scalar(value), problems);
      if (leverage != null && leverages.put(symbol, leverage) != null) {
        problems.add(name + ": symbol " + symbol + " is given twice");
      }
    }
    return new LeverageSetting(null, leverages);
  }

  private static String scalar(JsonNode value) {
    return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
  }

  /** A leverage within Lighter's bounds, or null after adding the problem. */
  private static BigDecimal leverage(String name, String text, List<String> problems) {
    String trimmed = text.strip();
    if (!trimmed.matches("[+-]?(\\d{1,20}(\\.\\d{0,18})?|\\.\\d{1,18})")) {
      problems.add(name + " must be a number (a leverage such as 5 or 2.5), got " + ConfigParser.shown(text));
      return null;
    }
    BigDecimal leverage = new BigDecimal(trimmed).stripTrailingZeros();
    if (leverage.compareTo(LeverageSetting.MIN) < 0 || leverage.compareTo(LeverageSetting.MAX) > 0) {
      problems.add(name + " must be from " + LeverageSetting.MIN + " to " + LeverageSetting.MAX.toPlainString()
        + " (Lighter's margin fraction, 10000 / leverage, is 1 to 10000), got " + leverage.toPlainString());
      return null;
    }
    return leverage;
  }
}
