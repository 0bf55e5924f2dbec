package io.copytrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.RailLimits;
import io.copytrader.rails.RailOverrides;
import io.copytrader.rails.SymbolAllowlist;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The risk rails' settings: the global ones ({@code MAX_POSITION_USD}, …; their defaults come from the bundled
 * {@code conf/config.json} like every other setting's) and the same names in lower case as an account's overrides
 * in {@code ACCOUNTS}. Every value is checked on its own against {@link RailLimits}' bounds, so each bad one is
 * reported, and a merged account's limits can no longer be out of bounds.
 */
public final class RailSettings {

  /** One rail setting: its variable, how its text reads, and how a value is shown. */
  private enum Field {
    SYMBOL_ALLOWLIST(Setting.SYMBOL_ALLOWLIST, SymbolAllowlist::parse, limits -> limits.symbolAllowlist().text()),
    MAX_POSITION_USD(Setting.MAX_POSITION_USD, RailSettings::decimal, limits -> plain(limits.maxPositionUsd())),
    MAX_LEVERAGE(Setting.MAX_LEVERAGE, RailSettings::decimal, limits -> plain(limits.maxLeverage())),
    MAX_DAILY_LOSS_USD(Setting.MAX_DAILY_LOSS_USD, RailSettings::decimal, limits -> plain(limits.maxDailyLossUsd())),
    MAX_DRAWDOWN_PCT(Setting.MAX_DRAWDOWN_PCT, RailSettings::decimal, limits -> plain(limits.maxDrawdownPct())),
    MAX_ORDERS_PER_DAY(Setting.MAX_ORDERS_PER_DAY, RailSettings::whole,
      limits -> Integer.toString(limits.maxOrdersPerDay())),
    COOLDOWN_SECONDS(Setting.COOLDOWN_SECONDS, text -> Duration.ofSeconds(whole(text)),
      limits -> Long.toString(limits.cooldown().toSeconds())),
    DEDUPE_WINDOW_SECONDS(Setting.DEDUPE_WINDOW_SECONDS, text -> Duration.ofSeconds(whole(text)),
      limits -> Long.toString(limits.dedupeWindow().toSeconds())),
    MIN_AVAILABLE_MARGIN_PCT(Setting.MIN_AVAILABLE_MARGIN_PCT, RailSettings::decimal,
      limits -> plain(limits.minAvailableMarginPct())),
    LOSS_TRIP_MODE(Setting.LOSS_TRIP_MODE, text -> KillMode.fromWire(text.strip().toLowerCase(Locale.ROOT)),
      limits -> limits.lossTripMode().wire());

    private final Setting setting;
    private final Function<String, Object> parser;
    private final Function<RailLimits, String> shown;

    Field(Setting setting, Function<String, Object> parser, Function<RailLimits, String> shown) {
      this.setting = setting;
      this.parser = parser;
      this.shown = shown;
    }

    String accountField() {
      return setting.name().toLowerCase(Locale.ROOT);
    }
  }

  /** The per-account override fields of an {@code ACCOUNTS} entry. */
  static final Set<String> ACCOUNT_FIELDS =
    Arrays.stream(Field.values()).map(Field::accountField).collect(Collectors.toUnmodifiableSet());

  private RailSettings() {
  }

  /**
   * The global rails from the settings' texts (null when unset or blank), or null when any is missing or bad;
   * each problem is added to {@code problems}.
   */
  static RailLimits global(Function<Setting, String> text, List<String> problems) {
    Object[] values = new Object[Field.values().length];
    boolean complete = true;
    for (Field field : Field.values()) {
      String value = text.apply(field.setting);
      if (value == null) {
        problems.add(field.setting.name() + " must be set");
        complete = false;
        continue;
      }
      values[field.ordinal()] = checked(field.setting.name(), field, value, problems);
      complete &= values[field.ordinal()] != null;
    }
    return complete ? RailLimits.merge(RailLimits.DEFAULTS, overrides(values)) : null;
  }

  /** An {@code ACCOUNTS} entry's overrides (absent or null fields keep the global value). */
  static RailOverrides account(String where, JsonNode node, List<String> problems) {
    Object[] values = new Object[Field.values().length];
    for (Field field : Field.values()) {
      JsonNode value = node.get(field.accountField());
      if (value == null || value.isNull()) {
        continue;
      }
      String name = where + "." + field.accountField();
      if (!value.isTextual() && !value.isNumber()) {
        problems.add(name + " must be a string or a number");
        continue;
      }
      values[field.ordinal()] = checked(name, field, value.isNumber() ? value.decimalValue().toPlainString()
        : value.asText(), problems);
    }
    return overrides(values);
  }

  /** Every limit by its lower-case setting name, in the order the settings are documented. */
  public static Map<String, String> byName(RailLimits limits) {
    Map<String, String> named = new LinkedHashMap<>();
    for (Field field : Field.values()) {
      named.put(field.accountField(), field.shown.apply(limits));
    }
    return named;
  }

  /** One line for logs and notices: {@code symbol_allowlist=* max_position_usd=5000 …}. */
  public static String summary(RailLimits limits) {
    return byName(limits).entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
      .collect(Collectors.joining(" "));
  }

  /** The value read, checked against the rails' own bounds; null (and a problem) when it is not acceptable. */
  private static Object checked(String name, Field field, String text, List<String> problems) {
    try {
      Object value = field.parser.apply(text);
      Object[] only = new Object[Field.values().length];
      only[field.ordinal()] = value;
      RailLimits.merge(RailLimits.DEFAULTS, overrides(only));
      return value;
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage());
      return null;
    }
  }

  private static RailOverrides overrides(Object[] values) {
    return new RailOverrides((SymbolAllowlist) values[0], (BigDecimal) values[1], (BigDecimal) values[2],
      (BigDecimal) values[3], (BigDecimal) values[4], (Integer) values[5], (Duration) values[6],
      (Duration) values[7], (BigDecimal) values[8], (KillMode) values[9]);
  }

  private static BigDecimal decimal(String text) {
    String trimmed = text.strip();
    if (!trimmed.matches("[+-]?(\\d{1,20}(\\.\\d{0,18})?|\\.\\d{1,18})")) {
      throw new IllegalArgumentException("must be a number, got " + ConfigParser.shown(text));
    }
    return new BigDecimal(trimmed);
  }

  private static int whole(String text) {
    String trimmed = text.strip();
    if (!trimmed.matches("[+-]?\\d{1,9}")) {
      throw new IllegalArgumentException("must be a whole number, got " + ConfigParser.shown(text));
    }
    return Integer.parseInt(trimmed);
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
