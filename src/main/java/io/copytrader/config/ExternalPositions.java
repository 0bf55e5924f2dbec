package io.copytrader.config;

import java.util.List;
import java.util.Locale;

/** What the protection supervisor does with a position the service did not open ({@code PROTECT_EXTERNAL_POSITIONS}). */
public enum ExternalPositions {
  /** Give it the same stop-loss as the service's own positions. */
  PROTECT,
  /** Leave it alone and tell operators once per size it is seen with. */
  REPORT;

  /** {@code PROTECT_EXTERNAL_POSITIONS}'s text (null when unset): the choice, {@link #REPORT} by default. */
  static ExternalPositions parse(String value, List<String> problems) {
    if (value == null || value.equalsIgnoreCase("report")) {
      return REPORT;
    }
    if (value.equalsIgnoreCase("protect")) {
      return PROTECT;
    }
    problems.add("PROTECT_EXTERNAL_POSITIONS must be protect or report, got " + ConfigParser.shown(value));
    return REPORT;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
