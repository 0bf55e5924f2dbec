package io.copytrader.config;

import io.vertx.pgclient.PgConnectOptions;
import java.util.List;
import java.util.Locale;

/**
 * Where the journal lives ({@code JOURNAL_URL}): unset, the SQLite file under {@code DATA_DIR} (one node); a
 * {@code postgresql://user:password@host:port/database} URL, that PostgreSQL database (the store several nodes can
 * share). The URL carries a password, so it is a {@link Secret}: it never prints, and {@link #shown()} leaves the
 * password out.
 *
 * @param postgresUrl the PostgreSQL URL, or null for SQLite
 */
public record JournalSettings(Secret postgresUrl) {

  /** The default: SQLite under the data directory. */
  public static final JournalSettings SQLITE = new JournalSettings(null);

  private static final String FORM = "JOURNAL_URL must be unset (SQLite under DATA_DIR) or a"
    + " postgresql://user:password@host:port/database URL (special characters in the password percent-encoded)";

  /** The setting's text (null when unset or blank), or the default when it is bad and {@code problems} says why. */
  static JournalSettings parse(String text, List<String> problems) {
    if (text == null) {
      return SQLITE;
    }
    String url = text.strip();
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("postgresql://") && !lower.startsWith("postgres://")) {
      problems.add(FORM);
      return SQLITE;
    }
    try {
      PgConnectOptions.fromUri(url);
    } catch (IllegalArgumentException malformed) {
      // The parser's message may quote the URL, password and all.
      problems.add(FORM);
      return SQLITE;
    }
    return new JournalSettings(Secret.of(url));
  }

  public boolean postgresql() {
    return postgresUrl != null;
  }

  /** The connection options the URL gives; only for a PostgreSQL journal. */
  public PgConnectOptions connectOptions() {
    return PgConnectOptions.fromUri(postgresUrl.reveal());
  }

  /** The journal named for logs: {@code postgresql://user@host:port/database}, never the password. */
  public String shown() {
    if (!postgresql()) {
      return "SQLite under DATA_DIR";
    }
    PgConnectOptions options = connectOptions();
    return "postgresql://" + options.getUser() + "@" + options.getHost() + ":" + options.getPort() + "/"
      + options.getDatabase();
  }
}
