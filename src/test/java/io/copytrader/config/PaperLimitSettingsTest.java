package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.PaperMode;
import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.paper.limits.RateLimits;
import io.copytrader.testing.Configs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code PAPER_RATE_LIMITS} and {@code PAPER_ACCOUNT_TIER}: on at the premium tier unless set otherwise. */
class PaperLimitSettingsTest {

  @TempDir
  Path dir;

  private RateLimits limits(Map<String, String> env) throws ConfigException {
    return Configs.load(env, dir).config().paper().rateLimits();
  }

  @Test
  void limitsAreOnAtThePremiumTierByDefault() throws ConfigException {
    assertThat(limits(Map.of())).isEqualTo(RateLimits.lighter());
  }

  @ParameterizedTest(name = "PAPER_RATE_LIMITS={0}, PAPER_ACCOUNT_TIER={1}")
  @CsvSource({"false, premium, false, PREMIUM", "FALSE, standard, false, STANDARD", "true, Builder, true, BUILDER",
    "' true ', plus, true, PLUS"})
  void theSettingsTurnLimitsOffAndChooseTheTier(String enabled, String tier, boolean on, AccountTier expected)
    throws ConfigException {
    RateLimits limits = limits(Map.of("PAPER_RATE_LIMITS", enabled, "PAPER_ACCOUNT_TIER", tier));

    assertThat(limits.enabled()).isEqualTo(on);
    assertThat(limits.defaultTier()).isEqualTo(expected);
  }

  @Test
  void paperModesExchangeTakesTheSettings() throws ConfigException {
    AppConfig config = Configs.load(Map.of("PAPER_RATE_LIMITS", "false", "PAPER_ACCOUNT_TIER", "plus"), dir).config();

    assertThat(PaperMode.paperConfig(config, config.accounts(), "127.0.0.1").rateLimits())
      .isEqualTo(RateLimits.lighter().withEnabled(false).withDefaultTier(AccountTier.PLUS));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
    PAPER_RATE_LIMITS  | off | PAPER_RATE_LIMITS must be true or false, got 'off'
    PAPER_ACCOUNT_TIER | vip | PAPER_ACCOUNT_TIER must be standard, premium, plus or builder, got 'vip'
    """)
  void anInvalidValueIsReportedByNameAndRule(String name, String value, String message) {
    ConfigLoaderTest.assertProblem(Map.of(name, value), dir, message);
  }
}
