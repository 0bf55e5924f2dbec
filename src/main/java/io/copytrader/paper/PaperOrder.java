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
  /**
   * A reduce-only order created with base 0: it covers the whole position, whatever its size when it fills. Not
   * so a grouped order's child, which its parent's fills size (GroupedOrders).
   */
  boolean positionTied;
  /** The grouped parent whose fill arms this order, 0 for none. */
  long parentOrderIndex;
  /** The children this order's fill arms (0: none). */
  long triggersOrderIndex0;
  long triggersOrderIndex1;
  /** The OCO sibling this order cancels when it triggers, 0 for none. */
  long cancelsOrderIndex;
  BigDecimal initialBase;
  BigDecimal remainingBase;
  BigDecimal filledBase = BigDecimal.ZERO;
  BigDecimal filledQuote = BigDecimal.ZERO;
  BigDecimal price;
  BigDecimal triggerPrice;
  String status;
  String triggerStatus;
  long triggerTime;
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
    this.positionTied = reduceOnly && base.signum() == 0;
  }

  /** Stop-loss and take-profit orders (limit or not) wait for the mark price to cross their trigger. */
  boolean isConditional() {
    return type >= 2 && type <= 5;
  }

  /**
   * Whether the mark price has crossed the trigger: a stop-loss fires when the price moves against the position
   * it protects (a sell below, a buy above), a take-profit when it moves in its favour.
   */
  boolean triggeredAt(BigDecimal mark) {
    boolean stopLoss = type == 2 || type == 3;
    boolean fireAtOrBelow = isAsk == stopLoss;
    int comparison = mark.compareTo(triggerPrice);
    return fireAtOrBelow ? comparison <= 0 : comparison >= 0;
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
