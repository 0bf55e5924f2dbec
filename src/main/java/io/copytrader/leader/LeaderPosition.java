package io.copytrader.leader;

import io.copytrader.lighter.AccountPosition;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A leader's position in one market.
 *
 * @param size  signed base amount (negative short), zero when flat
 * @param entry average entry price, null when flat or not known
 */
public record LeaderPosition(int marketId, BigDecimal size, BigDecimal entry) {

  public LeaderPosition {
    Objects.requireNonNull(size, "size");
    size = size.signum() == 0 ? BigDecimal.ZERO : size.stripTrailingZeros();
    entry = size.signum() == 0 || entry == null || entry.signum() <= 0 ? null : entry;
  }

  static LeaderPosition of(AccountPosition row) {
    return new LeaderPosition((int) row.marketId(), row.signedPosition(), row.avgEntryPrice());
  }

  static LeaderPosition flat(int marketId) {
    return new LeaderPosition(marketId, BigDecimal.ZERO, null);
  }

  boolean sameSize(LeaderPosition other) {
    return size.compareTo(other.size) == 0;
  }
}
