package io.copytrader.rails;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order about to be sent, as the rails see it.
 *
 * @param reduceOnly whether the order is reduce-only: such an order is an exit whatever the intent says
 * @param symbol the market's symbol, checked against the allowlist
 * @param size the base amount, positive, a multiple of {@code sizeStep}
 * @param worstPrice the worst acceptable price the order carries, or null when none could be had (the caps and
 *   the margin rail then refuse: they fail closed)
 * @param sizeStep the market's size step: a cut size is rounded down to it
 * @param initialMarginFraction the margin the market asks per unit of notional (0.05 = 20×), or null when not
 *   known (the margin rail then refuses)
 * @param fingerprint what makes two signals identical for the dedupe rail (the journal's request fingerprint)
 * @param receivedAt when the signal was received: the dedupe rail measures from it, so time spent queued does not
 *   turn a repeat into a new signal
 */
public record RailRequest(
  TradeIntent intent,
  boolean reduceOnly,
  int marketId,
  String symbol,
  Side side,
  BigDecimal size,
  BigDecimal worstPrice,
  BigDecimal sizeStep,
  BigDecimal initialMarginFraction,
  String fingerprint,
  Instant receivedAt) {

  public RailRequest {
    if (intent == null || symbol == null || side == null || fingerprint == null || receivedAt == null) {
      throw new NullPointerException("an order for the rails needs an intent, a symbol, a side, a fingerprint and"
        + " the time it was received");
    }
    if (size == null || size.signum() <= 0) {
      throw new IllegalArgumentException("an order's size must be above 0");
    }
    if (sizeStep == null || sizeStep.signum() <= 0) {
      throw new IllegalArgumentException("a market's size step must be above 0");
    }
  }

  public boolean isExit() {
    return reduceOnly || intent.isExit();
  }

  /** +1 for a buy, -1 for a sell: the direction the order moves the signed position. */
  int direction() {
    return side == Side.BUY ? 1 : -1;
  }
}
