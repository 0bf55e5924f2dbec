package io.copytrader.journal;

import java.util.Locale;

/**
 * What a journaled request asks for: a trade (open or close), an adjustment of a position, or a protection run
 * (the account's stop-losses brought in line with its positions, started by the service itself), a target position
 * ({@code POST /api/position}) or a target a followed leader's change produced ({@code follow}).
 */
public enum RequestKind {
  TRADE,
  ADJUST,
  PROTECTION,
  POSITION,
  FOLLOW;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RequestKind fromWire(String wire) {
    return Wire.parse(RequestKind.class, wire);
  }
}
