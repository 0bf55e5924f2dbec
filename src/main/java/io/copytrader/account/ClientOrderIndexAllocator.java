package io.copytrader.account;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Issues the {@code ClientOrderIndex} of every order one account sends: strictly increasing, unique across
 * restarts, within Lighter's 1 .. 2^48 − 1. A retry of the same order reuses its index, which lets the executor
 * find an earlier unanswered attempt on the exchange ({@code accountOrders}) before sending again; while that
 * attempt is still live the exchange also refuses the duplicate (21728). A finished IOC order frees its index,
 * so the lookup, not 21728, is what prevents a second fill.
 */
public final class ClientOrderIndexAllocator {

  /** Lighter's largest ClientOrderIndex; 0 means "none". */
  public static final long MAX_INDEX = (1L << 48) - 1;

  /*
   * Each index is at least the wall clock in milliseconds × 64: after a restart the clock has moved on, so new
   * indices lie above anything issued before even when the last one was not restored, while 64 indices fit in
   * each millisecond before the counter has to run ahead of the clock (it then just counts on from the last
   * one). The largest index, 2^48 − 1, divided by 64 is 2^42 ms, about 139 years after 1970: this scheme lasts
   * until about the year 2109. The Python service counted from 1 in memory, far below any of these values.
   */
  private static final long PER_MILLISECOND = 64;

  private final LongSupplier epochMillis;
  private final AtomicLong lastIssued;

  /**
   * @param epochMillis the wall clock
   * @param lastIssued the last index issued for the account (from the journal), or 0 when none is known
   */
  public ClientOrderIndexAllocator(LongSupplier epochMillis, long lastIssued) {
    if (lastIssued < 0 || lastIssued > MAX_INDEX) {
      throw new IllegalArgumentException("last issued client order index out of range: " + lastIssued);
    }
    this.epochMillis = epochMillis;
    this.lastIssued = new AtomicLong(lastIssued);
  }

  public ClientOrderIndexAllocator(long lastIssued) {
    this(System::currentTimeMillis, lastIssued);
  }

  /** The next index: above every index issued before, whatever the clock does. */
  public long next() {
    long floor = Math.multiplyExact(epochMillis.getAsLong(), PER_MILLISECOND);
    long issued = lastIssued.updateAndGet(last -> Math.max(last + 1, floor));
    if (issued > MAX_INDEX) {
      throw new IllegalStateException("client order index " + issued + " is beyond Lighter's range");
    }
    return issued;
  }
}
