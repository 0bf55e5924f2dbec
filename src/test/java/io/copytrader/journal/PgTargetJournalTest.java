package io.copytrader.journal;

/** TargetJournalTest's tests on a PostgreSQL journal. */
class PgTargetJournalTest extends TargetJournalTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
