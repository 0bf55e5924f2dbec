package io.copytrader.market;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place where decimal amounts and prices become Lighter's integer ticks and back.
 * Every conversion names its rounding; an amount that does not fit a long is an error, never a wrap.
 */
public final class Ticks {

  private Ticks() {
  }

  public static long toTicks(BigDecimal value, int decimals, RoundingMode rounding) {
    return value.movePointRight(decimals).setScale(0, rounding).longValueExact();
  }

  public static BigDecimal fromTicks(long ticks, int decimals) {
    return BigDecimal.valueOf(ticks, decimals);
  }

  /** Rounds a decimal to the given number of decimals (the market's tick). */
  public static BigDecimal round(BigDecimal value, int decimals, RoundingMode rounding) {
    return value.setScale(decimals, rounding);
  }
}
