package io.copytrader.config;

import java.util.Locale;

/** What the protection supervisor does with a position the service did not open ({@code PROTECT_EXTERNAL_POSITIONS}). */
public enum ExternalPositions {
  /** Give it the same stop-loss as the service's own positions. */
  PROTECT,
  /** Leave it alone and tell operators once per size it is seen with. */
  REPORT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
