package io.copytrader.journal;

import java.time.Instant;
import java.util.Map;

/**
 * An account's opening orders (entries: opens and increases) as the journal rebuilds them for the rails: every
 * entry order that may have executed counts, i.e. all but those the exchange rejected and those cancelled unfilled.
 *
 * @param today how many were sent since 00:00 UTC
 * @param lastByMarket when the last one in each market was sent, over the last 24 hours
 */
public record OpeningActivity(int today, Map<Integer, Instant> lastByMarket) {

  public OpeningActivity {
    lastByMarket = Map.copyOf(lastByMarket);
  }
}
