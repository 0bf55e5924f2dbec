package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestIdsTest {

  private static final long NOW = 4_102_444_800_000L;

  static Stream<Arguments> clocks() {
    return Stream.of(
      Arguments.of("many in one millisecond", new long[] {NOW, NOW, NOW, NOW, NOW, NOW}),
      Arguments.of("milliseconds going by", new long[] {NOW + 10, NOW + 11, NOW + 11, NOW + 12, NOW + 20}),
      Arguments.of("a clock stepping back", new long[] {NOW + 30, NOW + 29, NOW + 25, NOW + 31, NOW + 31}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clocks")
  void idsSortInTheOrderTheyWereMadeAndKeepThePythonServicesShape(String clock, long[] millis) {
    List<String> ids = new ArrayList<>();
    for (long at : millis) {
      ids.add(RequestIds.next(at));
    }

    assertThat(ids).allMatch(id -> id.matches("\\d{13}-[0-9a-f]{8}"), "<epoch ms>-<8 hex>").isSorted()
      .doesNotHaveDuplicates();
  }
}
