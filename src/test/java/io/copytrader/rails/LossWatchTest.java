package io.copytrader.rails;

import static io.copytrader.rails.RailFixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.rails.RailFixtures.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LossWatchTest {

  @ParameterizedTest(name = "{0} of 500 -> {1}")
  @CsvSource({"-100, OK", "399.99, OK", "400, WARNING", "499.99, WARNING", "500, TRIPPED", "500.01, TRIPPED",
    ", UNKNOWN"})
  void aLossWarnsFrom80PercentAndTripsAtTheLimit(String used, LossLevel level) {
    assertThat(LossWatch.level(dec(used), dec("500"))).isEqualTo(level);
  }

  @ParameterizedTest(name = "equity {0}, peak {1} -> {2} %")
  @CsvSource({"8000, 10000, 20", "10000, 10000, 0", "10500, 10000, -5", ", 10000, ", "100, 0, ", "100, , "})
  void drawdownIsThePercentBelowThePeak(String equity, String peak, String percent) {
    BigDecimal drawdown = LossWatch.drawdownPct(dec(equity), dec(peak));

    if (percent == null) {
      assertThat(drawdown).isNull();
    } else {
      assertThat(drawdown).isEqualByComparingTo(percent);
    }
  }

  @Test
  void aTrippedLossSetsTheLimitsTripMode() {
    State state = new State();
    state.realized = dec("-450");
    state.equity = dec("7900");
    RailLimits flatten = RailLimits.merge(RailLimits.DEFAULTS,
      new RailOverrides(null, null, null, null, null, null, null, null, null, KillMode.FLATTEN));

    List<LossCheck> checks = LossWatch.assess(flatten, state.build());

    assertThat(checks).extracting(LossCheck::level).containsExactly(LossLevel.WARNING, LossLevel.TRIPPED);
    assertThat(checks.get(1).used()).isEqualByComparingTo("21");
    assertThat(LossWatch.trip(flatten, checks)).contains(KillMode.FLATTEN);
  }

  @Test
  void warningsAndUnknownFiguresTripNothing() {
    State state = new State();
    state.realized = dec("-499.99");
    state.peak = null;

    List<LossCheck> checks = LossWatch.assess(RailLimits.DEFAULTS, state.build());

    assertThat(checks).extracting(LossCheck::level).containsExactly(LossLevel.WARNING, LossLevel.UNKNOWN);
    assertThat(LossWatch.trip(RailLimits.DEFAULTS, checks)).isEmpty();
  }

  @Test
  void equityMarksKeepThePeakAndTheDaysStartingFigures() {
    Instant morning = Instant.parse("2026-12-06T08:00:00Z");
    EquityMarks marks = EquityMarks.first(dec("10000"), dec("50"), morning)
      .observe(dec("10200"), dec("120"), morning.plusSeconds(60))
      .observe(dec("9700"), dec("-200"), morning.plusSeconds(120));

    assertThat(marks.peakEquity()).isEqualByComparingTo("10200");
    assertThat(marks.peakAt()).isEqualTo(morning.plusSeconds(60));
    assertThat(marks.dayStartEquity()).isEqualByComparingTo("10000");
    assertThat(marks.unrealizedPnlToday(dec("-200"))).isEqualByComparingTo("-250");
    assertThat(marks.realizedPnlToday(dec("9700"), dec("-200"))).isEqualByComparingTo("-50");
  }

  @Test
  void aNewUtcDayStartsFromItsFirstReadingAndKeepsThePeak() {
    EquityMarks yesterday = EquityMarks.first(dec("10000"), dec("0"), Instant.parse("2026-12-05T23:59:59Z"));

    EquityMarks today = yesterday.observe(dec("9000"), dec("-100"), Instant.parse("2026-12-06T00:00:00Z"));

    assertThat(today.day()).isEqualTo(LocalDate.parse("2026-12-06"));
    assertThat(today.dayStartEquity()).isEqualByComparingTo("9000");
    assertThat(today.dayStartUnrealizedPnl()).isEqualByComparingTo("-100");
    assertThat(today.peakEquity()).isEqualByComparingTo("10000");
    assertThat(EquityMarks.startOfUtcDay(Instant.parse("2026-12-06T17:30:00Z")))
      .isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
  }

  @Test
  void aReadingThatChangesNothingKeepsTheSameMarks() {
    EquityMarks marks = EquityMarks.first(dec("10000"), dec("0"), Instant.parse("2026-12-06T08:00:00Z"));

    assertThat(marks.observe(dec("9999"), dec("-1"), Instant.parse("2026-12-06T09:00:00Z"))).isSameAs(marks);
  }
}
