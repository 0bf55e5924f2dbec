package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.journal.EquityStore.EquitySample;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equity samples are taken from the readings folded into the equity marks: one a minute, kept for the retention. */
class EquityStoreTest extends OnEitherStore {

  private static final Instant START = Instant.parse("2026-11-24T08:00:10Z");
  private static final Instant MINUTE = Instant.parse("2026-11-24T08:00:00Z");

  @Override
  Instant start() {
    return START;
  }

  private final MutableClock clock = file.clock();

  private static void observe(Journal journal, String equity) {
    journal.observeEquity(7, new BigDecimal(equity), BigDecimal.ZERO).committed().await();
  }

  @Test
  void theLatestReadingOfAMinuteIsItsSample(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    observe(journal, "10000");
    clock.advance(Duration.ofSeconds(30));
    observe(journal, "10010.5");
    clock.advance(Duration.ofSeconds(30));
    observe(journal, "9990");

    assertThat(EquityStore.since(journal, 7, MINUTE).await()).containsExactly(
      new EquitySample(MINUTE, new BigDecimal("10010.5")),
      new EquitySample(MINUTE.plusSeconds(60), new BigDecimal("9990")));
  }

  @Test
  void samplesAreKeptPerAccountAndReadFromTheAskedTimeOn(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    observe(journal, "10000");
    journal.observeEquity(8, new BigDecimal("500"), BigDecimal.ZERO).committed().await();
    clock.advance(Duration.ofMinutes(5));
    observe(journal, "10100");

    List<EquitySample> later = EquityStore.since(journal, 7, MINUTE.plusSeconds(60)).await();

    assertThat(later).containsExactly(new EquitySample(MINUTE.plus(Duration.ofMinutes(5)), new BigDecimal("10100")));
    assertThat(EquityStore.since(journal, 8, MINUTE).await()).hasSize(1);
  }

  @Test
  void samplesOlderThanTheRetentionAreDropped(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    observe(journal, "10000");
    clock.advance(EquityStore.RETENTION.plusMinutes(1));
    observe(journal, "10200");

    assertThat(EquityStore.since(journal, 7, MINUTE.minus(Duration.ofDays(1))).await())
      .extracting(EquitySample::equity).containsExactly(new BigDecimal("10200"));
  }
}
