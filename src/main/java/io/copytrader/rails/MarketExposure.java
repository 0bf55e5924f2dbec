package io.copytrader.rails;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An open position as the rails value it.
 *
 * @param signedSize the base amount, positive long, negative short
 * @param markPrice the market's mark price, or null when none is known (the leverage rail then refuses)
 */
public record MarketExposure(BigDecimal signedSize, BigDecimal markPrice) {

  public MarketExposure {
    Objects.requireNonNull(signedSize, "signedSize");
  }

  /** The notional at the mark price, or null without one. */
  public BigDecimal notional() {
    return markPrice == null ? null : signedSize.abs().multiply(markPrice);
  }
}
