package io.copytrader.campaign;

/** One broken guarantee in one seed's schedule, with what was seen. */
record Violation(Guarantee guarantee, long seed, String detail) {

  /** The guarantees the campaign checks after each schedule (see GuaranteeChecker). */
  enum Guarantee {
    /** Per request, at most one entry/close/reduce order executed; exchange fills match requests. */
    AT_MOST_ONCE,
    /** Every open position has exactly one live reduce-only stop-loss on its closing side covering it. */
    ALWAYS_PROTECTED,
    /** No request stays queued or executing. */
    ALWAYS_FINAL,
    /** No close or decrease ends expired. */
    EXITS_NEVER_DROPPED,
    /** At most one final-outcome Telegram notice per request. */
    REPORTED_ONCE,
    /** No account executed more openings than MAX_ORDERS_PER_DAY or holds a position beyond MAX_POSITION_USD. */
    RAILS_HELD,
    /** The schedule itself could not run (the service never came back, a check could not read a ledger). */
    HARNESS
  }

  @Override
  public String toString() {
    return guarantee + " seed " + seed + ": " + detail;
  }
}
