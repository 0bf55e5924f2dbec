package io.copytrader.journal;

/** KillSwitchEntriesTest's tests on a PostgreSQL journal. */
class PgKillSwitchEntriesTest extends KillSwitchEntriesTest {

  @Override
  JournalFile.Store store() {
    return JournalFile.Store.POSTGRESQL;
  }
}
