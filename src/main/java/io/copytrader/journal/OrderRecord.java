package io.copytrader.journal;

import io.copytrader.Side;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/** A journaled order (one signed transaction, as journaled before it was sent) with its outcome so far. */
public record OrderRecord(
  NewOrder order,
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
      .put("ordinal", order.ordinal())
      .put("purpose", order.purpose().wire())
      .put("market_id", order.marketId())
      .put("client_order_index", order.clientOrderIndex())
      .put("nonce", order.nonce())
      .put("api_key_index", order.apiKeyIndex())
      .put("tx_type", order.txType())
      .put("tx_hash", order.txHash())
      .put("side", order.side() == null ? null : order.side().wire())
      .put("base_amount", plain(order.baseAmount()))
      .put("price", plain(order.price()))
      .put("trigger_price", plain(order.triggerPrice()))
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
