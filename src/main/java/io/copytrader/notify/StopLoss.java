package io.copytrader.notify;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A resting stop-loss order protecting a position.
 *
 * @param positionSide the side of the protected position (the order itself is on the opposite side)
 * @param triggerPrice the price at which the stop fires
 * @param size base amount the stop closes
 */
public record StopLoss(Side positionSide, BigDecimal triggerPrice, BigDecimal size) {

  public StopLoss {
    Objects.requireNonNull(positionSide, "positionSide");
    Objects.requireNonNull(triggerPrice, "triggerPrice");
    Objects.requireNonNull(size, "size");
  }
}
