package io.copytrader.journal;

import java.util.Locale;

/**
 * Where one step of a target position stands: {@code planned}, then {@code sent} once its order is signed, then what
 * became of it; a step never sent ends {@code skipped} (below the market's minimum order), {@code no_chase} (an entry
 * at a price worse than the leader's), {@code refused} (a rail or the kill switch), {@code rejected},
 * {@code expired} (an entry of a request older than its age limit) or {@code not_reached} (an earlier step did not
 * end filled).
 */
public enum StepOutcome {
  PLANNED,
  SENT,
  FILLED,
  PARTIALLY_FILLED,
  NOT_FILLED,
  UNKNOWN,
  SKIPPED,
  NO_CHASE,
  REFUSED,
  REJECTED,
  EXPIRED,
  NOT_REACHED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StepOutcome fromWire(String wire) {
    return Wire.parse(StepOutcome.class, wire);
  }
}
