package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarginFractionsTest {

  @ParameterizedTest(name = "[{index}] REST {0}, position carries {1} -> {2}")
  @CsvSource({
    // what REST reported for ETH (blank = nothing yet), the fraction on the position handed in, what is used
    "5.00, 0.0500, 5.00",
    "33.33, 33.33, 33.33",
    ", 0.0500, ",
    "0, 5.00, ",
  })
  void aStopIsComputedFromTheFractionRestReportedNeverTheOneThePositionCarries(BigDecimal rest, BigDecimal carried,
                                                                               BigDecimal used) {
    MarginFractions fractions = new MarginFractions();
    if (rest != null) {
      fractions.recordFromRest(account(rest));
    }

    Position established = fractions.established(0, new Position(Side.BUY, BigDecimal.ONE, new BigDecimal("3000"),
      carried));

    if (used == null) {
      assertThat(established.initialMarginFractionPercent()).isNull();
    } else {
      assertThat(established.initialMarginFractionPercent()).isEqualByComparingTo(used);
    }
    assertThat(established.size()).isEqualByComparingTo("1");
    assertThat(established.averageEntryPrice()).isEqualByComparingTo("3000");
  }

  private static DetailedAccount account(BigDecimal percent) {
    AccountPosition eth = new AccountPosition(0, "ETH", percent, 0, 0, 0, 1, BigDecimal.ONE, new BigDecimal("3000"),
      null, null, null, null, null, 0, null);
    return new DetailedAccount(0, 7001, 7001, null, 0, 0, 0, 0, null, 1, null, 0, List.of(eth), List.of(), null, null);
  }
}
