package io.copytrader.paper;

import java.util.Objects;
import java.util.Set;

/**
 * How the paper exchange settles what Lighter's sources leave open about grouped and size-0 orders
 * (docs/lighter-api.md, "Grouped orders", "Not established"). The defaults are the readings under which a client
 * has the most to do to stay protected, so a client tested against them stays safe whichever way Lighter behaves.
 *
 * @param childrenArmed when the children of an OTO / OTOCO parent become active
 * @param zeroSizeOrder what a stand-alone reduce-only CreateOrder of {@code BaseAmount} 0 is
 * @param refusal whether grouped orders are refused at intake, as an exchange (or an account or market of it)
 *   that does not take them would: what a client's fallback to separate orders is tested against
 */
public record GroupedAssumptions(ChildrenArmed childrenArmed, ZeroSizeOrder zeroSizeOrder, Refusal refusal) {

  /** When a parent's children are armed (trigger on the mark price), sized to what the parent executed. */
  public enum ChildrenArmed {
    /**
     * Only when the parent has filled completely; a parent that ends partly filled (an IOC remainder cancelled, a
     * resting parent cancelled or expired) takes its children with it ({@code canceled-child}), leaving what it
     * did fill unprotected. The default.
     */
    FULL_FILL,
    /** At the parent's first fill, re-sized as it keeps filling; they stay when the parent ends partly filled. */
    ANY_FILL
  }

  /** A stand-alone reduce-only CreateOrder of {@code BaseAmount} 0 (a grouped order's legs are not concerned). */
  public enum ZeroSizeOrder {
    /** Refused at intake with 21701 "invalid base amount", so nothing relies on it unnoticed. The default. */
    REFUSED,
    /** Accepted as position-tied: it closes the whole position when it executes, and ends at flat or flip. */
    POSITION_TIED
  }

  /**
   * Grouped orders (tx type 28) refused with {@code code}, in {@code markets} (every market when empty) for
   * {@code accounts} (every account when empty): at intake, or ({@code inSequencer}) taken in and failed when the
   * sequencer applies them, nothing of them applied and the error in the transaction's {@code event_info}.
   * {@link #NONE} refuses nothing. Not a reading of Lighter: how it would refuse, if it did, is not established
   * (docs/lighter-api.md, "Grouped orders").
   */
  public record Refusal(int code, Set<Integer> markets, Set<Long> accounts, boolean inSequencer) {

    public static final Refusal NONE = new Refusal(0, Set.of(), Set.of(), false);

    public Refusal {
      markets = Set.copyOf(markets);
      accounts = Set.copyOf(accounts);
    }

    /** The code refusing a group of {@code accountIndex} in {@code marketId}, or 0. */
    public int code(long accountIndex, int marketId, boolean atSequencer) {
      if (atSequencer != inSequencer) {
        return 0;
      }
      boolean market = markets.isEmpty() || markets.contains(marketId);
      boolean account = accounts.isEmpty() || accounts.contains(accountIndex);
      return market && account ? code : 0;
    }
  }

  public GroupedAssumptions {
    Objects.requireNonNull(childrenArmed, "childrenArmed");
    Objects.requireNonNull(zeroSizeOrder, "zeroSizeOrder");
    Objects.requireNonNull(refusal, "refusal");
  }

  /** The given readings, refusing no grouped order. */
  public GroupedAssumptions(ChildrenArmed childrenArmed, ZeroSizeOrder zeroSizeOrder) {
    this(childrenArmed, zeroSizeOrder, Refusal.NONE);
  }

  public static GroupedAssumptions defaults() {
    return new GroupedAssumptions(ChildrenArmed.FULL_FILL, ZeroSizeOrder.REFUSED);
  }
}
