package io.copytrader.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseBookTest {

  private static final Duration SEND_WITHIN = Duration.ofMillis(2100);

  /** How the account stands in the book, how long after its last renewal started, and whether it may send. */
  private record GateCase(String held, boolean inBook, long ageMillis, boolean maySend) {
  }

  @Test
  void theGateIsOpenOnlyForAnAccountHeldAndRenewedWithinSendWithin() {
    List<GateCase> cases = List.of(
      new GateCase("never held", false, 0, false),
      new GateCase("just renewed", true, 0, true),
      new GateCase("renewed a moment before the limit", true, 2099, true),
      new GateCase("renewed exactly sendWithin ago", true, 2100, false),
      new GateCase("not renewed for the whole lease", true, 3000, false));
    for (GateCase gate : cases) {
      AtomicLong nanos = new AtomicLong(1_000_000_000L);
      LeaseBook book = new LeaseBook("node-a", SEND_WITHIN, nanos::get);
      if (gate.inBook()) {
        book.held(7, 3, book.now());
      }
      nanos.addAndGet(Duration.ofMillis(gate.ageMillis()).toNanos());

      assertThat(book.maySend(7, 3)).as(gate.held()).isEqualTo(gate.maySend());
    }
  }

  @Test
  void aLostAccountClosesItsGateAndHasNoEpochToWriteUnder() {
    LeaseBook book = new LeaseBook("node-a", SEND_WITHIN);
    book.held(7, 3, book.now());

    book.lost(7);

    assertThat(book.maySend(7, 3)).isFalse();
    assertThat(book.epoch(7)).isEmpty();
    assertThat(book.owned()).isEmpty();
    assertThat(book.leaseAgeMillis(7)).isEmpty();
  }

  @Test
  void aSessionOfAnEarlierAcquisitionMayNotSendUnderTheNextOne() {
    LeaseBook book = new LeaseBook("node-a", SEND_WITHIN);
    book.held(7, 4, book.now());

    assertThat(book.maySend(7, 3)).isFalse();
    assertThat(book.maySend(7, 4)).isTrue();
  }

  @Test
  void aRenewalMovesTheAgeToTheStartOfTheRenewalNotItsEnd() {
    AtomicLong nanos = new AtomicLong();
    LeaseBook book = new LeaseBook("node-a", SEND_WITHIN, nanos::get);
    book.held(7, 3, 0);
    long renewalStart = Duration.ofMillis(1000).toNanos();
    nanos.set(Duration.ofMillis(1500).toNanos());

    book.held(7, 3, renewalStart);

    assertThat(book.leaseAgeMillis(7)).hasValue(500);
    assertThat(book.epochs()).containsEntry(7L, 3L);
  }
}
