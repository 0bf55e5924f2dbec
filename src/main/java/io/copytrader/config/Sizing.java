package io.copytrader.config;

import java.util.Locale;

/** How a follower's target position follows from the leader's (README.md, "Copying a leader"). */
public enum Sizing {
  /** Follower notional = leader notional ÷ leader equity × follower equity × copy_ratio. */
  EQUITY_RATIO,
  /** Follower size = leader size × copy_ratio. */
  FIXED_RATIO,
  /** copy_notional USDC per position, on the leader's side. */
  FIXED_NOTIONAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The sizing named {@code text}, or null when none is. */
  public static Sizing fromWire(String text) {
    for (Sizing sizing : values()) {
      if (sizing.wire().equals(text)) {
        return sizing;
      }
    }
    return null;
  }
}
