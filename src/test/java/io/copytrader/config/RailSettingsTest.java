package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.rails.KillMode;
import io.copytrader.rails.RailLimits;
import io.copytrader.rails.SymbolAllowlist;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RailSettingsTest {

  private static final String KEY = "ab".repeat(40);

  @TempDir
  Path dir;

  private AppConfig load(Map<String, String> env) throws ConfigException {
    return ConfigLoaderTest.load(env, dir);
  }

  private ConfigException problems(Map<String, String> env) {
    return ConfigLoaderTest.problems(env, dir);
  }

  private static String account(String overrides) {
    return "[{\"account_index\":7,\"api_key_index\":3,\"private_key\":\"" + KEY + "\"" + overrides + "}]";
  }

  @Test
  void theBundledDefaultsAreTheRailsDefaults() throws Exception {
    AppConfig config = load(Map.of("ACCOUNTS", account("")));

    assertThat(config.policy().rails()).isEqualTo(RailLimits.DEFAULTS);
    assertThat(config.accounts().list().get(0).rails()).isEqualTo(RailLimits.DEFAULTS);
  }

  static Stream<Arguments> globals() {
    return Stream.of(
      Arguments.of("SYMBOL_ALLOWLIST", "eth, BTC", (Function<RailLimits, Object>) RailLimits::symbolAllowlist,
        new SymbolAllowlist(false, Set.of("ETH", "BTC"))),
      Arguments.of("MAX_POSITION_USD", "250.5", (Function<RailLimits, Object>) RailLimits::maxPositionUsd,
        new BigDecimal("250.5")),
      Arguments.of("MAX_LEVERAGE", "1.5", (Function<RailLimits, Object>) RailLimits::maxLeverage,
        new BigDecimal("1.5")),
      Arguments.of("MAX_DAILY_LOSS_USD", "75", (Function<RailLimits, Object>) RailLimits::maxDailyLossUsd,
        new BigDecimal("75")),
      Arguments.of("MAX_DRAWDOWN_PCT", "12.5", (Function<RailLimits, Object>) RailLimits::maxDrawdownPct,
        new BigDecimal("12.5")),
      Arguments.of("MAX_ORDERS_PER_DAY", "3", (Function<RailLimits, Object>) RailLimits::maxOrdersPerDay, 3),
      Arguments.of("COOLDOWN_SECONDS", "0", (Function<RailLimits, Object>) RailLimits::cooldown, Duration.ZERO),
      Arguments.of("DEDUPE_WINDOW_SECONDS", "600", (Function<RailLimits, Object>) RailLimits::dedupeWindow,
        Duration.ofMinutes(10)),
      Arguments.of("MIN_AVAILABLE_MARGIN_PCT", "0", (Function<RailLimits, Object>) RailLimits::minAvailableMarginPct,
        BigDecimal.ZERO),
      Arguments.of("LOSS_TRIP_MODE", "FLATTEN", (Function<RailLimits, Object>) RailLimits::lossTripMode,
        KillMode.FLATTEN));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("globals")
  void aGlobalSettingSetsEveryAccountsRail(String name, String value, Function<RailLimits, Object> read,
                                           Object expected) throws Exception {
    AppConfig config = load(Map.of(name, value, "ACCOUNTS", account("")));

    assertThat(read.apply(config.policy().rails())).isEqualTo(expected);
    assertThat(read.apply(config.accounts().list().get(0).rails())).isEqualTo(expected);
  }

  @Test
  void anAccountsOverridesReplaceOnlyTheRailsTheyName() throws Exception {
    AppConfig config = load(Map.of("MAX_POSITION_USD", "900", "MAX_ORDERS_PER_DAY", "9",
      "ACCOUNTS", account(",\"max_position_usd\":100,\"cooldown_seconds\":\"30\",\"symbol_allowlist\":\"SOL\","
        + "\"loss_trip_mode\":\"flatten\"")));

    RailLimits rails = config.accounts().list().get(0).rails();
    assertThat(rails.maxPositionUsd()).isEqualByComparingTo("100");
    assertThat(rails.cooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rails.symbolAllowlist().allows("sol")).isTrue();
    assertThat(rails.symbolAllowlist().allows("ETH")).isFalse();
    assertThat(rails.lossTripMode()).isEqualTo(KillMode.FLATTEN);
    assertThat(rails.maxOrdersPerDay()).isEqualTo(9);
    assertThat(config.policy().rails().maxPositionUsd()).isEqualByComparingTo("900");
  }

  /** One value out of each rail's bounds or form, as a setting name and its text. */
  private static final String BAD_VALUES = """
    SYMBOL_ALLOWLIST, 'ETH,,BTC'
    MAX_POSITION_USD, 0
    MAX_POSITION_USD, lots
    MAX_LEVERAGE, 101
    MAX_DAILY_LOSS_USD, -5
    MAX_DRAWDOWN_PCT, 100.5
    MAX_ORDERS_PER_DAY, 0
    MAX_ORDERS_PER_DAY, 2.5
    COOLDOWN_SECONDS, -1
    DEDUPE_WINDOW_SECONDS, 86401
    MIN_AVAILABLE_MARGIN_PCT, 100
    LOSS_TRIP_MODE, off
    LOSS_TRIP_MODE, panic
    """;

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(textBlock = BAD_VALUES)
  void aBadGlobalValueIsAProblemNamingTheSetting(String name, String value) {
    assertThat(problems(Map.of(name, value)).problems()).singleElement().asString().startsWith(name + ": ");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(textBlock = BAD_VALUES)
  void aBadAccountOverrideIsAProblemNamingTheAccountsField(String name, String value) {
    String field = name.toLowerCase(java.util.Locale.ROOT);
    assertThat(problems(Map.of("ACCOUNTS", account(",\"" + field + "\":\"" + value + "\""))).problems())
      .singleElement().asString().startsWith("ACCOUNTS[0]." + field + ": ");
  }

  @Test
  void everyBadRailIsReportedInOnePass() {
    assertThat(problems(Map.of("MAX_POSITION_USD", "0", "MAX_LEVERAGE", "0", "ACCOUNTS",
      account(",\"max_orders_per_day\":0,\"cooldown_seconds\":[1]"))).problems())
      .containsExactlyInAnyOrder(
        "MAX_POSITION_USD: max position USD must be above 0 and at most 1000000000000, not 0",
        "MAX_LEVERAGE: max leverage must be above 0 and at most 100, not 0",
        "ACCOUNTS[0].max_orders_per_day: max orders per day must be 1 to 1000000, not 0",
        "ACCOUNTS[0].cooldown_seconds must be a string or a number");
  }

  @Test
  void aBlankedRailIsNeverSilentlyUnlimited() {
    assertThat(problems(Map.of("MAX_DAILY_LOSS_USD", "")).problems())
      .containsExactly("MAX_DAILY_LOSS_USD must be set");
  }

  @Test
  void theSummaryNamesEveryRail() {
    assertThat(RailSettings.summary(RailLimits.DEFAULTS)).isEqualTo("symbol_allowlist=* max_position_usd=5000"
      + " max_leverage=3 max_daily_loss_usd=500 max_drawdown_pct=20 max_orders_per_day=50 cooldown_seconds=5"
      + " dedupe_window_seconds=60 min_available_margin_pct=10 loss_trip_mode=halt");
  }
}
