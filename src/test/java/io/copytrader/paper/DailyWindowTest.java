package io.copytrader.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A market's day of fills kept as they come and go gives what adding up the kept fills of the last day does, as
 * fills age out of the day and out of the trade log, whichever price they held.
 */
class DailyWindowTest {

  private static final long START = 1_800_000_000_000L;

  static Stream<Arguments> histories() {
    // seed, fills, ms between fills, fills the trade log keeps
    return Stream.of(Arguments.of(1L, 200, 60_000L, 10_000), Arguments.of(2L, 500, 600_000L, 10_000),
      Arguments.of(3L, 300, 1_000L, 50), Arguments.of(4L, 1_000, 300_000L, 120), Arguments.of(5L, 50, 86_400_000L, 10));
  }

  @ParameterizedTest(name = "seed {0}: {1} fills {2} ms apart, {3} kept")
  @MethodSource("histories")
  void keptFiguresMatchAddingUpTheDaysKeptFills(long seed, int fills, long spacingMs, int kept) {
    Random random = new Random(seed);
    DailyWindow window = new DailyWindow();
    List<PaperTrade> log = new ArrayList<>();
    for (int id = 1; id <= fills; id++) {
      long now = START + id * spacingMs;
      // Few distinct prices, so the lowest and the highest are often held by fills that then leave.
      PaperTrade trade = trade(id, new BigDecimal(2990 + random.nextInt(5) * 5 + ".5"),
        new BigDecimal(random.nextInt(30) + 1 + ".25"), now);
      log.add(trade);
      window.add(trade);
      long oldestKept = Math.max(1, id - kept + 1);
      window.evict(now, oldestKept);

      List<PaperTrade> day = log.stream()
        .filter(old -> now - old.timestamp() < DailyWindow.DAY_MS && old.tradeId() >= oldestKept).toList();
      assertThat(window.baseVolume()).isEqualByComparingTo(day.stream().map(PaperTrade::size)
        .reduce(BigDecimal.ZERO, BigDecimal::add));
      assertThat(window.quoteVolume()).isEqualByComparingTo(day.stream()
        .map(old -> old.size().multiply(old.price())).reduce(BigDecimal.ZERO, BigDecimal::add));
      assertThat(window.low()).isEqualTo(day.stream().map(PaperTrade::price).reduce(BigDecimal::min));
      assertThat(window.high()).isEqualTo(day.stream().map(PaperTrade::price).reduce(BigDecimal::max));
      assertThat(window.first()).isEqualTo(day.stream().findFirst().map(PaperTrade::price));
      assertThat(window.last()).isEqualTo(Optional.of(trade.price()));
    }
  }

  @Test
  void aDayWithoutFillsHasNoPricesAndNoVolume() {
    DailyWindow window = new DailyWindow();
    window.add(trade(1, new BigDecimal("3000.5"), BigDecimal.ONE, START));

    window.evict(START + DailyWindow.DAY_MS, 1);

    assertThat(window.isEmpty()).isTrue();
    assertThat(window.baseVolume()).isZero();
    assertThat(window.quoteVolume()).isZero();
    assertThat(window.low()).isEmpty();
    assertThat(window.high()).isEmpty();
    assertThat(window.last()).isEmpty();
  }

  private static PaperTrade trade(long id, BigDecimal price, BigDecimal size, long timestamp) {
    return new PaperTrade(id, "", 0, size, price, 1001, id, id, false, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0,
      false, BigDecimal.ZERO, timestamp);
  }
}
