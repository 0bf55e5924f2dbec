package io.copytrader.account;

import java.util.Locale;

/** What a signal asks for; {@code POSITION} asks for a target position (README "POST /api/position"). */
public enum TradeAction {
  LONG, SHORT, CLOSE, INCREASE, DECREASE, POSITION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the request only ever reduces exposure: exits are never dropped for their age. */
  public boolean isExit() {
    return this == CLOSE || this == DECREASE;
  }

  public boolean isAdjust() {
    return this == INCREASE || this == DECREASE;
  }

  public static TradeAction fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
