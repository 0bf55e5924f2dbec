package io.copytrader.lighter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountTierTest {

  @ParameterizedTest(name = "{0} request of weight {1} costs {2} of {3}")
  @CsvSource({
    // Standard: 60 requests a minute whatever they weigh, fewer of an endpoint heavier than 400.
    "STANDARD, 6, 400, 24000",
    "STANDARD, 300, 400, 24000",
    "STANDARD, 600, 600, 24000",
    "STANDARD, 3000, 3000, 24000",
    // Outside the limits (GET /): nothing on any tier.
    "STANDARD, 0, 0, 24000",
    "PREMIUM, 0, 0, 24000",
    "PREMIUM, 6, 6, 24000",
    "PREMIUM, 300, 300, 24000",
    "PLUS, 300, 300, 120000",
    "BUILDER, 600, 600, 240000"})
  void aRequestCostsItsWeightOrAStandardRequestsShare(AccountTier tier, int weight, int cost, int budget) {
    assertThat(tier.cost(weight)).isEqualTo(cost);
    assertThat(tier.weightPerMinute()).isEqualTo(budget);
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({"standard, STANDARD", "' Premium ', PREMIUM", "PLUS, PLUS", "builder, BUILDER", "std, ", "vip, ",
    "'', "})
  void tiersAreNamedAsTheSettingTakesThem(String name, AccountTier expected) {
    assertThat(AccountTier.parse(name)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "{0} is {1}, user_tier {2}")
  @CsvSource({"STANDARD, standard, std", "PREMIUM, premium, premium", "PLUS, plus, plus", "BUILDER, builder, builder"})
  void eachTierHasItsSettingNameAndLightersCode(AccountTier tier, String wire, String code) {
    assertThat(tier.wire()).isEqualTo(wire);
    assertThat(tier.code()).isEqualTo(code);
  }
}
