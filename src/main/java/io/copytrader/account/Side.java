package io.copytrader.account;

/** The side of an order: Lighter's {@code IsAsk} is 1 for {@link #SELL} and 0 for {@link #BUY}. */
public enum Side {
  BUY, SELL;

  public boolean isAsk() {
    return this == SELL;
  }

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }
}
