package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.AccountConfig;
import io.copytrader.config.LeverageSetting;
import io.copytrader.config.Secret;
import io.copytrader.market.Market;
import io.copytrader.rails.RailLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeverageTargetTest {

  /** 5 % default, 2 % minimum: 50x at most. */
  private static final Market ETH = new Market(0, "ETH", true, 4, 2, new BigDecimal("0.005"), BigDecimal.TEN,
    new BigDecimal("0.05"), new BigDecimal("0.02"));
  private static final Market UNBOUNDED = new Market(1, "BTC", true, 5, 1, new BigDecimal("0.0002"), BigDecimal.TEN,
    new BigDecimal("0.05"));

  private static LeverageTarget target(String leverage, Market market) {
    return LeverageTarget.in(new LeverageSetting(new BigDecimal(leverage), Map.of()), market).orElseThrow();
  }

  /** leverage | margin fraction (1/10,000, rounded up) | as REST shows it (percent). */
  @ParameterizedTest(name = "{0}x is {1}")
  @CsvSource({
    "1,     10000, 100.00",
    "2,     5000,  50.00",
    "3,     3334,  33.34",
    "7,     1429,  14.29",
    "10,    1000,  10.00",
    "2.5,   4000,  40.00",
    "50,    200,   2.00",
    "10000, 1,     0.01",
  })
  void theFractionIsRoundedUpSoTheLeverageNeverExceedsTheConfiguredOne(String leverage, int fraction,
                                                                       String percent) {
    LeverageTarget target = target(leverage, UNBOUNDED);

    assertThat(target.fraction()).isEqualTo(fraction);
    assertThat(target.percent()).isEqualByComparingTo(percent);
    assertThat(target.inForce(new BigDecimal(percent))).isTrue();
    assertThat(target.inForce(new BigDecimal(percent).add(new BigDecimal("0.01")))).isFalse();
    assertThat(target.inForce(null)).isFalse();
  }

  /** leverage | the problem in ETH, or "-" (50.01 rounds to the fraction 200, which the market takes). */
  @ParameterizedTest(name = "{0}x in ETH")
  @CsvSource(delimiter = '|', value = {
    "50    | -",
    "49.9  | -",
    "50.01 | -",
    "51    | leverage 51 for ETH is above the market's maximum of 50 (its min_initial_margin_fraction is 200)",
    "100   | leverage 100 for ETH is above the market's maximum of 50 (its min_initial_margin_fraction is 200)",
  })
  void aLeverageAboveTheMarketsMaximumIsAProblem(String leverage, String problem) {
    assertThat(target(leverage, ETH).problem(ETH).orElse("-")).isEqualTo(problem);
  }

  @Test
  void aMarketWhoseMinimumIsUnknownLeavesTheCheckToTheExchange() {
    assertThat(target("10000", UNBOUNDED).problem(UNBOUNDED)).isEmpty();
  }

  @Test
  void aMarketWithoutAConfiguredLeverageHasNoTarget() {
    LeverageSetting onlyBtc = new LeverageSetting(null, Map.of("btc", BigDecimal.TEN));

    assertThat(LeverageTarget.in(onlyBtc, ETH)).isEmpty();
    assertThat(LeverageTarget.in(onlyBtc, UNBOUNDED)).hasValueSatisfying(
      target -> assertThat(target.fraction()).isEqualTo(1000));
  }

  @Test
  void atStartTheMarketListRefutesUnknownSymbolsAndLeveragesAboveTheMaximumButNotANumberForEveryMarket() {
    AccountConfig account = new AccountConfig(9, 0, Secret.of("ab".repeat(40)), "main", null, null, null,
      RailLimits.DEFAULTS, new LeverageSetting(new BigDecimal("500"), Map.of("ETH", new BigDecimal("60"),
      "BTC", BigDecimal.TEN, "NOPE", BigDecimal.ONE)), null);

    assertThat(LeverageTarget.problems(List.of(account), List.of(ETH, UNBOUNDED))).containsExactly(
      "account main (#9): leverage 60 for ETH is above the market's maximum of 50 (its min_initial_margin_fraction"
        + " is 200)",
      "account main (#9): leverage is set for NOPE, which is not a market of the exchange");
  }

  @Test
  void leverageIsShownFromThePercentInForce() {
    assertThat(LeverageSetting.fromPercent(new BigDecimal("5.00"))).isEqualTo("20x (5.00 %)");
    assertThat(LeverageSetting.fromPercent(new BigDecimal("33.34"))).isEqualTo("3x (33.34 %)");
    assertThat(LeverageSetting.fromPercent(null)).isEqualTo("the market default");
  }
}
