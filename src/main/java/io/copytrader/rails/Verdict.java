package io.copytrader.rails;

/** What one rail made of an order: let it through, reduce it to fit (caps only), or refuse it. */
public enum Verdict {
  PASS,
  CUT,
  REFUSE;

  public String wire() {
    return WireName.of(this);
  }

  public static Verdict fromWire(String wire) {
    return WireName.parse(Verdict.class, wire);
  }
}
