package io.copytrader.leader;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How far a follower's position is from its target, as a fraction of the follower's equity:
 * |target − actual| × price ÷ equity. Above the follower's {@code drift_tolerance} it is corrected.
 */
record Drift(BigDecimal target, BigDecimal actual, BigDecimal fraction) {

  /** The drift at {@code price}; with no equity, any difference counts as total drift. */
  static Drift of(BigDecimal target, BigDecimal actual, BigDecimal price, BigDecimal equity) {
    BigDecimal difference = target.subtract(actual).abs();
    if (difference.signum() == 0) {
      return new Drift(target, actual, BigDecimal.ZERO);
    }
    if (equity == null || equity.signum() <= 0 || price == null || price.signum() <= 0) {
      return new Drift(target, actual, BigDecimal.ONE);
    }
    return new Drift(target, actual, difference.multiply(price).divide(equity, MathContext.DECIMAL64));
  }

  boolean above(BigDecimal tolerance) {
    return fraction.compareTo(tolerance) > 0;
  }

  /** Whether moving from the actual position to the target only reduces it (exits pass a stale feed). */
  static boolean reduces(BigDecimal actual, BigDecimal target) {
    return target.signum() == 0 || (target.signum() == actual.signum() && target.abs().compareTo(actual.abs()) < 0);
  }
}
