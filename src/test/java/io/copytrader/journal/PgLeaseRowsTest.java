package io.copytrader.journal;

/** LeaseRowsTest's tests on a PostgreSQL journal. */
class PgLeaseRowsTest extends LeaseRowsTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
