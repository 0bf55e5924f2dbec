package io.copytrader.cluster;

import io.vertx.core.Future;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** The journal's lease rows as {@link LeaseKeeper} uses them (journal/LeaseJournal). */
public interface LeaseLedger {

  /** The account for {@code node} if free, expired or already its own: the new epoch; empty if another holds it. */
  Future<OptionalLong> acquire(long accountIndex, String node);

  /** Extends, in one transaction, each of {@code held} (account to epoch) still {@code node}'s: those extended. */
  Future<Set<Long>> renew(String node, Map<Long, Long> held);

  /** Expires each of {@code held} still {@code node}'s now. */
  Future<Void> release(String node, Map<Long, Long> held);
}
