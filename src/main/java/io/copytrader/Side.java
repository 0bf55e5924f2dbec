package io.copytrader;

import java.util.Locale;

/**
 * The side of an order, and the side a position is held on: Lighter's {@code IsAsk} is 1 for {@link #SELL} and 0
 * for {@link #BUY}; the journal and the HTTP API spell it "buy"/"sell"; notices name a position held on it (or a
 * fill that opens one) by its {@link #direction()}, LONG or SHORT. A cancel transaction has no side.
 */
public enum Side {
  BUY, SELL;

  public static Side ofAsk(boolean isAsk) {
    return isAsk ? SELL : BUY;
  }

  /** The side a position of this sign is held on: positive long ({@link #BUY}), negative short. */
  public static Side ofSign(int signum) {
    if (signum == 0) {
      throw new IllegalArgumentException("a flat position has no side");
    }
    return signum > 0 ? BUY : SELL;
  }

  public boolean isAsk() {
    return this == SELL;
  }

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** The journal's and the HTTP API's spelling: "buy" or "sell". */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A position held on this side, as notices name it: LONG for {@link #BUY}, SHORT for {@link #SELL}. */
  public String direction() {
    return this == BUY ? "LONG" : "SHORT";
  }
}
