package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetPlannerTest {

  /** 4 size decimals, at least 0.0050 and 10 USDC an order. */
  private static final Market ETH = new Market(0, "ETH", true, 4, 2, new BigDecimal("0.0050"), new BigDecimal("10"),
    new BigDecimal("0.05"));
  private static final BigDecimal MID = new BigDecimal("3000");

  /** A plan's steps as "kind side base" or "kind side base skipped", joined by " then ". */
  private static String steps(TargetPlan plan) {
    return String.join(" then ", plan.steps().stream().map(step -> step.kind().wire() + " " + step.side().wire() + " "
      + step.base().stripTrailingZeros().toPlainString() + (step.sendable() ? "" : " skipped")).toList());
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "0        | 1.5     | open buy 1.5",
    "0        | -1.5    | open sell 1.5",
    "1        | 1.5     | increase buy 0.5",
    "-1       | -1.5    | increase sell 0.5",
    "1.5      | 1       | decrease sell 0.5",
    "-1.5     | -1      | decrease buy 0.5",
    "1.5      | 0       | close sell 1.5",
    "-1.5     | 0       | close buy 1.5",
    "1.5      | -1      | close sell 1.5 then open sell 1",
    "-1       | 2       | close buy 1 then open buy 2",
    "1.5      | 1.5     | ''",
    "0        | 0       | ''",
    "1        | 1.004   | increase buy 0.004 skipped",
    "1        | 0.9999  | decrease sell 0.0001 skipped",
    "0        | 0.003   | open buy 0.003 skipped",
    "0.001    | 0       | close sell 0.001",
    "0.00015  | 0       | close sell 0.0002",
    "1        | -0.001  | close sell 1 then open sell 0.001 skipped",
  })
  void plansTheStepsFromThePositionToTheTarget(String current, String target, String expected) {
    TargetPlan plan = TargetPlanner.plan(new BigDecimal(current), new BigDecimal(target), ETH, MID);

    assertThat(steps(plan)).isEqualTo(expected);
    assertThat(plan.noChange()).isEqualTo(expected.isEmpty());
  }

  @Test
  void aStepBelowTheMarketsMinimumValueIsSkippedWithTheReason() {
    TargetStep step = TargetPlanner.plan(BigDecimal.ZERO, new BigDecimal("0.005"), ETH, new BigDecimal("1000"))
      .steps().get(0);

    assertThat(step.sendable()).isFalse();
    assertThat(step.skipped()).contains("order value 5.000", "below the market minimum of 10 USDC");
  }

  @Test
  void onlyOpensAndIncreasesAddExposure() {
    assertThat(List.of(TargetStep.Kind.values())).filteredOn(TargetStep.Kind::addsExposure)
      .containsExactly(TargetStep.Kind.OPEN, TargetStep.Kind.INCREASE);
  }

  @ParameterizedTest(name = "[{index}] ratio {0} of equity {1} x scaling {2} at {3} -> {4}")
  @CsvSource({
    "0.5, 10000, 0.8, 3000, 1.3333",
    "-0.5, 10000, 0.8, 3000, -1.3333",
    "0, 10000, 0.8, 3000, 0.0000",
    "1, 10000, 1, 3000.3, 3.3330",
    "1, 10000, 1, 3000.4, 3.3328",
    "-1, -50, 0.8, 3000, 0.0000",
  })
  void aRatioTargetIsSizedAsATradeIsAndSigned(String ratio, String equity, String scaling, String mid,
                                              String expected) {
    BigDecimal base = TargetPlanner.targetBase(TargetPosition.ofRatio(new BigDecimal(ratio)), ETH,
      new BigDecimal(equity), new BigDecimal(scaling), new BigDecimal(mid));

    assertThat(base).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "[{index}] base {0} -> {1}")
  @CsvSource({"1.23456, 1.2345", "-1.23456, -1.2345", "0, 0", "-0.00009, 0"})
  void aBaseTargetIsCutTowardZeroToTheSizeStep(String base, String expected) {
    assertThat(TargetPlanner.targetBase(TargetPosition.ofBase(new BigDecimal(base), null), ETH, BigDecimal.TEN,
      BigDecimal.ONE, MID)).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0} at bid {1} / ask {2}, leader entry {3} tolerance {4}: chases {5}")
  @CsvSource({
    "BUY, 3000, 3010, 3000, 0.005, false",
    "BUY, 3000, 3015, 3000, 0.005, false",
    "BUY, 3000, 3015.01, 3000, 0.005, true",
    "SELL, 2985, 3010, 3000, 0.005, false",
    "SELL, 2984.99, 3010, 3000, 0.005, true",
    "SELL, 3100, 3110, 3000, 0, false",
    "BUY, 2900, 3000.01, 3000, 0, true",
  })
  void anEntryChasesWhenItsPriceIsWorseThanTheLeadersEntryBeyondTheTolerance(Side side, String bid, String ask,
                                                                              String entry, String tolerance,
                                                                              boolean chases) {
    FollowFigures follow = new FollowFigures("alice", 5, BigDecimal.ONE, new BigDecimal(entry), BigDecimal.TEN, "e1",
      new BigDecimal(tolerance), false);

    Optional<String> refusal = TargetPlanner.chase(follow, side, new BookTop(new BigDecimal(bid), new BigDecimal(ask)));

    assertThat(refusal.isPresent()).isEqualTo(chases);
  }

  @Test
  void withoutAnEntryOrAToleranceNothingChases() {
    BookTop book = new BookTop(new BigDecimal("1"), new BigDecimal("99999"));
    FollowFigures noEntry = new FollowFigures("a", 5, BigDecimal.ONE, null, BigDecimal.TEN, "e", new BigDecimal("0.01"),
      false);
    FollowFigures noTolerance = new FollowFigures("a", 5, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN, "e", null,
      false);

    assertThat(TargetPlanner.chase(noEntry, Side.BUY, book)).isEmpty();
    assertThat(TargetPlanner.chase(noTolerance, Side.BUY, book)).isEmpty();
    assertThat(TargetPlanner.chase(null, Side.BUY, book)).isEmpty();
  }
}
