package io.copytrader.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Position arithmetic: signed size, average entry and realized PnL for every kind of fill. */
class PaperPositionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "open a long,              0,    0,   1,    100, 1,    100, 0",
    "add to a long,            1,    100, 1,    110, 2,    105, 0",
    "partially reduce a long,  2,    100, -0.5, 120, 1.5,  100, 10",
    "close a long at a loss,   1,    100, -1,   90,  0,    0,   -10",
    "flip a long to a short,   1,    100, -3,   110, -2,   110, 10",
    "open a short,             0,    0,   -2,   50,  -2,   50,  0",
    "add to a short,           -2,   50,  -2,   60,  -4,   55,  0",
    "reduce a short in profit, -2,   50,  1,    40,  -1,   50,  10",
    "close a short at a loss,  -1,   50,  1,    55,  0,    0,   -5"})
  void aFillMovesSizeEntryAndRealizedPnl(String fill, String size, String entry, String base, String price,
                                         String expectedSize, String expectedEntry, String expectedRealized) {
    PaperPosition position = new PaperPosition(0, 4, 500);
    if (new BigDecimal(size).signum() != 0) {
      position.apply(new BigDecimal(size), new BigDecimal(entry), 2);
    }

    BigDecimal realized = position.apply(new BigDecimal(base), new BigDecimal(price), 2);

    assertThat(position.size).isEqualByComparingTo(expectedSize);
    assertThat(position.entry).isEqualByComparingTo(expectedEntry);
    assertThat(realized).isEqualByComparingTo(expectedRealized);
    assertThat(position.realized).isEqualByComparingTo(expectedRealized);
  }

  @ParameterizedTest(name = "size {0} entry {1} mark {2}")
  @CsvSource({
    "1,   100, 110, 10",
    "-2,  100, 110, -20",
    "-2,  100, 90,  20",
    "0,   0,   90,  0"})
  void unrealizedPnlFollowsTheMarkAndTheSide(String size, String entry, String mark, String expected) {
    PaperPosition position = new PaperPosition(0, 4, 500);
    if (new BigDecimal(size).signum() != 0) {
      position.apply(new BigDecimal(size), new BigDecimal(entry), 2);
    }

    assertThat(position.unrealized(new BigDecimal(mark))).isEqualByComparingTo(expected);
  }
}
