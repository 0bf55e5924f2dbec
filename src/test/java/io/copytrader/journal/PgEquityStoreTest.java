package io.copytrader.journal;

/** EquityStoreTest's tests on a PostgreSQL journal. */
class PgEquityStoreTest extends EquityStoreTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
