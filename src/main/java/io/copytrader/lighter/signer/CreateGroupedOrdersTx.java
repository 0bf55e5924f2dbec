package io.copytrader.lighter.signer;

import static io.copytrader.lighter.signer.CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_LIMIT;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_MARKET;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_STOP_LOSS;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_STOP_LOSS_LIMIT;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_TAKE_PROFIT;
import static io.copytrader.lighter.signer.CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT;
import static io.copytrader.lighter.signer.TxRules.range;
import static io.copytrader.lighter.signer.TxRules.require;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * L2CreateGroupedOrders (tx type 28): one to three orders of one perps market sent and accepted together, the
 * parent first. OTO = an entry and one stop-loss or take-profit child of {@code BaseAmount} 0 that the exchange
 * sizes to what the entry executed; OCO = a stop-loss and a take-profit on the same side, each cancelling the
 * other (both {@code BaseAmount} 0: the position-tied pair); OTOCO = an entry whose children are such an OCO.
 * Validation, hash and tx_info follow docs/lighter-api.md, "Grouped orders".
 */
public record CreateGroupedOrdersTx(long accountIndex, int apiKeyIndex, int groupingType, List<OrderInfo> orders,
    long expiredAt, long nonce, TxAttributes attributes) implements LighterTx {

  public static final int TX_TYPE = 28;

  public static final int GROUPING_OTO = 1;
  public static final int GROUPING_OCO = 2;
  public static final int GROUPING_OTOCO = 3;

  public static final int MAX_ORDERS = 3;

  private static final int HASH_OUT = 4;

  public CreateGroupedOrdersTx {
    attributes = attributes == null ? TxAttributes.none() : attributes;
    // List.contains(null) throws on immutable lists.
    if (orders == null || orders.stream().anyMatch(Objects::isNull)) {
      throw new InvalidTxException("Orders", "must be a list of orders");
    }
    orders = List.copyOf(orders);
  }

  @Override
  public int txType() {
    return TX_TYPE;
  }

  /**
   * lighter-go's {@code Validate} rule by rule in its order, so the first field named is the one the official
   * signer names.
   */
  @Override
  public void validate() {
    attributes.validate(false);
    range("AccountIndex", accountIndex, -1, TxRules.MAX_ACCOUNT_INDEX);
    range("ApiKeyIndex", apiKeyIndex, 0, TxRules.MAX_API_KEY_INDEX);
    require(!orders.isEmpty() && orders.size() <= MAX_ORDERS, "Orders",
        "a group has 1 to " + MAX_ORDERS + " orders, had " + orders.size());
    int market = orders.get(0).marketIndex();
    require(TxRules.isPerpsMarket(market), at(0) + "MarketIndex",
        "grouped orders are perps only: must be 0.." + TxRules.MAX_PERPS_MARKET_INDEX + ", was " + market);
    Set<Long> clientOrderIndexes = new HashSet<>();
    for (int i = 0; i < orders.size(); i++) {
      OrderInfo order = orders.get(i);
      require(order.marketIndex() == market, at(i) + "MarketIndex",
          "every order of a group must be on the same market as the first");
      long clientOrderIndex = order.clientOrderIndex();
      if (clientOrderIndex != 0) {
        range(at(i) + "ClientOrderIndex", clientOrderIndex, 1, TxRules.MAX_CLIENT_ORDER_INDEX);
        require(clientOrderIndexes.add(clientOrderIndex), at(i) + "ClientOrderIndex",
            "must be unique within the group");
      }
      order.validateRanges(at(i));
    }
    range("Nonce", nonce, 0, Long.MAX_VALUE);
    range("ExpiredAt", expiredAt, 0, TxRules.MAX_TIMESTAMP);
    switch (groupingType) {
      case GROUPING_OCO -> validateOco();
      case GROUPING_OTO -> validateOto();
      case GROUPING_OTOCO -> validateOtoco();
      default -> throw new InvalidTxException("GroupingType",
          "grouping type must be 1 (OTO), 2 (OCO) or 3 (OTOCO), was " + groupingType);
    }
  }

  private void validateOco() {
    requireSize(2, "an OCO");
    OrderInfo first = orders.get(0);
    OrderInfo second = orders.get(1);
    require(first.baseAmount() == second.baseAmount(), at(1) + "BaseAmount",
        "the two legs of an OCO must have equal amounts (both 0 to follow the position)");
    require(first.isAsk() == second.isAsk(), at(1) + "IsAsk", "the two legs of an OCO must be on the same side");
    require(first.reduceOnly() == 1, at(0) + "ReduceOnly", "both legs of an OCO must be reduce-only");
    require(second.reduceOnly() == 1, at(1) + "ReduceOnly", "both legs of an OCO must be reduce-only");
    require(first.orderExpiry() == second.orderExpiry(), at(1) + "OrderExpiry",
        "the two legs of an OCO must have the same expiry");
    validateSiblings(0);
  }

  private void validateOto() {
    requireSize(2, "an OTO");
    requireSizedByParent(1);
    requireOppositeSide(1);
    requireParentExpiryMatches();
    validateParent();
    validateChild(1);
  }

  private void validateOtoco() {
    requireSize(3, "an OTOCO");
    requireSizedByParent(1);
    requireSizedByParent(2);
    requireOppositeSide(1);
    requireOppositeSide(2);
    require(orders.get(1).orderExpiry() == orders.get(2).orderExpiry(), at(2) + "OrderExpiry",
        "the two children of an OTOCO must have the same expiry");
    requireParentExpiryMatches();
    validateParent();
    validateSiblings(1);
  }

  private void requireSize(int size, String grouping) {
    require(orders.size() == size, "Orders", grouping + " group has exactly " + size + " orders, had "
        + orders.size());
  }

  private void requireSizedByParent(int child) {
    require(orders.get(child).baseAmount() == 0, at(child) + "BaseAmount",
        "must be 0 on a child order: the exchange sizes it to what the parent executed");
  }

  private void requireOppositeSide(int child) {
    require(orders.get(0).isAsk() != orders.get(child).isAsk(), at(child) + "IsAsk",
        "a child order must be on the side opposite to its parent");
  }

  private void requireParentExpiryMatches() {
    long parentExpiry = orders.get(0).orderExpiry();
    require(parentExpiry == 0 || parentExpiry == orders.get(1).orderExpiry(), at(0) + "OrderExpiry",
        "a parent with an expiry must expire with its children");
  }

  private void validateParent() {
    OrderInfo parent = orders.get(0);
    boolean ioc = parent.timeInForce() == TIF_IMMEDIATE_OR_CANCEL;
    boolean hasExpiry = parent.orderExpiry() != 0;
    boolean hasTrigger = parent.triggerPrice() != 0;
    switch (parent.type()) {
      case TYPE_MARKET -> {
        require(ioc, at(0) + "TimeInForce", "a market parent must be immediate-or-cancel");
        require(!hasExpiry, at(0) + "OrderExpiry", "a market parent has no expiry");
        require(!hasTrigger, at(0) + "TriggerPrice", "a market parent has no trigger price");
      }
      case TYPE_LIMIT -> {
        require(!hasTrigger, at(0) + "TriggerPrice", "a limit parent has no trigger price");
        require(ioc != hasExpiry, at(0) + "OrderExpiry",
            "a limit parent has an expiry exactly when it is not immediate-or-cancel");
      }
      default -> throw new InvalidTxException(at(0) + "Type",
          "a parent order must be of type market or limit, was " + parent.type());
    }
  }

  private void validateChild(int index) {
    OrderInfo child = orders.get(index);
    switch (child.type()) {
      case TYPE_STOP_LOSS, TYPE_TAKE_PROFIT -> {
        require(child.timeInForce() == TIF_IMMEDIATE_OR_CANCEL, at(index) + "TimeInForce",
            "a stop-loss or take-profit child must be immediate-or-cancel");
        requireTriggerAndExpiry(index, child);
      }
      case TYPE_STOP_LOSS_LIMIT, TYPE_TAKE_PROFIT_LIMIT -> requireTriggerAndExpiry(index, child);
      default -> throw new InvalidTxException(at(index) + "Type",
          "a child order must be of type stop-loss(-limit) or take-profit(-limit), was " + child.type());
    }
  }

  private static void requireTriggerAndExpiry(int index, OrderInfo child) {
    require(child.triggerPrice() != 0, at(index) + "TriggerPrice", "a child order needs a trigger price");
    require(child.orderExpiry() != 0, at(index) + "OrderExpiry", "a child order needs an expiry");
  }

  /** The two orders from {@code first} on: valid children, one stop-loss and one take-profit. */
  private void validateSiblings(int first) {
    boolean stopLoss = false;
    boolean takeProfit = false;
    for (int i = first; i < first + 2; i++) {
      validateChild(i);
      int type = orders.get(i).type();
      stopLoss |= type == TYPE_STOP_LOSS || type == TYPE_STOP_LOSS_LIMIT;
      takeProfit |= type == TYPE_TAKE_PROFIT || type == TYPE_TAKE_PROFIT_LIMIT;
    }
    require(stopLoss && takeProfit, at(first + 1) + "Type",
        "the two legs must be one stop-loss type and one take-profit type");
  }

  private static String at(int index) {
    return "Orders[" + index + "].";
  }

  /** lighter-go's {@code HashNoPad} of one order's ten fields: 4 field elements. */
  static long[] orderHash(OrderInfo order) {
    return Poseidon2.hashNoPad(order.hashElements());
  }

  /**
   * The orders' hashes folded from the left with {@code HashTwoToOne} (a no-padding hash of the 8 elements);
   * a single order's hash stands alone. Canonical field elements.
   */
  long[] aggregatedOrderHash() {
    // lighter-go starts from the empty (all-zero) hash, which only an empty group keeps.
    long[] aggregate = new long[HASH_OUT];
    for (int i = 0; i < orders.size(); i++) {
      long[] orderHash = orderHash(orders.get(i));
      if (i == 0) {
        aggregate = orderHash;
      } else {
        long[] pair = new long[2 * HASH_OUT];
        System.arraycopy(aggregate, 0, pair, 0, HASH_OUT);
        System.arraycopy(orderHash, 0, pair, HASH_OUT, HASH_OUT);
        aggregate = Poseidon2.hashNoPad(pair);
      }
    }
    return aggregate;
  }
}
