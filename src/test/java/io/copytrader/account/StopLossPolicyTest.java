package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StopLossPolicyTest {

  private static Market market(int sizeDecimals, int priceDecimals, String defaultMarginFraction) {
    return new Market(3, "TEST", true, sizeDecimals, priceDecimals, new BigDecimal("0.001"), new BigDecimal("10"),
      defaultMarginFraction == null ? null : new BigDecimal(defaultMarginFraction));
  }

  private static StopLossPolicy policy(String ratio, String slippage) {
    return new StopLossPolicy(new TradingParameters(BigDecimal.ONE, new BigDecimal(slippage),
      new BigDecimal(ratio)));
  }

  private static Rejection rejection(StopLossResult result) {
    assertThat(result).isInstanceOf(Rejection.class);
    return (Rejection) result;
  }

  @ParameterizedTest(name = "[{index}] {0} from {1}, IMF {2}% (default {3}), ratio {4}, slippage {5}")
  @CsvSource({
    // position side, entry, IMF percent (blank = unreported), market default fraction, stop-loss ratio, slippage,
    // size decimals, price decimals, size, trigger, trigger ticks, limit, limit ticks, fraction used, base
    "BUY, 2669.84, 5.00, 0.05, 0.05, 0.01, 4, 2, 18.0193, 2663.17, 266317, 2636.54, 263654, 0.05, 18.0193",
    "SELL, 2669.84, 5.00, 0.05, 0.05, 0.01, 4, 2, 18.0193, 2676.51, 267651, 2703.27, 270327, 0.05, 18.0193",
    "BUY, 100, 33.33, 0.05, 0.05, 0.01, 0, 0, 3, 99, 99, 99, 99, 0.3333, 3",
    "SELL, 100, 33.33, 0.05, 0.05, 0.01, 0, 0, 3, 101, 101, 102, 102, 0.3333, 3",
    "BUY, 0.000001, 10, 0.05, 0.5, 0.01, 0, 6, 5000000, 0.000001, 1, 0.000001, 1, 0.1, 5000000",
    "SELL, 0.000001, 10, 0.05, 0.5, 0.01, 0, 6, 5000000, 0.000001, 1, 0.000001, 1, 0.1, 5000000",
    "BUY, 100000, , 0.02, 0.05, 0.01, 5, 1, 0.12345, 99900.0, 999000, 98901.0, 989010, 0.02, 0.12345",
    "SELL, 100000, 0, 0.02, 0.05, 0.01, 5, 1, 0.12345, 100100.0, 1001000, 101101.0, 1011010, 0.02, 0.12345",
    "BUY, 1.23456, 20, 0.05, 0.1, 0.02, 1, 5, 10.5, 1.20987, 120987, 1.18568, 118568, 0.2, 10.5",
    "SELL, 1.23456, 20, 0.05, 0.1, 0.02, 1, 5, 10.5, 1.25925, 125925, 1.28443, 128443, 0.2, 10.5",
    "BUY, 7.777, , 0.3333, 0.05, 0.01, 6, 3, 0.000123, 7.648, 7648, 7.572, 7572, 0.3333, 0.000123",
    "SELL, 7.777, , 0.3333, 0.05, 0.01, 6, 3, 0.000123, 7.906, 7906, 7.985, 7985, 0.3333, 0.000123",
    "BUY, 50.5, 10, 0.05, 0.2, 0, 3, 4, 2, 49.4900, 494900, 49.4900, 494900, 0.1, 2.000",
    "SELL, 0.4567, 50, 0.05, 0.3, 0.05, 2, 4, 1, 0.5252, 5252, 0.5514, 5514, 0.5, 1.00",
    "BUY, 2669.84, 5.00, 0.05, 0.05, 0.01, 4, 2, 18.01931, 2663.17, 266317, 2636.54, 263654, 0.05, 18.0194",
  })
  void placesTheStopOnTheLosingSideRoundedTowardTheEntry(
      Side positionSide, BigDecimal entry, BigDecimal marginPercent, String marketDefault, String ratio,
      String slippage, int sizeDecimals, int priceDecimals, BigDecimal size, BigDecimal trigger, long triggerTicks,
      BigDecimal limit, long limitTicks, BigDecimal fraction, BigDecimal base) {
    Market market = market(sizeDecimals, priceDecimals, marketDefault);
    StopLossResult result = policy(ratio, slippage).plan(market, new Position(positionSide, size, entry,
      marginPercent));

    assertThat(result).isInstanceOf(StopLossPlan.class);
    StopLossPlan stop = (StopLossPlan) result;
    assertThat(stop.side()).isEqualTo(positionSide.opposite());
    assertThat(stop.isAsk()).isEqualTo(positionSide == Side.BUY);
    assertThat(stop.triggerPrice()).isEqualByComparingTo(trigger);
    assertThat(stop.triggerPriceTicks()).isEqualTo(triggerTicks);
    assertThat(stop.limitPrice()).isEqualByComparingTo(limit);
    assertThat(stop.limitPriceTicks()).isEqualTo(limitTicks);
    assertThat(stop.marginFraction()).isEqualByComparingTo(fraction);
    assertThat(stop.baseAmount()).isEqualByComparingTo(base);
    assertThat(stop.baseTicks()).isEqualTo(base.movePointRight(sizeDecimals).longValueExact());
  }

  private static Market marketWithMinimum(String defaultFraction, String minimumFraction) {
    return new Market(0, "ETH", true, 4, 2, new BigDecimal("0.005"), new BigDecimal("10"),
      new BigDecimal(defaultFraction), minimumFraction == null ? null : new BigDecimal(minimumFraction));
  }

  @ParameterizedTest(name = "[{index}] IMF {0} (default {1}, minimum {2}) -> {3}")
  @CsvSource({
    // IMF as passed (blank = none; REST percent), market default and minimum fractions, trigger of a long at 3000
    // with ratio 0.05 or the refusal. "0.0500" is the stream's unverified spelling of 5%: read as a percent it
    // would put the stop 0.0025 % below entry, 100x too close; it lies below the market's 2 % minimum.
    "5.00, 0.05, 0.02, 2992.50",
    ", 0.05, 0.02, 2992.50",
    "2.00, 0.05, 0.02, 2997.00",
    "100, 0.05, 0.02, 2850.00",
    "33.33, 0.05, , 2950.01",
    "0.0500, 0.05, 0.02, STOP_LOSS_IMPLAUSIBLE",
    "1.99, 0.05, 0.02, STOP_LOSS_IMPLAUSIBLE",
    "100.01, 0.05, 0.02, STOP_LOSS_IMPLAUSIBLE",
    "500, 0.05, , STOP_LOSS_IMPLAUSIBLE",
    ", 0.01, 0.02, STOP_LOSS_IMPLAUSIBLE",
  })
  void aStopImpliedByAMarginFractionOutsideTheMarketsLimitsIsRefused(BigDecimal marginPercent, String marketDefault,
                                                                     String marketMinimum, String expected) {
    StopLossResult result = policy("0.05", "0.01").plan(marketWithMinimum(marketDefault, marketMinimum),
      new Position(Side.BUY, BigDecimal.ONE, new BigDecimal("3000"), marginPercent));

    if (expected.equals("STOP_LOSS_IMPLAUSIBLE")) {
      assertThat(rejection(result).code()).isEqualTo(RejectionCode.STOP_LOSS_IMPLAUSIBLE);
      assertThat(rejection(result).message()).contains("ETH", "initial margin fraction");
    } else {
      assertThat(result).isInstanceOf(StopLossPlan.class);
      assertThat(((StopLossPlan) result).triggerPrice()).isEqualByComparingTo(expected);
    }
  }

  @ParameterizedTest(name = "[{index}] {0} at {1}, IMF {2}, default {3}, ratio {4}, slippage {5}")
  @CsvSource({
    // position side, entry (blank = unreported), IMF percent, market default, ratio, slippage, expected
    "BUY, , 10, 0.05, 0.05, 0.01, STOP_LOSS_PRICE_INVALID",
    "BUY, 0, 10, 0.05, 0.05, 0.01, STOP_LOSS_PRICE_INVALID",
    "SELL, -5, 10, 0.05, 0.05, 0.01, STOP_LOSS_PRICE_INVALID",
    "BUY, 100, , , 0.05, 0.01, STOP_LOSS_PRICE_INVALID",
    "SELL, 100, 0, 0, 0.05, 0.01, STOP_LOSS_PRICE_INVALID",
    "BUY, 100, 200, 0.05, 1, 0.01, STOP_LOSS_IMPLAUSIBLE",
    "BUY, 100, 100, 0.05, 1, 0.01, STOP_LOSS_PRICE_INVALID",
    "BUY, 100, 10, 0.05, 0.05, 1, STOP_LOSS_PRICE_INVALID",
    "SELL, 43000000, 10, 0.05, 0.05, 0.01, PRICE_OUT_OF_RANGE",
  })
  void refusesStopsWithoutAUsablePrice(Side positionSide, BigDecimal entry, BigDecimal marginPercent,
                                       String marketDefault, String ratio, String slippage, RejectionCode expected) {
    Rejection rejection = rejection(policy(ratio, slippage).plan(market(2, 2, marketDefault),
      new Position(positionSide, BigDecimal.ONE, entry, marginPercent)));

    assertThat(rejection.code()).isEqualTo(expected);
    assertThat(rejection.retryable()).isFalse();
    assertThat(rejection.message()).contains("TEST");
  }

  @ParameterizedTest(name = "[{index}] {0} stop at {1}, mark {2}, touch {3} -> limit {4}")
  @CsvSource({
    // position side, trigger, mark, touch, limit expected (slippage 1 %, 2 price decimals)
    "BUY, 2663.17, 2700.00, 2699.90, 2636.54",   // above the trigger: the plan as it was
    "BUY, 2663.17, 2663.18, 2663.10, 2636.54",   // one tick above: still as it was
    "BUY, 2663.17, 2663.17, 2663.00, 2636.37",   // at the trigger: fires at once, limit from the bid
    "BUY, 2663.17, 2500.00, 2499.50, 2474.51",   // far through: limit 1 % under the bid
    "SELL, 2676.51, 2600.00, 2600.10, 2703.27",  // a short's stop below the price: as it was
    "SELL, 2676.51, 2676.51, 2676.60, 2703.36",  // at the trigger: limit from the ask, rounded down
    "SELL, 2676.51, 2900.00, 2900.50, 2929.50",  // far through: limit 1 % over the ask, rounded down
  })
  void aStopThePriceHasPassedTakesItsLimitFromTheBook(Side positionSide, BigDecimal trigger, BigDecimal mark,
                                                       BigDecimal touch, BigDecimal limit) {
    Market market = market(4, 2, "0.05");
    StopLossPolicy policy = policy("0.05", "0.01");
    StopLossPlan plan = (StopLossPlan) policy.plan(market, new Position(positionSide, BigDecimal.ONE,
      new BigDecimal("2669.84"), new BigDecimal("5.00")));
    assertThat(plan.triggerPrice()).isEqualByComparingTo(trigger);

    StopLossPlan checked = policy.againstPrice(market, plan, mark, touch);

    assertThat(checked.triggerPrice()).isEqualByComparingTo(trigger);
    assertThat(checked.limitPrice()).isEqualByComparingTo(limit);
    assertThat(checked.limitPriceTicks()).isEqualTo(limit.movePointRight(2).longValueExact());
  }

  @ParameterizedTest(name = "[{index}] {0}: no price leaves the plan")
  @CsvSource({"BUY", "SELL"})
  void withoutAPriceThePlanIsSentAsItIs(Side positionSide) {
    Market market = market(4, 2, "0.05");
    StopLossPolicy policy = policy("0.05", "0.01");
    StopLossPlan plan = (StopLossPlan) policy.plan(market, new Position(positionSide, BigDecimal.ONE,
      new BigDecimal("2669.84"), new BigDecimal("5.00")));

    assertThat(policy.againstPrice(market, plan, null, null)).isSameAs(plan);
  }
}
