package io.copytrader.journal;

import io.copytrader.cluster.LeaseLedger;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The accounts' leases in the journal ({@link LeaseStore}), written on the journal's writer thread so an acquisition
 * and the fenced writes it must exclude are serialised with every other write; read on its reader.
 */
public final class LeaseJournal implements LeaseLedger {

  private final Journal journal;
  private final long ttlMillis;

  /** @param ttl how long a lease lasts past its acquisition or last renewal, on the database's clock */
  public LeaseJournal(Journal journal, Duration ttl) {
    this.journal = journal;
    this.ttlMillis = ttl.toMillis();
  }

  /**
   * Takes the account for {@code node} if it is free, expired or already {@code node}'s; answers the new epoch, or
   * empty when another node holds it.
   */
  @Override
  public Future<OptionalLong> acquire(long accountIndex, String node) {
    return journal.write(session -> LeaseStore.acquire(session, accountIndex, node, ttlMillis));
  }

  /** Extends, in one transaction, each of {@code held} (account to epoch) still {@code node}'s; answers those. */
  @Override
  public Future<Set<Long>> renew(String node, Map<Long, Long> held) {
    Map<Long, Long> copy = Map.copyOf(held);
    return journal.write(session -> LeaseStore.renew(session, node, copy, ttlMillis));
  }

  /** Expires each of {@code held} still {@code node}'s now, so that another node may take it at once. */
  @Override
  public Future<Void> release(String node, Map<Long, Long> held) {
    Map<Long, Long> copy = Map.copyOf(held);
    return journal.write(session -> {
      LeaseStore.release(session, node, copy);
      return null;
    });
  }

  /** Every account's lease row, by account index. */
  public Future<List<LeaseRow>> rows() {
    return journal.read(LeaseStore::rows);
  }
}
