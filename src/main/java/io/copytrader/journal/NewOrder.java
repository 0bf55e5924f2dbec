package io.copytrader.journal;

import io.copytrader.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One signed transaction, journaled before it is sent. A re-signed retry (new nonce) is a new ordinal
 * with the same client order index, so the exchange turns a double send into a duplicate rejection and
 * the journal keeps every transaction that may have reached it.
 *
 * @param ordinal position within the request, from 0
 * @param clientOrderIndex the index the transaction creates or, for modify and cancel, addresses
 * @param txType Lighter transaction type code
 * @param txInfo the signed transaction JSON as sent (it holds a signature, never a private key)
 * @param side buy or sell, null for a cancel
 * @param baseAmount base size, null for a cancel
 * @param price limit or worst acceptable price, null for a cancel
 * @param triggerPrice stop trigger price, null when not a stop order
 */
public record NewOrder(
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
  BigDecimal triggerPrice) {

  public NewOrder {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(txInfo, "txInfo");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must not be negative");
    }
    if (clientOrderIndex < 0) {
      throw new IllegalArgumentException("clientOrderIndex must not be negative");
    }
  }
}
