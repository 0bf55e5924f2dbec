package io.copytrader.rails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RailLimitsTest {

  @Test
  void anAccountWithoutOverridesKeepsTheGlobalRails() {
    assertThat(RailLimits.merge(RailLimits.DEFAULTS, RailOverrides.NONE)).isEqualTo(RailLimits.DEFAULTS);
  }

  @Test
  void eachOverrideReplacesOnlyItsOwnRail() {
    RailOverrides overrides = new RailOverrides(SymbolAllowlist.parse("BTC"), null, new BigDecimal("2"), null, null,
      10, null, Duration.ZERO, null, KillMode.FLATTEN);

    RailLimits merged = RailLimits.merge(RailLimits.DEFAULTS, overrides);

    assertThat(merged).isEqualTo(new RailLimits(SymbolAllowlist.parse("BTC"), new BigDecimal("5000"),
      new BigDecimal("2"), new BigDecimal("500"), new BigDecimal("20"), 10, Duration.ofSeconds(5), Duration.ZERO,
      new BigDecimal("10"), KillMode.FLATTEN));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
    "0; 3; 500; 20; 50; 5; 10; max position USD",
    "5000; 100.01; 500; 20; 50; 5; 10; max leverage",
    "5000; 3; -1; 20; 50; 5; 10; max daily loss USD",
    "5000; 3; 500; 100.1; 50; 5; 10; max drawdown pct",
    "5000; 3; 500; 20; 0; 5; 10; max orders per day",
    "5000; 3; 500; 20; 50; 86401; 10; cooldown",
    "5000; 3; 500; 20; 50; -1; 10; cooldown",
    "5000; 3; 500; 20; 50; 5; 100; min available margin pct"})
  void limitsOutsideTheirBoundsAreRefusedByName(String position, String leverage, String loss, String drawdown,
                                                int orders, long cooldown, String margin, String name) {
    assertThatThrownBy(() -> new RailLimits(SymbolAllowlist.ANY, new BigDecimal(position), new BigDecimal(leverage),
      new BigDecimal(loss), new BigDecimal(drawdown), orders, Duration.ofSeconds(cooldown), Duration.ZERO,
      new BigDecimal(margin), KillMode.HALT)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(name);
  }

  @Test
  void aLossTripSetsHaltOrFlattenOnly() {
    RailOverrides off = new RailOverrides(null, null, null, null, null, null, null, null, null, KillMode.OFF);

    assertThatThrownBy(() -> RailLimits.merge(RailLimits.DEFAULTS, off)).hasMessageContaining("halt or flatten");
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = ';', value = {"*; *", " * ; *", "eth; ETH", "ETH, btc ;BTC,ETH", "BTC,BTC; BTC"})
  void allowlistsParseStarOrSymbols(String text, String spelled) {
    assertThat(SymbolAllowlist.parse(text).text()).isEqualTo(spelled);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", " ", "ETH,", ",", "*,ETH", "ETH,,BTC"})
  void malformedAllowlistsAreRefused(String text) {
    assertThatThrownBy(() -> SymbolAllowlist.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
