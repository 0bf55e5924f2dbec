package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TakeProfitPolicyTest {

  private static Market market(int priceDecimals) {
    return new Market(3, "TEST", true, 4, priceDecimals, new BigDecimal("0.001"), new BigDecimal("10"),
      new BigDecimal("0.05"));
  }

  private static TakeProfitPolicy policy(String ratio, String slippage) {
    return new TakeProfitPolicy(new TradingParameters(BigDecimal.ONE, new BigDecimal(slippage),
      new BigDecimal("0.05"), new BigDecimal(ratio)));
  }

  @ParameterizedTest(name = "[{index}] {0} from {1}, fraction {2}, ratio {3}, slippage {4}")
  @CsvSource({
    // position side, entry, margin fraction, take-profit ratio, slippage, price decimals,
    // trigger, trigger ticks, limit, limit ticks
    "BUY, 2669.84, 0.05, 0.5, 0.01, 2, 2736.58, 273658, 2709.22, 270922",
    "SELL, 2669.84, 0.05, 0.5, 0.01, 2, 2603.10, 260310, 2629.13, 262913",
    "BUY, 100, 0.3333, 0.3, 0.01, 0, 109, 109, 108, 108",
    "SELL, 100, 0.3333, 0.3, 0.01, 0, 91, 91, 91, 91",
    "BUY, 3000, 0.1, 1, 0, 2, 3300.00, 330000, 3300.00, 330000",
    "SELL, 3000, 0.1, 1, 0, 2, 2700.00, 270000, 2700.00, 270000",
    "BUY, 1.23456, 0.2, 0.1, 0.02, 5, 1.25925, 125925, 1.23407, 123407",
    "SELL, 1.23456, 0.2, 0.1, 0.02, 5, 1.20987, 120987, 1.23406, 123406",
    "BUY, 0.000001, 0.1, 0.5, 0.01, 6, 0.000001, 1, 0.000001, 1",
    "SELL, 0.5, 0.5, 1.9, 0.01, 4, 0.0250, 250, 0.0252, 252",
  })
  void placesTheTakeProfitOnTheProfitableSideRoundedTowardTheEntry(
      Side positionSide, BigDecimal entry, BigDecimal fraction, String ratio, String slippage, int priceDecimals,
      BigDecimal trigger, long triggerTicks, BigDecimal limit, long limitTicks) {
    TakeProfitResult result = policy(ratio, slippage).plan(market(priceDecimals), positionSide, entry, fraction);

    assertThat(result).isInstanceOf(TakeProfitPlan.class);
    TakeProfitPlan takeProfit = (TakeProfitPlan) result;
    assertThat(takeProfit.side()).isEqualTo(positionSide.opposite());
    assertThat(takeProfit.isAsk()).isEqualTo(positionSide == Side.BUY);
    assertThat(takeProfit.triggerPrice()).isEqualByComparingTo(trigger);
    assertThat(takeProfit.triggerPriceTicks()).isEqualTo(triggerTicks);
    assertThat(takeProfit.limitPrice()).isEqualByComparingTo(limit);
    assertThat(takeProfit.limitPriceTicks()).isEqualTo(limitTicks);
  }

  @ParameterizedTest(name = "[{index}] {0} from {1}, fraction {2}, ratio {3} -> {4}")
  @CsvSource(nullValues = "null", value = {
    // position side, entry, margin fraction, ratio, refusal
    "SELL, 100, 0.5, 2, TAKE_PROFIT_PRICE_INVALID",
    "SELL, 100, 1, 10, TAKE_PROFIT_PRICE_INVALID",
    "BUY, null, 0.1, 0.5, TAKE_PROFIT_PRICE_INVALID",
    "BUY, 0, 0.1, 0.5, TAKE_PROFIT_PRICE_INVALID",
    "BUY, 100, null, 0.5, TAKE_PROFIT_PRICE_INVALID",
    "BUY, 40000000, 1, 10, PRICE_OUT_OF_RANGE",
  })
  void refusesATakeProfitWithoutAUsablePrice(Side positionSide, BigDecimal entry, BigDecimal fraction, String ratio,
                                             RejectionCode refusal) {
    TakeProfitResult result = policy(ratio, "0.01").plan(market(2), positionSide, entry, fraction);

    assertThat(result).isInstanceOfSatisfying(Rejection.class,
      rejection -> assertThat(rejection.code()).isEqualTo(refusal));
  }
}
