package io.copytrader.rails;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the rails know of an account when an order is checked. Money figures are null when the exchange did not
 * give them; a rail that needs a missing figure refuses.
 *
 * @param positions the open positions by market id
 * @param equity the account's equity (Lighter's {@code total_asset_value})
 * @param availableMargin the margin free for new orders (Lighter's {@code available_balance})
 * @param equityPeak the highest equity seen (see {@link EquityMarks})
 * @param realizedPnlToday what equity gained since 00:00 UTC apart from unrealized PnL (see {@link EquityMarks})
 * @param unrealizedPnlToday the change of unrealized PnL since 00:00 UTC
 * @param openingOrdersToday opening orders (open and increase) executed since 00:00 UTC
 * @param lastOpeningByMarket when the last opening order in each market was sent
 * @param recentSignals when each signal fingerprint was last received before the one being checked
 */
public record AccountState(
  Map<Integer, MarketExposure> positions,
  BigDecimal equity,
  BigDecimal availableMargin,
  BigDecimal equityPeak,
  BigDecimal realizedPnlToday,
  BigDecimal unrealizedPnlToday,
  int openingOrdersToday,
  Map<Integer, Instant> lastOpeningByMarket,
  Map<String, Instant> recentSignals) {

  public AccountState {
    positions = Map.copyOf(positions);
    lastOpeningByMarket = Map.copyOf(lastOpeningByMarket);
    recentSignals = Map.copyOf(recentSignals);
    if (openingOrdersToday < 0) {
      throw new IllegalArgumentException("opening orders today cannot be negative");
    }
  }

  /** The signed position in {@code marketId}, zero when flat. */
  BigDecimal signedSize(int marketId) {
    return Optional.ofNullable(positions.get(marketId)).map(MarketExposure::signedSize).orElse(BigDecimal.ZERO);
  }
}
