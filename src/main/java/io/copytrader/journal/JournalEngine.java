package io.copytrader.journal;

/**
 * What an open journal runs on: the session its writer thread owns, the one its reader thread owns, and what to
 * release once both are closed (the SQLite file's lock; nothing for PostgreSQL).
 *
 * @param where a name for the journal in logs and errors, with no secret in it
 */
record JournalEngine(String where, SqlSession writer, SqlSession reader, Runnable release) {
}
