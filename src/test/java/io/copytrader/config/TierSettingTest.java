package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.limits.AccountTier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierSettingTest {

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}, LIGHTER_ACCOUNT_TIER={1}, PAPER_ACCOUNT_TIER={2} -> {3}")
  @CsvSource({
    // Live: premium unless set; the paper exchange's tier has nothing to do with it.
    "live, , , PREMIUM", "live, , standard, PREMIUM", "live, standard, builder, STANDARD",
    // Paper mode: the tier the service's own paper exchange enforces, unless set.
    "paper, , , PREMIUM", "paper, , standard, STANDARD", "paper, , builder, BUILDER", "paper, plus, standard, PLUS"})
  void theBudgetedTierIsTheSettingOrElseTheModesDefault(String mode, String lighterTier, String paperTier,
    AccountTier expected) throws Exception {
    Map<String, String> env = mode.equals("live") ? ConfigLoaderTest.oneAccount("MODE", "live", null, null)
      : new HashMap<>(Map.of("MODE", "paper"));
    if (lighterTier != null) {
      env.put("LIGHTER_ACCOUNT_TIER", lighterTier);
    }
    if (paperTier != null) {
      env.put("PAPER_ACCOUNT_TIER", paperTier);
    }

    assertThat(ConfigLoaderTest.load(env, dir).accountTier()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"standard, STANDARD", "Premium, PREMIUM", "PLUS, PLUS", "builder, BUILDER"})
  void eachTierIsReadByItsName(String value, AccountTier tier) throws Exception {
    assertThat(ConfigLoaderTest.load(Map.of("LIGHTER_ACCOUNT_TIER", value), dir).accountTier()).isEqualTo(tier);
  }

  @Test
  void anUnknownTierIsAProblemNamingTheTiers() {
    assertThat(ConfigLoaderTest.problems(Map.of("LIGHTER_ACCOUNT_TIER", "gold"), dir).problems())
      .containsExactly("LIGHTER_ACCOUNT_TIER must be one of standard, premium, plus, builder");
  }
}
