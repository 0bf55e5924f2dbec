package io.copytrader.rails;

/** What an order does to the account's position in its market; closes and decreases are exits. */
public enum TradeIntent {
  OPEN,
  INCREASE,
  CLOSE,
  DECREASE;

  public boolean isExit() {
    return this == CLOSE || this == DECREASE;
  }
}
