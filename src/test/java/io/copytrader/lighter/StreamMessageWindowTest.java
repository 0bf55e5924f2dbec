package io.copytrader.lighter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamMessageWindowTest {

  @ParameterizedTest(name = "limit {0} in 1000 ms, sent at [{1}], asked at {2}: wait {3}")
  @CsvSource({
    "3, '', 0, 0",
    "3, '0 10', 20, 0",
    "3, '0 10 20', 30, 970",
    "3, '0 10 20', 1000, 0",
    "3, '0 10 20', 999, 1",
    "1, '500', 700, 800",
  })
  void waitsForTheOldestMessageToLeaveAFullWindow(int limit, String sentAt, long askedAt, long wait) {
    StreamMessageWindow window = new StreamMessageWindow(limit, 1000);
    Arrays.stream(sentAt.split(" ")).filter(at -> !at.isEmpty()).mapToLong(Long::parseLong).forEach(window::sent);

    assertThat(window.waitMillis(askedAt)).isEqualTo(wait);
  }
}
