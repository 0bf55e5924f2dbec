package io.copytrader.testing;

import java.util.Map;

/** Risk rails for services under test whose subject is something else. */
public final class TestRails {

  /**
   * Rails wide enough that no test of something else meets them (the tests of the rails set their own): the caps
   * and loss limits far beyond a test account's 10,000 USDC, no cooldown, no dedupe window, no margin floor.
   */
  public static final Map<String, String> WIDE = Map.of("MAX_POSITION_USD", "100000000", "MAX_LEVERAGE", "100",
    "MAX_DAILY_LOSS_USD", "100000000", "MAX_DRAWDOWN_PCT", "100", "MAX_ORDERS_PER_DAY", "1000000",
    "COOLDOWN_SECONDS", "0", "DEDUPE_WINDOW_SECONDS", "0", "MIN_AVAILABLE_MARGIN_PCT", "0");

  private TestRails() {
  }
}
