package io.copytrader.journal;

/** FollowStoreTest's tests on a PostgreSQL journal. */
class PgFollowStoreTest extends FollowStoreTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
