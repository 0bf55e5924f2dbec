package io.copytrader.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What this node holds of the accounts' leases (docs/ARCHITECTURE.md "Account ownership"): per account, the epoch it
 * holds and when, on this process's monotonic clock, its last successful renewal started. Written by
 * {@link LeaseKeeper}; read by the send gate of each account's exchange session, by the journal's fence and by
 * health, from their own threads.
 */
public final class LeaseBook {

  /** An account held under {@code epoch}, its last successful acquisition or renewal started at {@code startNanos}. */
  private record Held(long epoch, long startNanos) {
  }

  private final String nodeId;
  private final long sendWithinNanos;
  private final LongSupplier nanoClock;
  private final Map<Long, Held> held = new ConcurrentHashMap<>();

  /** @param sendWithin how long after the start of its last successful renewal the node still sends */
  public LeaseBook(String nodeId, Duration sendWithin) {
    this(nodeId, sendWithin, System::nanoTime);
  }

  LeaseBook(String nodeId, Duration sendWithin, LongSupplier nanoClock) {
    this.nodeId = nodeId;
    this.sendWithinNanos = sendWithin.toNanos();
    this.nanoClock = nanoClock;
  }

  public String nodeId() {
    return nodeId;
  }

  /** The monotonic clock's reading, taken before an acquisition or renewal is asked of the journal. */
  public long now() {
    return nanoClock.getAsLong();
  }

  /** The account was acquired or renewed under {@code epoch} by a request that started at {@code startNanos}. */
  public void held(long accountIndex, long epoch, long startNanos) {
    held.put(accountIndex, new Held(epoch, startNanos));
  }

  /** The account is not this node's any more: the gate closes and the journal's fence refuses at once. */
  public void lost(long accountIndex) {
    held.remove(accountIndex);
  }

  /** The epoch this node holds the account under; empty when it does not hold it. */
  public OptionalLong epoch(long accountIndex) {
    Held lease = held.get(accountIndex);
    return lease == null ? OptionalLong.empty() : OptionalLong.of(lease.epoch());
  }

  /**
   * The send gate: true while the account is held under {@code epoch} (the one its verticle was deployed under, so
   * a verticle of an earlier acquisition never sends) and its last successful renewal started less than
   * {@code sendWithin} ago, so the node falls silent before the row can expire whatever its pauses.
   */
  public boolean maySend(long accountIndex, long epoch) {
    Held lease = held.get(accountIndex);
    return lease != null && lease.epoch() == epoch && nanoClock.getAsLong() - lease.startNanos() < sendWithinNanos;
  }

  /** The accounts held, in index order. */
  public Set<Long> owned() {
    return new TreeSet<>(held.keySet());
  }

  /** The epochs of the accounts held. */
  public Map<Long, Long> epochs() {
    Map<Long, Long> epochs = new TreeMap<>();
    held.forEach((account, lease) -> epochs.put(account, lease.epoch()));
    return epochs;
  }

  /** Milliseconds since the start of the account's last successful renewal; empty when it is not held. */
  public OptionalLong leaseAgeMillis(long accountIndex) {
    Held lease = held.get(accountIndex);
    return lease == null ? OptionalLong.empty()
      : OptionalLong.of(Duration.ofNanos(nanoClock.getAsLong() - lease.startNanos()).toMillis());
  }
}
