package io.copytrader.rails;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where one loss rail ({@link Rail#MAX_DAILY_LOSS} in USD, {@link Rail#MAX_DRAWDOWN} in percent) stands.
 *
 * @param used the loss so far, or null when a figure it needs is missing ({@link LossLevel#UNKNOWN})
 */
public record LossCheck(Rail rail, LossLevel level, BigDecimal used, BigDecimal limit) {

  public LossCheck {
    Objects.requireNonNull(rail, "rail");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(limit, "limit");
  }
}
