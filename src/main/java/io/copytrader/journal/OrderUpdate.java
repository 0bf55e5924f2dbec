package io.copytrader.journal;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The outcome of an order, applied after it is sent or reconciled. A null field keeps the stored value.
 *
 * @param exchangeStatus the exchange's order status or cancel reason (e.g. {@code canceled-too-much-slippage})
 */
public record OrderUpdate(
  OrderState state,
  String txHash,
  BigDecimal filledBase,
  BigDecimal averagePrice,
  String exchangeStatus,
  String errorCode,
  String errorMessage) {

  public OrderUpdate {
    Objects.requireNonNull(state, "state");
  }

  public static OrderUpdate sent(String txHash) {
    return new OrderUpdate(OrderState.SENT, txHash, null, null, null, null, null);
  }

  public static OrderUpdate rejected(String errorCode, String errorMessage) {
    return new OrderUpdate(OrderState.REJECTED, null, null, null, null, errorCode, errorMessage);
  }

  public static OrderUpdate unknown(String errorCode, String errorMessage) {
    return new OrderUpdate(OrderState.UNKNOWN, null, null, null, null, errorCode, errorMessage);
  }

  public static OrderUpdate fill(OrderState state, BigDecimal filledBase, BigDecimal averagePrice,
                                 String exchangeStatus) {
    return new OrderUpdate(state, null, filledBase, averagePrice, exchangeStatus, null, null);
  }
}
