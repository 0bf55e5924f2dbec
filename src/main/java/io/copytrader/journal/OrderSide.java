package io.copytrader.journal;

import java.util.Locale;

/** The side of an order; a cancel transaction has none. */
public enum OrderSide {
  BUY,
  SELL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderSide fromWire(String wire) {
    return Wire.parse(OrderSide.class, wire);
  }
}
