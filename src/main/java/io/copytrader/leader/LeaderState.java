package io.copytrader.leader;

import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What a leader holds: its open positions by market and its equity (null when not known yet).
 */
public record LeaderState(Map<Integer, LeaderPosition> positions, BigDecimal equity) {

  public LeaderState {
    Map<Integer, LeaderPosition> open = new HashMap<>();
    positions.values().stream().filter(position -> position.size().signum() != 0)
      .forEach(position -> open.put(position.marketId(), position));
    positions = Map.copyOf(open);
  }

  static LeaderState of(DetailedAccount account) {
    Map<Integer, LeaderPosition> positions = new HashMap<>();
    account.positions().forEach(row -> positions.put((int) row.marketId(), LeaderPosition.of(row)));
    return new LeaderState(positions, account.totalAssetValue());
  }

  /** This state with the stream's changed rows laid over it, equity kept. */
  LeaderState with(Collection<AccountPosition> changed) {
    Map<Integer, LeaderPosition> merged = new HashMap<>(positions);
    changed.forEach(row -> merged.put((int) row.marketId(), LeaderPosition.of(row)));
    return new LeaderState(merged, equity);
  }

  LeaderPosition position(int marketId) {
    return positions.getOrDefault(marketId, LeaderPosition.flat(marketId));
  }
}
