package io.copytrader.journal;

/** RailJournalTest's tests on a PostgreSQL journal. */
class PgRailJournalTest extends RailJournalTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
