package io.copytrader.paper;

import java.math.BigDecimal;

/** An order on the paper exchange; mutable, owned by the exchange's context. */
final class PaperOrder {

  final long orderIndex;
  final long clientOrderIndex;
  final int marketId;
  final long owner;
  final boolean isAsk;
  final int type;
  final int timeInForce;
  final boolean reduceOnly;
  final long orderExpiry;
  final long nonce;
  final long createdAt;
  BigDecimal initialBase;
  BigDecimal remainingBase;
  BigDecimal filledBase = BigDecimal.ZERO;
  BigDecimal filledQuote = BigDecimal.ZERO;
  BigDecimal price;
  BigDecimal triggerPrice;
  String status;
  String triggerStatus;
  long updatedAt;

  PaperOrder(long orderIndex, long clientOrderIndex, int marketId, long owner, boolean isAsk, int type, int timeInForce,
             boolean reduceOnly, BigDecimal base, BigDecimal price, BigDecimal triggerPrice, long orderExpiry,
             long nonce, long now) {
    this.orderIndex = orderIndex;
    this.clientOrderIndex = clientOrderIndex;
    this.marketId = marketId;
    this.owner = owner;
    this.isAsk = isAsk;
    this.type = type;
    this.timeInForce = timeInForce;
    this.reduceOnly = reduceOnly;
    this.initialBase = base;
    this.remainingBase = base;
    this.price = price;
    this.triggerPrice = triggerPrice;
    this.orderExpiry = orderExpiry;
    this.nonce = nonce;
    this.createdAt = now;
    this.updatedAt = now;
  }

  boolean live() {
    return "open".equals(status) || "pending".equals(status) || "in-progress".equals(status);
  }

  boolean isStop() {
    return type == 2 || type == 3;
  }

  void fill(BigDecimal base, BigDecimal quote) {
    filledBase = filledBase.add(base);
    filledQuote = filledQuote.add(quote);
    remainingBase = remainingBase.subtract(base);
  }

  String typeName() {
    return switch (type) {
      case 0 -> "limit";
      case 1 -> "market";
      case 2 -> "stop-loss";
      case 3 -> "stop-loss-limit";
      case 4 -> "take-profit";
      case 5 -> "take-profit-limit";
      default -> "twap";
    };
  }

  String timeInForceName() {
    return switch (timeInForce) {
      case 0 -> "immediate-or-cancel";
      case 1 -> "good-till-time";
      default -> "post-only";
    };
  }
}
