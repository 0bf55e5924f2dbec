package io.copytrader.journal;

import java.util.Locale;

/** What a journaled request asks for: a trade (open or close) or an adjustment of a position. */
public enum RequestKind {
  TRADE,
  ADJUST;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RequestKind fromWire(String wire) {
    return Wire.parse(RequestKind.class, wire);
  }
}
