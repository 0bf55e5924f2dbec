package io.copytrader.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PollingTest {

  private static final Duration SHORT = Duration.ofMillis(200);

  @Test
  void eventuallyReturnsTheFirstValueThatIsDone() {
    AtomicInteger polls = new AtomicInteger();

    int seen = Polling.eventually("the third poll", SHORT, polls::incrementAndGet, value -> value == 3);

    assertThat(seen).isEqualTo(3);
    assertThat(polls).hasValue(3);
  }

  @Test
  void eventuallyFailsNamingWhatItWaitedForAndTheLastValue() {
    assertThatThrownBy(() -> Polling.eventually("a negative number", SHORT, () -> 7, value -> value < 0))
      .isInstanceOf(AssertionError.class).hasMessage("a negative number not reached within 200 ms; last seen: 7");
  }

  @Test
  void eventuallyOfAConditionFailsNamingWhatItWaitedFor() {
    assertThatThrownBy(() -> Polling.eventually("never", SHORT, () -> false))
      .isInstanceOf(AssertionError.class).hasMessage("never not reached within 200 ms");
  }

  @Test
  void untilReturnsTheLastValueOnceTheBoundPasses() {
    AtomicInteger polls = new AtomicInteger();

    int last = Polling.until(SHORT, polls::incrementAndGet, value -> false);

    assertThat(last).isGreaterThan(1).isEqualTo(polls.get());
  }

  @Test
  void theFutureFormPollsOnTheEventLoopUntilDone(Vertx vertx) {
    AtomicInteger polls = new AtomicInteger();

    int seen = Polling.eventually(vertx, "the third poll", SHORT, () -> {
      assertThat(Vertx.currentContext()).as("polled on a Vert.x context").isNotNull();
      return Future.succeededFuture(polls.incrementAndGet());
    }, value -> value == 3).await();

    assertThat(seen).isEqualTo(3);
  }

  @Test
  void theFutureFormFailsNamingWhatItWaitedForAfterTheTimeout(Vertx vertx) {
    Future<Integer> never = Polling.eventually(vertx, "a negative number", SHORT, () -> Future.succeededFuture(7),
      value -> value < 0);

    assertThatThrownBy(never::await).hasMessage("a negative number not reached within 200 ms; last seen: 7");
  }

  @Test
  void theFutureFormFailsWithTheProbesFailure(Vertx vertx) {
    Future<Integer> failing = Polling.eventually(vertx, "anything", SHORT,
      () -> Future.failedFuture(new IllegalStateException("probe broke")), value -> true);

    assertThatThrownBy(failing::await).hasMessage("probe broke");
  }
}
