package io.copytrader.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.ExchangeClock;
import io.copytrader.notify.Notice;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClockWatchTest {

  /** The exchange's second 1,800,000,000. */
  private static final long REPORTED = 1_800_000_000L;
  private static final long AT = REPORTED * 1_000;

  private final ExchangeClock clock = new ExchangeClock();
  private final ClockWatch watch = new ClockWatch(clock, "node-a");

  @Test
  void aClockWithinTheMarginIsNeitherOffNorNotified() {
    assertThat(watch.observe(REPORTED, AT + 100, AT + 200)).isEmpty();

    assertThat(watch.off()).isFalse();
    assertThat(watch.details().getLong("ahead_of_exchange_ms_at_most")).isEqualTo(200);
    assertThat(watch.details().getLong("settles_expiry_after_ms")).isEqualTo(5_000);
  }

  @Test
  void aClockFoundOffIsNotifiedOnceAndItsReturnOnce() {
    Optional<Notice> off = watch.observe(REPORTED, AT + 30_200, AT + 30_300);
    Optional<Notice> stillOff = watch.observe(REPORTED + 5, AT + 35_200, AT + 35_300);
    Optional<Notice> right = watch.observe(REPORTED + 10, AT + 10_100, AT + 10_200);
    Optional<Notice> stillRight = watch.observe(REPORTED + 15, AT + 15_100, AT + 15_200);

    assertThat(off).hasValueSatisfying(notice -> {
      assertThat(notice.severity()).isEqualTo(Notice.Severity.URGENT);
      assertThat(notice.title()).isEqualTo("Clock is off the exchange's");
      assertThat(notice.lines()).contains(new Notice.Line("Node", "node-a"),
        new Notice.Line("Host clock", "ahead of the exchange's by 29.2 to 30.3 s"));
    });
    assertThat(stillOff).isEmpty();
    assertThat(right).hasValueSatisfying(notice -> {
      assertThat(notice.severity()).isEqualTo(Notice.Severity.INFO);
      assertThat(notice.title()).isEqualTo("Clock is right again");
    });
    assertThat(stillRight).isEmpty();
    assertThat(watch.off()).isFalse();
  }

  @Test
  void aClockBehindTheExchangesIsOffToo() {
    Optional<Notice> off = watch.observe(REPORTED + 30, AT + 200, AT + 300);

    assertThat(off).hasValueSatisfying(notice -> assertThat(notice.lines())
      .contains(new Notice.Line("Host clock", "behind the exchange's by 29.7 to 30.8 s")));
    assertThat(watch.off()).isTrue();
    // Behind, nothing is settled later than the few seconds assumed.
    assertThat(watch.details().getLong("settles_expiry_after_ms")).isEqualTo(5_000);
  }

  @Test
  void beforeAnyReadingTheCheckHasOnlyTheAssumedMargin() {
    assertThat(watch.off()).isFalse();
    assertThat(watch.details()).isEqualTo(new JsonObject().put("settles_expiry_after_ms", 5_000L));
  }

  @Test
  void aReportedTimeHoursAwayIsNotTakenForTheExchangesClock() {
    watch.observe(REPORTED, AT + 100, AT + 200);

    Optional<Notice> notice = watch.observe(1_717_777_777L, AT + 5_100, AT + 5_200);

    assertThat(notice).isEmpty();
    assertThat(watch.off()).isFalse();
    assertThat(watch.details().getLong("exchange_time_not_taken")).isEqualTo(1_717_777_777L);
    assertThat(watch.details().getLong("settles_expiry_after_ms")).isEqualTo(5_000L);
  }
}
