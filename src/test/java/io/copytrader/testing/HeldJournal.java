package io.copytrader.testing;

import io.copytrader.cluster.LeaseBook;
import io.copytrader.config.JournalSettings;
import io.copytrader.journal.Journal;
import io.copytrader.journal.LeaseJournal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A journal opened for one test node that holds the leases of the accounts a test writes orders for. */
public final class HeldJournal {

  public static final String NODE = "test-node";
  /** Longer than any test: the leases are never renewed. */
  private static final Duration LEASE = Duration.ofHours(1);

  private HeldJournal() {
  }

  /** A book for the test node, whose gates stay open for the life of a test once an account is held. */
  public static LeaseBook book() {
    return new LeaseBook(NODE, LEASE);
  }

  /** The SQLite journal under {@code dataDir}, holding {@code accounts}. */
  public static Future<Journal> open(Vertx vertx, Path dataDir, long... accounts) {
    return open(vertx, JournalSettings.SQLITE, dataDir, Clock.systemUTC(), book(), accounts);
  }

  /** The journal {@code settings} name, its node holding {@code accounts} in {@code book}. */
  public static Future<Journal> open(Vertx vertx, JournalSettings settings, Path dataDir, Clock clock, LeaseBook book,
                                     long... accounts) {
    return Journal.open(vertx, settings, dataDir, clock, book)
      .compose(journal -> hold(journal, book, accounts).map(journal));
  }

  /** Acquires {@code accounts} for the book's node and records their epochs in it. */
  public static Future<Void> hold(Journal journal, LeaseBook book, long... accounts) {
    LeaseJournal leases = new LeaseJournal(journal, LEASE);
    Future<Void> chain = Future.succeededFuture();
    for (long account : accounts) {
      chain = chain.compose(previous -> {
        long start = book.now();
        return leases.acquire(account, book.nodeId()).map(epoch -> {
          book.held(account, epoch.orElseThrow(), start);
          return null;
        });
      });
    }
    return chain;
  }
}
