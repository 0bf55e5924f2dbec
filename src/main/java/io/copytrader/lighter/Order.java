package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One order of an account ({@code accountActiveOrders}, {@code accountOrders}). Enumerations stay the
 * exchange's strings: {@code type} "limit", "market", "stop-loss", "stop-loss-limit", …; {@code status}
 * "open", "pending", "filled", "canceled-too-much-slippage", ….
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Order(
  long orderIndex,
  long clientOrderIndex,
  String orderId,
  String clientOrderId,
  long marketIndex,
  long ownerAccountIndex,
  BigDecimal initialBaseAmount,
  BigDecimal remainingBaseAmount,
  BigDecimal filledBaseAmount,
  BigDecimal filledQuoteAmount,
  BigDecimal price,
  long baseSize,
  long basePrice,
  long nonce,
  @JsonProperty("is_ask") boolean isAsk,
  String side,
  String type,
  String timeInForce,
  boolean reduceOnly,
  BigDecimal triggerPrice,
  long orderExpiry,
  String status,
  String triggerStatus,
  long triggerTime,
  long parentOrderIndex,
  long blockHeight,
  long timestamp,
  long createdAt,
  long updatedAt,
  long transactionTime,
  @JsonProperty("to_cancel_order_id_0") String toCancelOrderId0) {

  /**
   * The order this one cancels when it triggers (its OCO sibling), or 0: Lighter's {@code to_cancel_order_id_0}, a
   * string of the order index (docs/lighter-api.md, "Grouped orders").
   */
  public long cancelsOrderIndex() {
    if (toCancelOrderId0 == null || toCancelOrderId0.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(toCancelOrderId0.trim());
    } catch (NumberFormatException notAnIndex) {
      return 0;
    }
  }

  public boolean stopLoss() {
    return "stop-loss".equals(type) || "stop-loss-limit".equals(type);
  }

  public boolean takeProfit() {
    return "take-profit".equals(type) || "take-profit-limit".equals(type);
  }

  public boolean live() {
    return "open".equals(status) || "pending".equals(status) || "in-progress".equals(status);
  }
}
