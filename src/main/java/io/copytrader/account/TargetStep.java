package io.copytrader.account;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One order of a target position's plan ({@link TargetPlanner}): what it does to the position, its side and size.
 *
 * @param skipped why the step is not sent (its size is below the market's minimum order), or null when it is
 */
public record TargetStep(Kind kind, Side side, BigDecimal base, String skipped) {

  /** What a step does to the position; {@link #addsExposure()} says which ones the rails and no-chase check. */
  public enum Kind {
    OPEN, INCREASE, DECREASE, CLOSE;

    public boolean addsExposure() {
      return this == OPEN || this == INCREASE;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromWire(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  public TargetStep {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(base, "base");
  }

  /** Only reduces the position: a reduce-only order. */
  public boolean reduceOnly() {
    return !kind.addsExposure();
  }

  public boolean sendable() {
    return skipped == null;
  }
}
