package io.copytrader.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Leverage changes journaled before they leave and their outcomes after. */
class LeverageJournalTest extends OnEitherStore {

  @Override
  Instant start() {
    return Instant.parse("2026-11-24T08:00:00Z");
  }

  private static LeverageChange change(long accountIndex, int marketId, long nonce) {
    return new LeverageChange(0, accountIndex, null, marketId, 2000, 0, nonce, 3, "0xhash" + nonce,
      "{\"Nonce\":" + nonce + "}", null, null, null);
  }

  @Test
  void eachSignedChangeGetsItsOwnIdAndKeepsItsOutcomeAcrossARestart(Vertx vertx) {
    Journal journal = file.open(vertx).await();
    LeverageJournal changes = new LeverageJournal(journal);
    long first = changes.signed(change(7, 0, 41), 1).await();
    long second = changes.signed(change(7, 1, 42), 2).await();
    changes.signed(change(8, 0, 43), 3).await();
    changes.outcome(first, "refused", "21700", "invalid margin", 4).await();

    Journal reopened = file.reopen(vertx, journal).await();

    assertThat(second).isGreaterThan(first);
    assertThat(new LeverageJournal(reopened).changes(7).await()).containsExactly(
      new LeverageChange(first, 7, null, 0, 2000, 0, 41, 3, "0xhash41", "{\"Nonce\":41}", "refused", "21700",
        "invalid margin"),
      new LeverageChange(second, 7, null, 1, 2000, 0, 42, 3, "0xhash42", "{\"Nonce\":42}", "signed", null, null));
  }
}
