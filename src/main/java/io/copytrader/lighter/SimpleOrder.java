package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** One resting order of the public book ({@code orderBookOrders}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimpleOrder(
  long orderIndex,
  String orderId,
  long ownerAccountIndex,
  BigDecimal initialBaseAmount,
  BigDecimal remainingBaseAmount,
  BigDecimal price,
  long orderExpiry,
  long transactionTime) {
}
