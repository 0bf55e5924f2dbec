package io.copytrader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SideTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "BUY, false, buy, LONG, SELL, 1",
    "SELL, true, sell, SHORT, BUY, -1",
  })
  void spellsEachSideTheWayLighterTheJournalAndTheNoticesDo(Side side, boolean isAsk, String wire, String direction,
                                                            Side opposite, int sign) {
    assertThat(side.isAsk()).isEqualTo(isAsk);
    assertThat(Side.ofAsk(isAsk)).isEqualTo(side);
    assertThat(side.wire()).isEqualTo(wire);
    assertThat(side.direction()).isEqualTo(direction);
    assertThat(side.opposite()).isEqualTo(opposite);
    assertThat(Side.ofSign(sign)).isEqualTo(side);
  }

  @Test
  void aFlatPositionHasNoSide() {
    assertThatThrownBy(() -> Side.ofSign(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
