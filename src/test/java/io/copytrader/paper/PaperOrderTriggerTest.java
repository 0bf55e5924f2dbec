package io.copytrader.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When conditional orders fire: stop-losses on a move against the position, take-profits on one in its favour. */
class PaperOrderTriggerTest {

  @ParameterizedTest(name = "type {0} ask {1} trigger {2} mark {3} -> {4}")
  @CsvSource({
    "2, true,  100, 101, false",
    "2, true,  100, 100, true",
    "2, true,  100, 99,  true",
    "3, true,  100, 99,  true",
    "2, false, 100, 99,  false",
    "3, false, 100, 100, true",
    "3, false, 100, 101, true",
    "4, true,  100, 99,  false",
    "4, true,  100, 101, true",
    "5, false, 100, 101, false",
    "5, false, 100, 99,  true"})
  void theTriggerFiresOnTheRightSide(int type, boolean isAsk, String trigger, String mark, boolean fires) {
    PaperOrder order = new PaperOrder(1L << 48, 1, 0, 1, isAsk, type, 0, true, BigDecimal.ONE, BigDecimal.ONE,
      new BigDecimal(trigger), 0, 0, 0);

    assertThat(order.triggeredAt(new BigDecimal(mark))).isEqualTo(fires);
  }
}
