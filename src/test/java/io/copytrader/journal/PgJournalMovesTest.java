package io.copytrader.journal;

/** JournalMovesTest's tests on a PostgreSQL journal. */
class PgJournalMovesTest extends JournalMovesTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
