package io.copytrader.journal;

import io.copytrader.config.JournalSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The journal in a PostgreSQL database: the tables of {@link PgSchema} in the connection's current schema, written
 * through one connection and read through another. Until accounts are owned by lease, one service holds the journal:
 * its writer's connection holds a session-level advisory lock on the schema, which another service's open is refused
 * and which PostgreSQL releases when that connection ends. Each connection is kept up by a {@link PgLink}; the
 * writer's takes the lock again on every new connection, and stays without one while another service holds it.
 */
final class PgJournalDatabase {

  /** The advisory lock's first key, the journal's own ("JRNL"); the second is the schema's name hashed. */
  private static final int LOCK_CLASS = 0x4A524E4C;
  /** Answers 1 when this connection now holds the journal's lock (or already did), 0 when another one does. */
  private static final String TAKE_LOCK = "SELECT CASE WHEN pg_try_advisory_lock(" + LOCK_CLASS
    + ", hashtext(current_schema())) THEN 1 ELSE 0 END";

  private PgJournalDatabase() {
  }

  /** Connects, takes the journal and applies pending migrations. Blocks; never on an event loop. */
  static JournalEngine open(Vertx vertx, JournalSettings settings, Clock clock) {
    String shown = settings.shown();
    PgConnectOptions options = settings.connectOptions().setCachePreparedStatements(true);
    PgSession writer = null;
    PgSession reader = null;
    try {
      writer = connect(new PgLink(vertx, options, "writer", PgJournalDatabase::retakeLock), shown);
      String schema = writer.first("SELECT current_schema()", row -> row.string(1)).orElse(null);
      if (schema == null) {
        throw new JournalException("journal " + shown + " has no schema to live in: the search_path names none"
          + " that exists");
      }
      String where = shown + " schema " + schema;
      boolean held = writer.first(TAKE_LOCK, row -> row.longValue(1)).orElseThrow() == 1;
      if (!held) {
        throw new JournalException("journal " + where + " is already in use by another service instance");
      }
      PgSchema.migrate(writer, where, clock);
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

  /** A new writer's connection is the journal's only with its lock: a service that took it meanwhile keeps it. */
  private static Future<Void> retakeLock(PgConnection connection) {
    return connection.query(TAKE_LOCK).execute().compose(rows -> rows.iterator().next().getLong(0) == 1
      ? Future.<Void>succeededFuture()
      : Future.failedFuture(new JournalException("the journal is in use by another service instance")));
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
