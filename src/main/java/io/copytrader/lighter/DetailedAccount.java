package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** An account with balances and positions ({@code account}). {@code status} 1 = active. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DetailedAccount(
  int accountType,
  long index,
  long accountIndex,
  String l1Address,
  long cancelAllTime,
  long totalOrderCount,
  long totalIsolatedOrderCount,
  long pendingOrderCount,
  BigDecimal availableBalance,
  int status,
  BigDecimal collateral,
  long transactionTime,
  List<AccountPosition> positions,
  List<AccountAsset> assets,
  BigDecimal totalAssetValue,
  BigDecimal crossAssetValue) {

  public DetailedAccount {
    positions = positions == null ? List.of() : List.copyOf(positions);
    assets = assets == null ? List.of() : List.copyOf(assets);
  }

  public Optional<AccountPosition> position(long marketId) {
    return positions.stream().filter(row -> row.marketId() == marketId).findFirst();
  }

  public List<AccountPosition> openPositions() {
    return positions.stream().filter(AccountPosition::open).toList();
  }
}
