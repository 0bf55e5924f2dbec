package io.copytrader.lighter.signer;

import static io.copytrader.lighter.signer.TxRules.range;

/**
 * The ten order fields lighter-go calls {@code OrderInfo}, shared by CreateOrder (14) and each order of
 * CreateGroupedOrders (28): same field order in the hash and in tx_info (docs/lighter-api.md, "Grouped orders").
 * Amounts and prices are integer ticks, {@code orderExpiry} epoch milliseconds, 0 the nil value of
 * clientOrderIndex, baseAmount (reduce-only only), triggerPrice and orderExpiry.
 */
public record OrderInfo(int marketIndex, long clientOrderIndex, long baseAmount, long price, int isAsk, int type,
    int timeInForce, int reduceOnly, long triggerPrice, long orderExpiry) {

  /** The field elements of the order in lighter-go's order, as raw words (the caller takes them mod p). */
  long[] hashElements() {
    return new long[] {marketIndex, clientOrderIndex, baseAmount, price, isAsk, type, timeInForce, reduceOnly,
        triggerPrice, orderExpiry};
  }

  /** Appends the fields as Go's json.Marshal writes them, without braces. */
  void appendJsonFields(StringBuilder json) {
    json.append("\"MarketIndex\":").append(marketIndex)
        .append(",\"ClientOrderIndex\":").append(clientOrderIndex)
        .append(",\"BaseAmount\":").append(baseAmount)
        .append(",\"Price\":").append(price)
        .append(",\"IsAsk\":").append(isAsk)
        .append(",\"Type\":").append(type)
        .append(",\"TimeInForce\":").append(timeInForce)
        .append(",\"ReduceOnly\":").append(reduceOnly)
        .append(",\"TriggerPrice\":").append(triggerPrice)
        .append(",\"OrderExpiry\":").append(orderExpiry);
  }

  /**
   * The range checks of a grouped order after its market and client order index, in lighter-go's order;
   * {@code at} prefixes the field names.
   */
  void validateRanges(String at) {
    TxRules.baseAmount(at + "BaseAmount", baseAmount, reduceOnly);
    range(at + "Price", price, 1, TxRules.MAX_PRICE);
    range(at + "IsAsk", isAsk, 0, 1);
    range(at + "TimeInForce", timeInForce, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, CreateOrderTx.TIF_POST_ONLY);
    range(at + "ReduceOnly", reduceOnly, 0, 1);
    range(at + "OrderExpiry", orderExpiry, 0, Long.MAX_VALUE);
    range(at + "TriggerPrice", triggerPrice, 0, TxRules.MAX_PRICE);
  }
}
