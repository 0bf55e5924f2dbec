package io.copytrader.rails;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A 10,000 USD account with nothing open and an ETH (market 0) buy of 1 at a worst price of 2,000 with a 0.05
 * initial margin: every rail passes it under {@link RailLimits#DEFAULTS}. Tests change one figure at a time.
 */
final class RailFixtures {

  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  static final int ETH = 0;
  static final int BTC = 1;

  private RailFixtures() {
  }

  static BigDecimal dec(String text) {
    return text == null ? null : new BigDecimal(text);
  }

  static RailRequest opening(String size) {
    return request(TradeIntent.OPEN, false, "ETH", Side.BUY, size, "2000");
  }

  static RailRequest request(TradeIntent intent, boolean reduceOnly, String symbol, Side side, String size,
                             String worstPrice) {
    return new RailRequest(intent, reduceOnly, ETH, symbol, side, dec(size), dec(worstPrice), dec("0.01"),
      dec("0.05"), "fingerprint-1", NOW);
  }

  static RailLimits limits(RailOverrides overrides) {
    return RailLimits.merge(RailLimits.DEFAULTS, overrides);
  }

  static RailOverrides overrides(String maxPositionUsd, String maxLeverage) {
    return new RailOverrides(null, dec(maxPositionUsd), dec(maxLeverage), null, null, null, null, null, null, null);
  }

  static RailOverrides windows(Duration cooldown, Duration dedupeWindow) {
    return new RailOverrides(null, null, null, null, null, null, cooldown, dedupeWindow, null, null);
  }

  /** A mutable account state for tests, built into an {@link AccountState}. */
  static final class State {
    final Map<Integer, MarketExposure> positions = new HashMap<>();
    BigDecimal equity = dec("10000");
    BigDecimal available = dec("9000");
    BigDecimal peak = dec("10000");
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal unrealized = BigDecimal.ZERO;
    int openingOrders;
    final Map<Integer, Instant> lastOpening = new HashMap<>();
    final Map<String, Instant> recentSignals = new HashMap<>();

    State position(int marketId, String signedSize, String markPrice) {
      positions.put(marketId, new MarketExposure(dec(signedSize), dec(markPrice)));
      return this;
    }

    AccountState build() {
      return new AccountState(positions, equity, available, peak, realized, unrealized, openingOrders, lastOpening,
        recentSignals);
    }
  }

  static RailOutcome evaluate(RailLimits limits, RailRequest request, State state) {
    return RailEvaluator.evaluate(limits, KillMode.OFF, request, state.build(), NOW);
  }

  static RailVerdict verdictOf(RailOutcome outcome, Rail rail) {
    return outcome.verdicts().stream().filter(verdict -> verdict.rail() == rail).findFirst().orElseThrow();
  }
}
