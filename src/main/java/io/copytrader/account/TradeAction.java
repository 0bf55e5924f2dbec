package io.copytrader.account;

import java.util.Locale;

/** What a signal asks for. */
public enum TradeAction {
  LONG, SHORT, CLOSE, INCREASE, DECREASE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isAdjust() {
    return this == INCREASE || this == DECREASE;
  }

  public static TradeAction fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
