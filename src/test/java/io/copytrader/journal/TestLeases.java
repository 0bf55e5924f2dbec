package io.copytrader.journal;

/**
 * Lease rows written straight into a journal, as the side that takes leases writes them, for tests of what reads
 * them.
 */
public final class TestLeases {

  private TestLeases() {
  }

  /**
   * Gives {@code owner} the lease of {@code account} under {@code epoch}, expiring {@code inMs} from the
   * database's now.
   */
  public static void lease(Journal journal, long account, String owner, long epoch, long inMs) {
    journal.write(session -> {
      String now = session.dialect().nowMillis();
      return session.update("INSERT INTO account_leases (account_index, owner, epoch, acquired_at, renewed_at,"
        + " expires_at) VALUES (?, ?, ?, " + now + ", " + now + ", " + now + " + ?)", account, owner, epoch, inMs);
    }).await();
  }
}
