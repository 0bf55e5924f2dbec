package io.copytrader.market;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a market lets the service do besides exits, from {@code orderBookDetails} (docs/lighter-api.md, "Markets'
 * tradability"): {@code market_config.force_reduce_only}, {@code market_config.hidden},
 * {@code market_config.trading_hours} and {@code multiplier}. Exits (close, decrease, stop-losses) are always allowed;
 * opening or increasing a position only when none of these stands in the way.
 *
 * @param tradingHours Lighter's text as sent; empty when the market trades around the clock. Its format is not
 *   established, so any other value counts as "may be closed now"
 * @param multiplier the market's {@code multiplier}; its meaning is not established, so only 1 is traded
 */
public record MarketAccess(boolean forceReduceOnly, boolean hidden, String tradingHours, BigDecimal multiplier) {

  /** A market open to every order: what Lighter's main markets show. */
  public static final MarketAccess OPEN = new MarketAccess(false, false, "", BigDecimal.ONE);

  /** Trading hours longer than this are shortened in messages. */
  private static final int SHOWN_HOURS_CHARS = 64;

  public MarketAccess {
    Objects.requireNonNull(tradingHours, "tradingHours");
    // One value, one form: "1.000000000000000000" as Lighter prints it is the same multiplier as 1.
    multiplier = multiplier.stripTrailingZeros();
  }

  /** Why no position may be opened or increased in the market, or empty when it may. */
  public Optional<String> openingRefusal() {
    if (forceReduceOnly) {
      return Optional.of("is reduce-only (force_reduce_only)");
    }
    if (hidden) {
      return Optional.of("is hidden");
    }
    if (!tradingHours.isEmpty()) {
      String shown = tradingHours.length() > SHOWN_HOURS_CHARS
        ? tradingHours.substring(0, SHOWN_HOURS_CHARS) + "…" : tradingHours;
      return Optional.of("has trading hours (\"" + shown + "\") the service cannot read, so it may be closed");
    }
    if (multiplier.compareTo(BigDecimal.ONE) != 0) {
      return Optional.of("has multiplier " + multiplier.toPlainString()
        + ", whose meaning for sizes and prices is not established");
    }
    return Optional.empty();
  }
}
