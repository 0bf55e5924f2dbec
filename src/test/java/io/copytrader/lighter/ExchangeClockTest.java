package io.copytrader.lighter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExchangeClockTest {

  @ParameterizedTest(name = "reported {0}, sent {1}, answered {2}: ahead by {3}..{4} ms")
  @CsvSource({
    // the exchange's second 1,800,000,000 covers ..000 000 to ..000 999 ms; the host's clocks around it
    "1800000000, 1800000000000, 1800000000000, -999, 0",
    "1800000000, 1800000000500, 1800000000700, -499, 700",
    // the host 30 s ahead: the exchange still says ..000 when the host reads ..030 200
    "1800000000, 1800000030200, 1800000030300, 29201, 30300",
    // the host 30 s behind
    "1800000030, 1800000000200, 1800000000300, -30799, -29700",
    // milliseconds reported: only the round trip is unknown
    "1800000000000, 1800000000100, 1800000000150, 100, 150",
  })
  void aReadingBoundsTheOffsetByItsRoundTripAndTheReportedResolution(long reported, long sent, long answered,
                                                                      long atLeast, long atMost) {
    ExchangeClock clock = new ExchangeClock();

    assertThat(clock.observe(reported, sent, answered)).isTrue();

    ExchangeClock.Offset offset = clock.offset().orElseThrow();
    assertThat(offset.aheadAtLeastMs()).isEqualTo(atLeast);
    assertThat(offset.aheadAtMostMs()).isEqualTo(atMost);
    assertThat(offset.readAtMillis()).isEqualTo(answered);
  }

  @ParameterizedTest(name = "ahead at most {0} ms: margin {1} ms")
  @CsvSource({"-30000, 5000", "0, 5000", "5000, 5000", "5001, 5001", "30300, 30300"})
  void theExpiryMarginIsTheAssumedOneUnlessTheHostMayBeFurtherAhead(long aheadAtMost, long margin) {
    ExchangeClock clock = new ExchangeClock();
    long answered = 1_800_000_000_000L + aheadAtMost;

    clock.observe(1_800_000_000_000L, answered, answered);

    assertThat(clock.expiryMargin()).isEqualTo(Duration.ofMillis(margin));
  }

  @Test
  void beforeAnyReadingTheMarginIsTheAssumedOne() {
    ExchangeClock clock = new ExchangeClock();

    assertThat(clock.offset()).isEmpty();
    assertThat(clock.expiryMargin()).isEqualTo(ExchangeClock.ASSUMED_AHEAD);
  }

  @Test
  void theLastReadingReplacesTheOnesBefore() {
    ExchangeClock clock = new ExchangeClock();
    clock.observe(1_800_000_000_000L, 1_800_000_030_000L, 1_800_000_030_000L);

    clock.observe(1_800_000_100_000L, 1_800_000_100_000L, 1_800_000_100_010L);

    assertThat(clock.expiryMargin()).isEqualTo(ExchangeClock.ASSUMED_AHEAD);
    assertThat(clock.offset().orElseThrow().aheadAtMostMs()).isEqualTo(10);
  }

  @ParameterizedTest(name = "reported {0}, sent {1}, answered {2}: ignored")
  @CsvSource({"0, 1000, 1000", "-5, 1000, 1000", "1800000000, 2000, 1000",
    // more than an hour apart either way: something else than the exchange's clock
    "1717777777, 1800000000000, 1800000000100", "1800003700, 1800000000000, 1800000000100"})
  void aReadingThatCannotBeRightIsIgnored(long reported, long sent, long answered) {
    ExchangeClock clock = new ExchangeClock();

    assertThat(clock.observe(reported, sent, answered)).isFalse();
    assertThat(clock.offset()).isEmpty();
  }

  @ParameterizedTest(name = "ahead {0}..{1} ms, margin 5 s: beyond {2}")
  @CsvSource({"-999, 0, false", "29201, 30300, true", "-30799, -29700, true", "4000, 6000, false",
    "-6000, -4000, false", "5001, 6000, true"})
  void theHostIsBeyondAMarginOnlyWhenBothBoundsSaySo(long atLeast, long atMost, boolean beyond) {
    assertThat(new ExchangeClock.Offset(atLeast, atMost, 0).beyond(ExchangeClock.ASSUMED_AHEAD)).isEqualTo(beyond);
  }
}
