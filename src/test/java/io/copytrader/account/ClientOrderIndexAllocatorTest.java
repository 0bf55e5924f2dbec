package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientOrderIndexAllocatorTest {

  private static final long NOV_2026 = 1_795_000_000_000L;

  private static ClientOrderIndexAllocator withClock(long lastIssued, long... millis) {
    PrimitiveIterator.OfLong ticks = LongStream.of(millis).iterator();
    return new ClientOrderIndexAllocator(ticks::nextLong, lastIssued);
  }

  @ParameterizedTest(name = "[{index}] last {0}, clock {1} → {2}")
  @CsvSource({
    // last issued, clock (ms), expected next
    "0, 1795000000000, 114880000000000",
    "114880000000000, 1795000000000, 114880000000001",
    "114880000000063, 1795000000000, 114880000000064",
    "114880000000100, 1795000000001, 114880000000101",
    "114880000000100, 1795000000002, 114880000000128",
    "5, 1795000000000, 114880000000000",
    "0, 0, 1",
  })
  void issuesTheLaterOfTheClockFloorAndTheLastPlusOne(long lastIssued, long millis, long expected) {
    assertThat(withClock(lastIssued, millis).next()).isEqualTo(expected);
  }

  @Test
  void staysStrictlyIncreasingWhenTheClockGoesBackwards() {
    ClientOrderIndexAllocator allocator = withClock(0, NOV_2026, NOV_2026 - 60_000, NOV_2026 - 1, NOV_2026,
      NOV_2026 - 3_600_000);

    List<Long> issued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      issued.add(allocator.next());
    }

    assertThat(issued).isSorted().doesNotHaveDuplicates();
    assertThat(issued.get(4)).isEqualTo(NOV_2026 * 64 + 4);
  }

  @Test
  void aRestartWithTheRestoredLastIndexContinuesAboveIt() {
    ClientOrderIndexAllocator before = withClock(0, NOV_2026, NOV_2026, NOV_2026);
    before.next();
    before.next();
    long last = before.next();

    ClientOrderIndexAllocator afterRestart = withClock(last, NOV_2026 - 10_000);

    assertThat(afterRestart.next()).isEqualTo(last + 1);
  }

  @Test
  void aRestartWithoutTheJournalStillIssuesAboveEverythingFromEarlierMilliseconds() {
    ClientOrderIndexAllocator before = withClock(0, LongStream.generate(() -> NOV_2026).limit(64).toArray());
    long last = 0;
    for (int i = 0; i < 64; i++) {
      last = before.next();
    }

    ClientOrderIndexAllocator afterRestart = withClock(0, NOV_2026 + 1);

    assertThat(afterRestart.next()).isGreaterThan(last);
  }

  @Test
  void refusesToIssueBeyondLightersRange() {
    ClientOrderIndexAllocator allocator = withClock(ClientOrderIndexAllocator.MAX_INDEX, NOV_2026);

    assertThatThrownBy(allocator::next).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @CsvSource({"-1", "281474976710656"})
  void refusesALastIndexOutsideLightersRange(long lastIssued) {
    assertThatThrownBy(() -> new ClientOrderIndexAllocator(lastIssued))
      .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theClockFloorFitsLightersRangeIntoTheYear2109() {
    long newYear2109 = Instant.parse("2109-01-01T00:00:00Z").toEpochMilli();

    assertThat(withClock(0, newYear2109).next()).isLessThanOrEqualTo(ClientOrderIndexAllocator.MAX_INDEX);
  }
}
