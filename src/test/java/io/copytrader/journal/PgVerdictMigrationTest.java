package io.copytrader.journal;

/** VerdictMigrationTest's test on a PostgreSQL journal. */
class PgVerdictMigrationTest extends VerdictMigrationTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
