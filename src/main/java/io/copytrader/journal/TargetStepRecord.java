package io.copytrader.journal;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One journaled step of a target position: its number within the request (a retry that plans again adds steps),
 * what it does ({@code open}, {@code increase}, {@code decrease}, {@code close}), its order's side and size, the
 * client order index of its order once one is signed, and its outcome with the reason for anything but a fill.
 */
public record TargetStepRecord(int step, String kind, Side side, BigDecimal base, Long clientOrderIndex,
                               StepOutcome outcome, String detail) {

  public TargetStepRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(outcome, "outcome");
    if (step < 0) {
      throw new IllegalArgumentException("step must not be negative");
    }
  }

  public TargetStepRecord with(Long orderIndex, StepOutcome now, String why) {
    return new TargetStepRecord(step, kind, side, base, orderIndex, now, why);
  }
}
