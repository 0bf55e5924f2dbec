package io.copytrader.rails;

/**
 * What the kill switch lets through. {@link #HALT} refuses every opening and lets explicitly requested exits
 * through; {@link #FLATTEN} does the same and also has every position of the account closed with reduce-only
 * market orders, for as long as it is set (a position found after a restart is closed too).
 */
public enum KillMode {
  OFF,
  HALT,
  FLATTEN;

  /** The stricter of the two: {@code FLATTEN} over {@code HALT} over {@code OFF}. */
  public KillMode strictest(KillMode other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public String wire() {
    return WireName.of(this);
  }

  public static KillMode fromWire(String wire) {
    return WireName.parse(KillMode.class, wire);
  }
}
