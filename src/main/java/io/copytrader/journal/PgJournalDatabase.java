package io.copytrader.journal;

import io.copytrader.config.JournalSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The journal in a PostgreSQL database: the tables of {@link PgSchema} in the connection's current schema, written
 * through one connection and read through another, each kept up by a {@link PgLink}. Several nodes open the same
 * journal, each account owned by one of them through its lease row; an open migrates under a session-level advisory
 * lock on the schema, so two nodes starting together apply each migration once.
 */
final class PgJournalDatabase {

  /** The migrations' advisory lock's first key, the journal's own ("JRNL"); the second is the schema's name hashed. */
  private static final int LOCK_CLASS = 0x4A524E4C;
  /**
   * How long PostgreSQL lets one of this node's sessions sit idle inside a transaction before it ends the session
   * (rolling the transaction back): a node frozen mid-transaction (SIGSTOP, a paused virtual machine, a long pause of
   * its own) keeps its connection open and, without this, the row locks it holds for as long as it stays frozen, the
   * lease row its fence locked among them, which every other node's takeover of that account waits for (the
   * takeover never comes). The journal runs each transaction's statements back to back, so only a node that stopped
   * running reaches this, and well within the shortest lease (LEASE_TTL_MS 3000); the session reconnects when the
   * node runs again (PgLink).
   */
  static final String IDLE_IN_TRANSACTION_MS = "1000";

  private PgJournalDatabase() {
  }

  /** Connects and applies pending migrations. Blocks; never on an event loop. */
  static JournalEngine open(Vertx vertx, JournalSettings settings, Clock clock) {
    String shown = settings.shown();
    PgConnectOptions options = settings.connectOptions().setCachePreparedStatements(true)
      .addProperty("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION_MS);
    PgSession writer = null;
    PgSession reader = null;
    try {
      writer = connect(new PgLink(vertx, options, "writer", connection -> Future.succeededFuture()), shown);
      String schema = writer.first("SELECT current_schema()", row -> row.string(1)).orElse(null);
      if (schema == null) {
        throw new JournalException("journal " + shown + " has no schema to live in: the search_path names none"
          + " that exists");
      }
      String where = shown + " schema " + schema;
      // Nodes share the journal (accounts are owned by lease rows); only their migrations take turns.
      writer.first("SELECT 1 FROM (SELECT pg_advisory_lock(" + LOCK_CLASS + ", hashtext(current_schema()))) l",
        row -> row.longValue(1));
      PgSchema.migrate(writer, where, clock);
      writer.first("SELECT 1 FROM (SELECT pg_advisory_unlock(" + LOCK_CLASS + ", hashtext(current_schema()))) u",
        row -> row.longValue(1));
      reader = connect(new PgLink(vertx, options, "reader", connection -> Future.succeededFuture()), shown);
      return new JournalEngine(where + " (PostgreSQL, schema version " + PgSchema.CURRENT_VERSION + ")", writer,
        reader, () -> { });
    } catch (SQLException problem) {
      closeQuietly(writer, reader);
      throw new JournalException("journal " + shown + " could not be opened: " + problem.getMessage(), problem);
    } catch (RuntimeException problem) {
      closeQuietly(writer, reader);
      throw problem;
    }
  }

  private static PgSession connect(PgLink link, String shown) {
    try {
      return new PgSession(link, link.open());
    } catch (Exception problem) {
      throw new JournalException("cannot connect to journal " + shown + ": " + problem.getMessage(), problem);
    }
  }

  private static void closeQuietly(PgSession... sessions) {
    for (PgSession session : sessions) {
      if (session != null) {
        try {
          session.close();
        } catch (SQLException ignored) {
          // The open already failed for a reason of its own, which is the one to report.
        }
      }
    }
  }
}
