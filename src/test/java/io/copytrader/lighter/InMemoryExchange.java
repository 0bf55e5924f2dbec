package io.copytrader.lighter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One account on one market (ETH, id 0) of an exchange held in memory, for fast tests of the account's logic:
 * applies signed orders as Lighter does (nonce checked, market IOC filled at the touch, stop-losses resting, an OTO
 * group's child armed with what its parent filled), and
 * plays the faults that matter for exactly-once execution: answers lost after the transaction was applied,
 * lookups that fail, and lookups that lag behind an applied transaction. Signatures are not checked.
 */
public final class InMemoryExchange implements TradingApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SIZE_DECIMALS = 4;
  private static final int PRICE_DECIMALS = 2;

  private final long accountIndex;
  private final BigDecimal collateral;
  private final BigDecimal bid;
  private final BigDecimal ask;
  private final List<Applied> applied = new ArrayList<>();
  private final Map<Long, MutableOrder> orders = new LinkedHashMap<>();
  private long nonce;
  private long nextOrderIndex = 1_000;
  private BigDecimal position = BigDecimal.ZERO;
  private BigDecimal entryPrice = BigDecimal.ZERO;
  private long lookups;
  private int answersToLose;
  private int lookupsToFail;
  private int lookupsToFailAfterSend;
  private int lookupLag;
  private int sendTxCalls;
  private int nextNonceCalls;
  private Promise<Void> nonceAnswerHeld;
  private boolean holdNextMarketOrder;
  private boolean closeBeforeNextStopLoss;
  private boolean refuseNextStopLossAsFlat;
  private int groupRefusalCode;
  private int nextStopLossLag = -1;

  /** A transaction the exchange applied; lookups see it once {@code visibleAtLookup} lookups have been made. */
  private record Applied(String hash, int type, String info, long nonce, long visibleAtLookup) {
  }

  /** An order as the exchange keeps it. */
  private static final class MutableOrder {
    long orderIndex;
    long clientOrderIndex;
    boolean isAsk;
    String type;
    boolean reduceOnly;
    BigDecimal initial;
    BigDecimal remaining;
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal filledQuote = BigDecimal.ZERO;
    BigDecimal price;
    BigDecimal trigger;
    long expiry;
    long parentOrderIndex;
    String status;
    long visibleAtLookup;
  }

  public InMemoryExchange(long accountIndex, BigDecimal collateral, BigDecimal bid, BigDecimal ask) {
    this.accountIndex = accountIndex;
    this.collateral = collateral;
    this.bid = bid;
    this.ask = ask;
  }

  /** The next {@code count} sends are applied, but their answer is lost on the way back. */
  public InMemoryExchange loseAnswers(int count) {
    answersToLose = count;
    return this;
  }

  /** The {@code count} lookups (orders, tx, nonce, account) after the next send fail with a server error. */
  public InMemoryExchange failLookups(int count) {
    lookupsToFail += count;
    return this;
  }

  public InMemoryExchange failLookupsAfterNextSend(int count) {
    lookupsToFailAfterSend = count;
    return this;
  }

  /** The next transaction applied stays invisible to the {@code count} lookups after it. */
  public InMemoryExchange lagNextTx(int count) {
    lookupLag = count;
    return this;
  }

  /** Market orders that executed: more than one per request is a double fill. */
  public long executedMarketOrders() {
    return orders.values().stream().filter(order -> order.type.equals("market") && order.filled.signum() > 0)
      .count();
  }

  public BigDecimal position() {
    return position;
  }

  /** The next market order fills but keeps showing "in-progress", as if its final state never arrived. */
  public InMemoryExchange holdNextMarketOrder() {
    holdNextMarketOrder = true;
    return this;
  }

  /**
   * The position is closed by something else (a stop that fired, a manual order) just before the next stop-loss
   * arrives, which Lighter then refuses: a reduce-only order on a flat account (21738).
   */
  public InMemoryExchange closePositionBeforeNextStopLoss() {
    closeBeforeNextStopLoss = true;
    return this;
  }

  /** The next stop-loss is refused as if the account held nothing, while the position stays open. */
  public InMemoryExchange refuseNextStopLossAsFlat() {
    refuseNextStopLossAsFlat = true;
    return this;
  }

  /** The next stop-loss placed alone is applied, its answer lost, invisible to the {@code count} lookups after it. */
  public InMemoryExchange loseAnswerOfNextStopLoss(int count) {
    nextStopLossLag = count;
    return this;
  }

  /** Every grouped transaction is refused with {@code code}, as an exchange that does not take them might. */
  public InMemoryExchange refuseGroupedOrders(int code) {
    groupRefusalCode = code;
    return this;
  }

  /**
   * Holds the answer of the next {@code nextNonce}, worked out when it is asked, until the returned promise
   * completes: a read that comes back after what it read has moved on.
   */
  public Promise<Void> holdNextNonceAnswer() {
    nonceAnswerHeld = Promise.promise();
    return nonceAnswerHeld;
  }

  public int nextNonceCalls() {
    return nextNonceCalls;
  }

  public int sendTxCalls() {
    return sendTxCalls;
  }

  /** The live stop-losses, as the service would read them. */
  public List<Order> stopLosses() {
    return orders.values().stream().filter(order -> order.status.equals("pending")).map(this::toOrder).toList();
  }

  @Override
  public Future<SendTxResult> sendTx(int txType, String txInfo) {
    sendTxCalls++;
    JsonNode info;
    try {
      info = JSON.readTree(txInfo);
    } catch (IOException e) {
      return Future.failedFuture(LighterException.fromResult("sendTx", 400, 21501, "invalid tx info"));
    }
    boolean stopLoss = txType == CreateOrderTx.TX_TYPE && info.get("Type").asInt() != CreateOrderTx.TYPE_MARKET;
    if (stopLoss && closeBeforeNextStopLoss) {
      closeBeforeNextStopLoss = false;
      trade(position.negate(), position.signum() > 0 ? bid : ask);
    }
    if (stopLoss && (position.signum() == 0 || refuseNextStopLossAsFlat)) {
      refuseNextStopLossAsFlat = false;
      return Future.failedFuture(LighterException.fromResult("sendTx", 400, 21738, "invalid reduce only direction"));
    }
    if (txType == CreateGroupedOrdersTx.TX_TYPE && groupRefusalCode != 0) {
      return Future.failedFuture(LighterException.fromResult("sendTx", 400, groupRefusalCode, "grouped orders refused"));
    }
    if (info.get("Nonce").asLong() != nonce) {
      return Future.failedFuture(LighterException.fromResult("sendTx", 400, 21104, "invalid nonce"));
    }
    if (info.get("ExpiredAt").asLong() <= System.currentTimeMillis()) {
      return Future.failedFuture(LighterException.fromResult("sendTx", 400, 21501, "ExpiredAt is in the past"));
    }
    if (stopLoss && nextStopLossLag >= 0) {
      answersToLose = 1;
      lookupLag = nextStopLossLag;
      nextStopLossLag = -1;
    }
    String hash = Long.toHexString(txInfo.hashCode() & 0xffffffffL) + "-" + nonce;
    long visibleAt = lookups + lookupLag;
    lookupLag = 0;
    lookupsToFail += lookupsToFailAfterSend;
    lookupsToFailAfterSend = 0;
    apply(txType, info, visibleAt);
    applied.add(new Applied(hash, txType, txInfo, nonce, visibleAt));
    nonce++;
    if (answersToLose > 0) {
      answersToLose--;
      return Future.failedFuture(LighterException.fromTransport("sendTx", new IOException("connection reset")));
    }
    return Future.succeededFuture(new SendTxResult(hash, System.currentTimeMillis(), null));
  }

  private void apply(int txType, JsonNode info, long visibleAt) {
    switch (txType) {
      case CreateOrderTx.TX_TYPE -> create(info, visibleAt);
      case CreateGroupedOrdersTx.TX_TYPE -> {
        MutableOrder parent = create(info.get("Orders").get(0), visibleAt);
        MutableOrder child = create(info.get("Orders").get(1), visibleAt);
        child.parentOrderIndex = parent.orderIndex;
        child.initial = parent.filled;
        child.remaining = parent.filled;
        if (parent.filled.signum() == 0) {
          child.status = "canceled-child";
        }
      }
      case ModifyOrderTx.TX_TYPE -> {
        MutableOrder order = liveByIndex(info.get("Index").asLong());
        if (order != null) {
          order.remaining = base(info.get("BaseAmount").asLong());
          order.initial = order.remaining;
          order.price = price(info.get("Price").asLong());
          order.trigger = price(info.get("TriggerPrice").asLong());
        }
      }
      case CancelOrderTx.TX_TYPE -> {
        MutableOrder order = liveByIndex(info.get("Index").asLong());
        if (order != null) {
          order.status = "canceled";
        }
      }
      default -> throw new IllegalArgumentException("tx type " + txType);
    }
  }

  private MutableOrder create(JsonNode info, long visibleAt) {
    MutableOrder order = new MutableOrder();
    order.orderIndex = nextOrderIndex++;
    order.clientOrderIndex = info.get("ClientOrderIndex").asLong();
    order.isAsk = info.get("IsAsk").asInt() == 1;
    order.reduceOnly = info.get("ReduceOnly").asInt() == 1;
    order.initial = base(info.get("BaseAmount").asLong());
    order.remaining = order.initial;
    order.price = price(info.get("Price").asLong());
    order.trigger = price(info.get("TriggerPrice").asLong());
    order.expiry = info.get("OrderExpiry").asLong();
    order.visibleAtLookup = visibleAt;
    if (info.get("Type").asInt() == CreateOrderTx.TYPE_MARKET) {
      order.type = "market";
      BigDecimal touch = order.isAsk ? bid : ask;
      BigDecimal size = order.initial;
      if (order.reduceOnly) {
        size = size.min(position.abs());
      }
      order.filled = size;
      order.filledQuote = size.multiply(touch);
      order.remaining = BigDecimal.ZERO;
      order.status = size.signum() == 0 ? "canceled-reduce-only" : holdNextMarketOrder ? "in-progress" : "filled";
      holdNextMarketOrder = false;
      trade(order.isAsk ? size.negate() : size, touch);
    } else {
      order.type = "stop-loss-limit";
      // Lighter lists a conditional order waiting for its trigger as pending.
      order.status = "pending";
    }
    orders.put(order.orderIndex, order);
    return order;
  }

  private void trade(BigDecimal signedSize, BigDecimal price) {
    BigDecimal after = position.add(signedSize);
    if (position.signum() == 0 || position.signum() == signedSize.signum()) {
      entryPrice = position.abs().multiply(entryPrice).add(signedSize.abs().multiply(price))
        .divide(after.abs(), PRICE_DECIMALS + 4, RoundingMode.HALF_EVEN);
    }
    position = after;
    if (position.signum() == 0) {
      entryPrice = BigDecimal.ZERO;
    }
  }

  private MutableOrder liveByIndex(long orderIndex) {
    MutableOrder order = orders.get(orderIndex);
    return order != null && order.status.equals("pending") ? order : null;
  }

  private boolean lookupFails() {
    lookups++;
    if (lookupsToFail > 0) {
      lookupsToFail--;
      return true;
    }
    return false;
  }

  private static LighterException serverError(String operation) {
    return LighterException.serverError(operation, 503, 29500, "internal server error");
  }

  @Override
  public Future<OrderPage> accountOrders(long account, List<Long> clientOrderIndexes, Supplier<String> authToken) {
    if (lookupFails()) {
      return Future.failedFuture(serverError("accountOrders"));
    }
    return Future.succeededFuture(new OrderPage(orders.values().stream()
      .filter(order -> order.visibleAtLookup <= lookups && clientOrderIndexes.contains(order.clientOrderIndex))
      .map(this::toOrder).toList(), null));
  }

  @Override
  public Future<OrderPage> accountActiveOrders(long account, Integer marketId, Supplier<String> authToken) {
    if (lookupFails()) {
      return Future.failedFuture(serverError("accountActiveOrders"));
    }
    return Future.succeededFuture(new OrderPage(orders.values().stream()
      .filter(order -> order.visibleAtLookup <= lookups && toOrder(order).live())
      .map(this::toOrder).toList(), null));
  }

  /** Its time is this host's: the exchange in memory judges {@code ExpiredAt} by it too. */
  @Override
  public Future<ExchangeStatus> status() {
    return Future.succeededFuture(new ExchangeStatus(1, 1, System.currentTimeMillis() / 1000));
  }

  @Override
  public Future<EnrichedTx> tx(String hash) {
    if (lookupFails()) {
      return Future.failedFuture(serverError("tx"));
    }
    return applied.stream().filter(tx -> tx.hash().equals(hash) && tx.visibleAtLookup() <= lookups).findFirst()
      .map(tx -> Future.succeededFuture(new EnrichedTx(tx.hash(), tx.type(), tx.info(), "{\"ae\":\"\"}",
        EnrichedTx.STATUS_EXECUTED, 0, null, accountIndex, tx.nonce(), 0, 0, 0, 0, 0, null, 0, 0, 0, 0)))
      .orElseGet(() -> Future.failedFuture(LighterException.fromResult("tx", 400, 21500,
        "transaction not found")));
  }

  @Override
  public Future<Long> nextNonce(long account, int apiKeyIndex) {
    nextNonceCalls++;
    if (lookupFails()) {
      return Future.failedFuture(serverError("nextNonce"));
    }
    long next = applied.stream().filter(tx -> tx.visibleAtLookup() <= lookups)
      .mapToLong(tx -> tx.nonce() + 1).max().orElse(0);
    if (nonceAnswerHeld != null) {
      Future<Void> held = nonceAnswerHeld.future();
      nonceAnswerHeld = null;
      return held.map(released -> next);
    }
    return Future.succeededFuture(next);
  }

  @Override
  public Future<DetailedAccount> account(long account) {
    if (lookupFails()) {
      return Future.failedFuture(serverError("account"));
    }
    List<AccountPosition> positions = position.signum() == 0 ? List.of() : List.of(new AccountPosition(0, "ETH",
      new BigDecimal("5.00"), 1, 0, 0, position.signum(), position.abs(), entryPrice,
      position.abs().multiply(entryPrice), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0,
      BigDecimal.ZERO));
    return Future.succeededFuture(new DetailedAccount(0, accountIndex, accountIndex, "0x0", 0, 0, 0, 0, collateral, 1,
      collateral, 0, positions, List.of(), collateral, collateral));
  }

  @Override
  public Future<OrderBookOrders> orderBookOrders(long marketId, int limit) {
    return Future.succeededFuture(new OrderBookOrders(1,
      List.of(new SimpleOrder(1, "1", 1, BigDecimal.TEN, BigDecimal.TEN, ask, 0, 0)), 1,
      List.of(new SimpleOrder(2, "2", 1, BigDecimal.TEN, BigDecimal.TEN, bid, 0, 0))));
  }

  private Order toOrder(MutableOrder order) {
    return new Order(order.orderIndex, order.clientOrderIndex, Long.toString(order.orderIndex),
      Long.toString(order.clientOrderIndex), 0, accountIndex, order.initial, order.remaining, order.filled,
      order.filledQuote, order.price, 0, 0, 0, order.isAsk, order.isAsk ? "sell" : "buy", order.type,
      order.type.equals("market") ? "immediate-or-cancel" : "good-till-time", order.reduceOnly, order.trigger,
      order.expiry, order.status, order.type.equals("market") ? "na" : "mark-price", 0, order.parentOrderIndex, 0, 0, 0,
      0, 0, null);
  }

  private static BigDecimal base(long ticks) {
    return BigDecimal.valueOf(ticks, SIZE_DECIMALS);
  }

  private static BigDecimal price(long ticks) {
    return BigDecimal.valueOf(ticks, PRICE_DECIMALS);
  }
}
