package io.copytrader.rails;

/** The rails in the order they are checked; an opening refused by several is refused for the first. */
public enum Rail {
  KILL_SWITCH,
  SYMBOL_ALLOWLIST,
  DEDUPE,
  COOLDOWN,
  MAX_ORDERS_PER_DAY,
  MAX_DAILY_LOSS,
  MAX_DRAWDOWN,
  MAX_POSITION,
  MAX_LEVERAGE,
  MIN_AVAILABLE_MARGIN;

  /** The {@code error_code} of a request this rail refused: {@code RAIL_} and the name. */
  public String code() {
    return "RAIL_" + name();
  }

  public String wire() {
    return WireName.of(this);
  }

  public static Rail fromWire(String wire) {
    return WireName.parse(Rail.class, wire);
  }
}
