package io.copytrader.paper;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An account of the paper exchange with its USDC collateral and registered API public keys
 * (key index → 80 hex characters).
 */
public record PaperAccount(long accountIndex, String l1Address, BigDecimal collateral,
                           Map<Integer, String> apiPublicKeysHex) {

  public PaperAccount {
    apiPublicKeysHex = Map.copyOf(apiPublicKeysHex);
  }
}
