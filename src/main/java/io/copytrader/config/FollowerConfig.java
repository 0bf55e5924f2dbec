package io.copytrader.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An account of {@code ACCOUNTS} that follows a leader.
 *
 * @param markets          the symbols followed (upper case), or null for every market
 * @param copyNotional     USDC per position with {@link Sizing#FIXED_NOTIONAL}, else null
 * @param driftTolerance   the drift, as a fraction of the follower's equity, above which a correction is sent
 * @param noChaseTolerance how far past the leader's entry (a fraction) a correction may still add exposure, or null
 *                         for no bound
 */
public record FollowerConfig(
  long accountIndex,
  String leader,
  Sizing sizing,
  BigDecimal copyRatio,
  BigDecimal copyNotional,
  Set<String> markets,
  boolean copyExisting,
  BigDecimal driftTolerance,
  BigDecimal noChaseTolerance) {

  public FollowerConfig {
    Objects.requireNonNull(leader, "leader");
    Objects.requireNonNull(sizing, "sizing");
    Objects.requireNonNull(copyRatio, "copyRatio");
    Objects.requireNonNull(driftTolerance, "driftTolerance");
    markets = markets == null ? null : Set.copyOf(markets);
  }

  /** Whether the follower copies the leader in the market with this symbol. */
  public boolean follows(String symbol) {
    return markets == null || (symbol != null && markets.contains(symbol.toUpperCase(Locale.ROOT)));
  }
}
