package io.copytrader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeapAdviceTest {

  private static final long MIB = 1L << 20;

  static Stream<Arguments> nodes() {
    return Stream.of(
      Arguments.of("one account, launcher's heap", 1, 123 * MIB, false),
      Arguments.of("499 accounts, launcher's heap", 499, 123 * MIB, false),
      Arguments.of("500 accounts, launcher's heap", 500, 123 * MIB, true),
      Arguments.of("1,000 accounts, launcher's heap", 1_000, 123 * MIB, true),
      Arguments.of("1,000 accounts, just short of the large heap", 1_000, 200 * MIB - 1, true),
      Arguments.of("1,000 accounts, -Xmx256m -Xmn96m", 1_000, 246 * MIB, false),
      Arguments.of("5,000 accounts, a 1 GiB heap", 5_000, 1024 * MIB, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void aNodeOfManyAccountsOnASmallHeapIsWarned(String node, int accounts, long maxHeap, boolean warned) {
    assertThat(HeapAdvice.warning(accounts, maxHeap)).as(node).matches(warning -> warning.isPresent() == warned);
  }

  @Test
  void theWarningNamesTheAccountsTheHeapAndTheFlagsToStartWith() {
    assertThat(HeapAdvice.warning(1_000, 123 * MIB)).hasValueSatisfying(warning -> assertThat(warning)
      .startsWith("1000 accounts on a heap of at most 123 MiB")
      .contains("JAVA_HEAP_OPTS='-XX:+UseSerialGC -Xms256m -Xmx256m -Xmn96m"));
  }
}
