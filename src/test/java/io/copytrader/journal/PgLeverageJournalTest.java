package io.copytrader.journal;

/** LeverageJournalTest's tests on a PostgreSQL journal. */
class PgLeverageJournalTest extends LeverageJournalTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
