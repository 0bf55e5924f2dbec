package io.copytrader.account;

import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each market's initial margin fraction of one account as REST last reported it, in percent ("5.00" = 20x). The
 * stop-loss distance depends on it, and the streams' spelling of the same field is not established, so a stop is
 * computed from this (or from the market's default) and never from a streamed position. Fed by every protection
 * run's REST read and by each leverage change the exchange confirmed ({@link LeverageKeeper}); used from the
 * account's context only.
 */
final class MarginFractions {

  private final Map<Long, BigDecimal> percentByMarket = new HashMap<>();

  /** Takes the fractions of an account read from REST, never one read from a stream. */
  void recordFromRest(DetailedAccount account) {
    if (account.positions() == null) {
      return;
    }
    for (AccountPosition row : account.positions()) {
      if (row.initialMarginFraction() != null && row.initialMarginFraction().signum() > 0) {
        percentByMarket.put(row.marketId(), row.initialMarginFraction());
      }
    }
  }

  /** A fraction the exchange was shown to apply (a leverage change confirmed), in percent. */
  void record(long marketId, BigDecimal percent) {
    percentByMarket.put(marketId, percent);
  }

  Optional<BigDecimal> percent(long marketId) {
    return Optional.ofNullable(percentByMarket.get(marketId));
  }

  /** {@code position} with the fraction REST reported for the market, or none (the market default then applies). */
  Position established(long marketId, Position position) {
    return new Position(position.side(), position.size(), position.averageEntryPrice(),
      percent(marketId).orElse(null));
  }
}
