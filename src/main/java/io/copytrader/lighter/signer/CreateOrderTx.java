package io.copytrader.lighter.signer;

import static io.copytrader.lighter.signer.TxRules.range;
import static io.copytrader.lighter.signer.TxRules.require;

/**
 * L2CreateOrder (tx type 14). Amounts and prices are Lighter integer ticks; {@code orderExpiry} and
 * {@code expiredAt} are epoch milliseconds; 0 is the nil value of clientOrderIndex, triggerPrice and
 * orderExpiry.
 */
public record CreateOrderTx(long accountIndex, int apiKeyIndex, int marketIndex, long clientOrderIndex,
    long baseAmount, long price, int isAsk, int type, int timeInForce, int reduceOnly, long triggerPrice,
    long orderExpiry, long expiredAt, long nonce, TxAttributes attributes) implements LighterTx {

  public static final int TX_TYPE = 14;

  public static final int TYPE_LIMIT = 0;
  public static final int TYPE_MARKET = 1;
  public static final int TYPE_STOP_LOSS = 2;
  public static final int TYPE_STOP_LOSS_LIMIT = 3;
  public static final int TYPE_TAKE_PROFIT = 4;
  public static final int TYPE_TAKE_PROFIT_LIMIT = 5;
  public static final int TYPE_TWAP = 6;

  public static final int TIF_IMMEDIATE_OR_CANCEL = 0;
  public static final int TIF_GOOD_TILL_TIME = 1;
  public static final int TIF_POST_ONLY = 2;

  public CreateOrderTx {
    attributes = attributes == null ? TxAttributes.none() : attributes;
  }

  @Override
  public int txType() {
    return TX_TYPE;
  }

  /** The order fields, hashed and serialised as in a grouped order. */
  public OrderInfo order() {
    return new OrderInfo(marketIndex, clientOrderIndex, baseAmount, price, isAsk, type, timeInForce, reduceOnly,
        triggerPrice, orderExpiry);
  }

  @Override
  public void validate() {
    TxRules.common(this);
    TxRules.market(marketIndex);
    boolean perps = TxRules.isPerpsMarket(marketIndex);
    if (clientOrderIndex != 0) {
      range("ClientOrderIndex", clientOrderIndex, 1, TxRules.MAX_CLIENT_ORDER_INDEX);
    }
    TxRules.baseAmount("BaseAmount", baseAmount, reduceOnly);
    range("Price", price, 1, TxRules.MAX_PRICE);
    range("IsAsk", isAsk, 0, 1);
    range("TimeInForce", timeInForce, TIF_IMMEDIATE_OR_CANCEL, TIF_POST_ONLY);
    range("ReduceOnly", reduceOnly, 0, 1);
    require(!(reduceOnly == 1 && !perps), "ReduceOnly", "not allowed on a spot market");
    range("OrderExpiry", orderExpiry, 0, Long.MAX_VALUE);
    range("TriggerPrice", triggerPrice, 0, TxRules.MAX_PRICE);
    boolean ioc = timeInForce == TIF_IMMEDIATE_OR_CANCEL;
    boolean hasExpiry = orderExpiry != 0;
    boolean hasTrigger = triggerPrice != 0;
    switch (type) {
      case TYPE_MARKET -> {
        require(ioc, "TimeInForce", "a market order must be immediate-or-cancel");
        require(!hasExpiry, "OrderExpiry", "a market order has no expiry");
        require(!hasTrigger, "TriggerPrice", "a market order has no trigger price");
      }
      case TYPE_LIMIT -> {
        require(!hasTrigger, "TriggerPrice", "a limit order has no trigger price");
        require(ioc != hasExpiry, "OrderExpiry",
            "a limit order has an expiry exactly when it is not immediate-or-cancel");
      }
      case TYPE_STOP_LOSS, TYPE_TAKE_PROFIT -> {
        require(perps, "Type", "stop-loss and take-profit orders are perps only");
        require(ioc, "TimeInForce", "stop-loss and take-profit orders are immediate-or-cancel");
        require(hasTrigger, "TriggerPrice", "required for stop-loss and take-profit orders");
        require(hasExpiry, "OrderExpiry", "required for stop-loss and take-profit orders");
      }
      case TYPE_STOP_LOSS_LIMIT, TYPE_TAKE_PROFIT_LIMIT -> {
        require(perps, "Type", "stop-loss-limit and take-profit-limit orders are perps only");
        require(hasTrigger, "TriggerPrice", "required for stop-loss-limit and take-profit-limit orders");
        require(hasExpiry, "OrderExpiry", "required for stop-loss-limit and take-profit-limit orders");
      }
      case TYPE_TWAP -> {
        require(timeInForce == TIF_GOOD_TILL_TIME, "TimeInForce", "a TWAP order is good-till-time");
        require(!hasTrigger, "TriggerPrice", "a TWAP order has no trigger price");
        require(hasExpiry, "OrderExpiry", "required for a TWAP order");
      }
      default -> throw new InvalidTxException("Type", "unknown order type " + type);
    }
    attributes.validate(false);
  }
}
