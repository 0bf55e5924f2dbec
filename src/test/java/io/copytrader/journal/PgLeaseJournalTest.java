package io.copytrader.journal;

/** LeaseJournalTest's tests on a PostgreSQL journal. */
class PgLeaseJournalTest extends LeaseJournalTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
