package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.budget.AccountTier;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierSettingTest {

  @TempDir
  Path dir;

  @Test
  void theServiceBudgetsThePremiumTierUnlessTold() throws Exception {
    assertThat(ConfigLoaderTest.load(Map.of(), dir).accountTier()).isEqualTo(AccountTier.PREMIUM);
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
