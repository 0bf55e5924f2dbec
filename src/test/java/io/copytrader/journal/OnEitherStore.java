package io.copytrader.journal;

import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A journal test class: its tests run on SQLite, and again on PostgreSQL as its {@code Pg*} subclass, which
 * overrides {@link #store()}. Each test gets a fresh journal ({@link JournalFile}).
 */
@ExtendWith(VertxExtension.class)
abstract class OnEitherStore {

  @RegisterExtension
  final JournalFile file = new JournalFile(start(), store());

  /** Where the test's clock starts. */
  abstract Instant start();

  JournalFile.Store store() {
    return JournalFile.Store.SQLITE;
  }
}
