package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** The scalar part of an account, as listed by {@code accountsByL1Address}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(
  int accountType,
  long index,
  String l1Address,
  long cancelAllTime,
  long totalOrderCount,
  long totalIsolatedOrderCount,
  long pendingOrderCount,
  BigDecimal availableBalance,
  int status,
  BigDecimal collateral,
  long transactionTime,
  int accountTradingMode) {
}
