package io.copytrader.journal;

import io.copytrader.Side;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/** A journaled order (one signed transaction) with its outcome so far. */
public record OrderRecord(
  String requestId,
  int ordinal,
  OrderPurpose purpose,
  int marketId,
  long clientOrderIndex,
  long nonce,
  int apiKeyIndex,
  int txType,
  String txHash,
  String txInfo,
  Side side,
  BigDecimal baseAmount,
  BigDecimal price,
  BigDecimal triggerPrice,
  OrderState state,
  BigDecimal filledBase,
  BigDecimal averagePrice,
  String exchangeStatus,
  String errorCode,
  String errorMessage,
  Instant createdAt,
  Instant sentAt,
  Instant updatedAt) {

  /** The HTTP shape; money as plain decimal strings. The signed tx_info is for reconciliation, not shown. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("ordinal", ordinal)
      .put("purpose", purpose.wire())
      .put("market_id", marketId)
      .put("client_order_index", clientOrderIndex)
      .put("nonce", nonce)
      .put("api_key_index", apiKeyIndex)
      .put("tx_type", txType)
      .put("tx_hash", txHash)
      .put("side", side == null ? null : side.wire())
      .put("base_amount", plain(baseAmount))
      .put("price", plain(price))
      .put("trigger_price", plain(triggerPrice))
      .put("state", state.wire())
      .put("filled_base", plain(filledBase))
      .put("average_price", plain(averagePrice))
      .put("exchange_status", exchangeStatus)
      .put("error_code", errorCode)
      .put("error_message", errorMessage)
      .put("created_at", RequestRecord.iso(createdAt))
      .put("sent_at", RequestRecord.iso(sentAt))
      .put("updated_at", RequestRecord.iso(updatedAt));
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
