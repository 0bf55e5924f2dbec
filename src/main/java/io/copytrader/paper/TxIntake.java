package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.ACCOUNT_BELOW_INITIAL_MARGIN;
import static io.copytrader.lighter.LighterErrorCodes.ACCOUNT_NOT_FOUND;
import static io.copytrader.lighter.LighterErrorCodes.API_KEY_NOT_FOUND;
import static io.copytrader.lighter.LighterErrorCodes.BATCH_MIXES_KEYS;
import static io.copytrader.lighter.LighterErrorCodes.BATCH_NONCE_NOT_INCREASING;
import static io.copytrader.lighter.LighterErrorCodes.CLIENT_ORDER_INDEX_EXISTS;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_API_KEY_INDEX;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_BASE_AMOUNT;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_CLIENT_ORDER_INDEX;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_EXPIRY;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_IS_ASK;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_INITIAL_MARGIN_FRACTION;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_MARGIN_MODE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_MARKET_INDEX;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_MIN_AMOUNTS;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_NONCE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_ORDER_INDEX;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_ORDER_TYPE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_PRICE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_REDUCE_ONLY_DIRECTION;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_SIGNATURE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_TIME_IN_FORCE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_TRIGGER_PRICE;
import static io.copytrader.lighter.LighterErrorCodes.INVALID_TX_INFO;
import static io.copytrader.lighter.LighterErrorCodes.MARGIN_MODE_CHANGE_ON_ACTIVE_POSITION;
import static io.copytrader.lighter.LighterErrorCodes.NOT_ENOUGH_MARGIN;
import static io.copytrader.lighter.LighterErrorCodes.ORDER_BOOK_NOT_ACTIVE;
import static io.copytrader.lighter.LighterErrorCodes.ORDER_NOT_ACTIVE;
import static io.copytrader.lighter.LighterErrorCodes.REDUCE_ONLY_INCREASES_POSITION;
import static io.copytrader.lighter.LighterErrorCodes.UNSUPPORTED_ORDER_TYPE;
import static io.copytrader.lighter.LighterErrorCodes.UNSUPPORTED_TX_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copytrader.lighter.signer.CancelAllOrdersTx;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.InvalidTxException;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.lighter.signer.UpdateLeverageTx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a submitted transaction as Lighter's API does, in order: readable tx_info, field rules, account and API
 * key, signature (which covers the chain id), expiry, nonce (the one after those applied and queued), then the
 * rules the API judges (see {@link #submit(Decoded, long)}). An accepted transaction is queued on the
 * {@link Sequencer}, which consumes its nonce when it applies it; a refused one changes nothing.
 */
final class TxIntake {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The outcome of one transaction. */
  sealed interface Outcome {
  }

  /** Accepted by the API: queued for the sequencer, which applies it later. */
  record Accepted(String txHash, Sequencer.Queued queued) implements Outcome {
  }

  record Rejected(int code, String message) implements Outcome, Decoding, BatchDecoding {
  }

  /** What reading one tx_info gave. */
  sealed interface Decoding {
  }

  /** What reading a batch gave. */
  sealed interface BatchDecoding {
  }

  /** A batch whose txs are all readable, of one account and key, with increasing nonces. */
  record Batch(List<Decoded> txs) implements BatchDecoding {
  }

  private final PaperEngine engine;
  private final Sequencer sequencer;
  private final TxSigner signer;

  TxIntake(PaperEngine engine, Sequencer sequencer, int chainId) {
    this.engine = engine;
    this.sequencer = sequencer;
    this.signer = new TxSigner(chainId);
  }

  /** A readable transaction and its signature, not yet checked against the exchange's state. */
  record Decoded(int txType, String txInfo, LighterTx tx, byte[] signature) implements Decoding {
  }

  /** Reads tx_info: a {@link Decoded} or the {@link Rejected} refusing it. */
  static Decoding decode(int txType, String txInfo) {
    try {
      JsonNode info = JSON.readTree(txInfo);
      if (info == null || !info.isObject()) {
        return new Rejected(INVALID_TX_INFO, "invalid tx info");
      }
      LighterTx tx = parse(txType, info);
      if (tx == null) {
        return new Rejected(UNSUPPORTED_TX_TYPE, "unsupported tx type");
      }
      return new Decoded(txType, txInfo, tx, Base64.getDecoder().decode(text(info, "Sig")));
    } catch (InvalidTxException e) {
      return rejectedField(e.field());
    } catch (IOException | IllegalArgumentException e) {
      return new Rejected(INVALID_TX_INFO, "invalid tx info");
    }
  }

  /**
   * Checks a batch before any of it is applied: every tx readable, one account and API key (21121), nonces
   * strictly increasing (21105).
   */
  static BatchDecoding decodeBatch(List<Integer> txTypes, List<String> txInfos) {
    List<Decoded> decoded = new ArrayList<>();
    for (int i = 0; i < txTypes.size(); i++) {
      Decoding one = decode(txTypes.get(i), txInfos.get(i));
      if (one instanceof Rejected rejected) {
        return rejected;
      }
      Decoded tx = (Decoded) one;
      if (!decoded.isEmpty()) {
        LighterTx first = decoded.get(0).tx();
        if (first.accountIndex() != tx.tx().accountIndex() || first.apiKeyIndex() != tx.tx().apiKeyIndex()) {
          return new Rejected(BATCH_MIXES_KEYS, "all transactions in the batch must use same account and apikey");
        }
        if (tx.tx().nonce() <= decoded.get(decoded.size() - 1).tx().nonce()) {
          return new Rejected(BATCH_NONCE_NOT_INCREASING, "batch transaction nonce is not increasing");
        }
      }
      decoded.add(tx);
    }
    return new Batch(List.copyOf(decoded));
  }

  Outcome submit(int txType, String txInfo, long now) {
    Decoding decoded = decode(txType, txInfo);
    return decoded instanceof Rejected rejected ? rejected : submit((Decoded) decoded, now);
  }

  Outcome submit(Decoded decoded, long now) {
    LighterTx tx = decoded.tx();
    try {
      tx.validate();
    } catch (InvalidTxException e) {
      return rejectedField(e.field());
    }
    PaperAccountState account = engine.account(tx.accountIndex());
    if (account == null) {
      return new Rejected(ACCOUNT_NOT_FOUND, "account not found");
    }
    if (!account.keys.containsKey(tx.apiKeyIndex())) {
      return new Rejected(API_KEY_NOT_FOUND, "api key not found");
    }
    long[] messageHash = signer.messageHash(tx);
    boolean signed = account.verifyingKey(tx.apiKeyIndex())
      .map(key -> key.verify(messageHash, decoded.signature())).orElse(false);
    if (!signed) {
      return new Rejected(INVALID_SIGNATURE, "invalid signature");
    }
    if (tx.expiredAt() <= now) {
      return new Rejected(INVALID_TX_INFO, "invalid tx info: ExpiredAt is in the past");
    }
    // SkipTxNonce transactions neither check nor consume the key's nonce.
    boolean checksNonce = tx.attributes().value(TxAttributes.SKIP_TX_NONCE) == 0;
    if (checksNonce && tx.nonce() != sequencer.expectedNonce(account, tx.apiKeyIndex())) {
      return new Rejected(INVALID_NONCE, "invalid nonce");
    }
    int refusal = refusal(account, tx);
    if (refusal != 0) {
      return new Rejected(refusal, message(refusal));
    }
    String hash = TxSigner.txHashHex(messageHash);
    return new Accepted(hash, sequencer.enqueue(decoded, hash, now));
  }

  /**
   * What the API refuses before the sequencer sees the tx, judged on the state applied so far and the txs queued:
   * an order breaking a market or reduce-only rule, a maker order beyond the margin, a client order index in use, a
   * cancel or modify of an order neither live nor queued.
   */
  private int refusal(PaperAccountState account, LighterTx tx) {
    if (tx instanceof CreateOrderTx create) {
      if (create.baseAmount() == 0
        && engine.grouped().assumptions.zeroSizeOrder() == GroupedAssumptions.ZeroSizeOrder.REFUSED) {
        return INVALID_BASE_AMOUNT;
      }
      int refusal = OrderRules.refusal(engine, account, create, !OrderRules.taker(create));
      boolean queued = queuedClientIndex(account, create.clientOrderIndex());
      return refusal == 0 && queued ? CLIENT_ORDER_INDEX_EXISTS : refusal;
    }
    if (tx instanceof CreateGroupedOrdersTx group) {
      int switched = engine.grouped().assumptions.refusal().code(account.index, group.orders().get(0).marketIndex(),
        false);
      if (switched != 0) {
        return switched;
      }
      int refusal = engine.grouped().refusal(account, group);
      boolean queued = group.orders().stream().anyMatch(order -> queuedClientIndex(account, order.clientOrderIndex()));
      return refusal == 0 && queued ? CLIENT_ORDER_INDEX_EXISTS : refusal;
    }
    if (tx instanceof CancelOrderTx cancel) {
      return targetKnown(account, cancel.marketIndex(), cancel.index()) ? 0 : ORDER_NOT_ACTIVE;
    }
    if (tx instanceof ModifyOrderTx modify) {
      Optional<PaperOrder> order = engine.liveOrder(account, modify.marketIndex(), modify.index());
      if (order.isPresent()) {
        return engine.modifyRefusal(order.get(), modify);
      }
      return targetKnown(account, modify.marketIndex(), modify.index()) ? 0 : ORDER_NOT_ACTIVE;
    }
    if (tx instanceof UpdateLeverageTx leverage) {
      return LeverageUpdates.refusal(engine, account, leverage);
    }
    return 0;
  }

  private boolean queuedClientIndex(PaperAccountState account, long clientOrderIndex) {
    return clientOrderIndex != 0 && sequencer.createQueued(account.index, null, clientOrderIndex);
  }

  /** A live order, or one a queued create will place (known by its client order index until then). */
  private boolean targetKnown(PaperAccountState account, int marketId, long index) {
    return engine.liveOrder(account, marketId, index).isPresent()
      || sequencer.createQueued(account.index, marketId, index);
  }

  private static LighterTx parse(int txType, JsonNode info) {
    TxAttributes attributes = attributes(info.get("L2TxAttributes"));
    return switch (txType) {
      case CreateOrderTx.TX_TYPE -> new CreateOrderTx(number(info, "AccountIndex"), smallNumber(info, "ApiKeyIndex"),
        smallNumber(info, "MarketIndex"), number(info, "ClientOrderIndex"), number(info, "BaseAmount"),
        number(info, "Price"), smallNumber(info, "IsAsk"), smallNumber(info, "Type"),
        smallNumber(info, "TimeInForce"), smallNumber(info, "ReduceOnly"), number(info, "TriggerPrice"),
        number(info, "OrderExpiry"), number(info, "ExpiredAt"), number(info, "Nonce"), attributes);
      case CancelOrderTx.TX_TYPE -> new CancelOrderTx(number(info, "AccountIndex"), smallNumber(info, "ApiKeyIndex"),
        smallNumber(info, "MarketIndex"), number(info, "Index"), number(info, "ExpiredAt"), number(info, "Nonce"),
        attributes);
      case CancelAllOrdersTx.TX_TYPE -> new CancelAllOrdersTx(number(info, "AccountIndex"),
        smallNumber(info, "ApiKeyIndex"), smallNumber(info, "TimeInForce"), number(info, "Time"),
        number(info, "ExpiredAt"), number(info, "Nonce"), attributes);
      case ModifyOrderTx.TX_TYPE -> new ModifyOrderTx(number(info, "AccountIndex"), smallNumber(info, "ApiKeyIndex"),
        smallNumber(info, "MarketIndex"), number(info, "Index"), number(info, "BaseAmount"), number(info, "Price"),
        number(info, "TriggerPrice"), number(info, "ExpiredAt"), number(info, "Nonce"), attributes);
      case UpdateLeverageTx.TX_TYPE -> new UpdateLeverageTx(number(info, "AccountIndex"),
        smallNumber(info, "ApiKeyIndex"), smallNumber(info, "MarketIndex"), smallNumber(info, "InitialMarginFraction"),
        smallNumber(info, "MarginMode"), number(info, "ExpiredAt"), number(info, "Nonce"), attributes);
      case CreateGroupedOrdersTx.TX_TYPE -> new CreateGroupedOrdersTx(number(info, "AccountIndex"),
        smallNumber(info, "ApiKeyIndex"), smallNumber(info, "GroupingType"), orders(info.get("Orders")),
        number(info, "ExpiredAt"), number(info, "Nonce"), attributes);
      default -> null;
    };
  }

  /** A group's orders; more than a group may hold are refused before they are read. */
  private static List<OrderInfo> orders(JsonNode node) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException("Orders");
    }
    if (node.size() > CreateGroupedOrdersTx.MAX_ORDERS) {
      throw new InvalidTxException("Orders", "at most " + CreateGroupedOrdersTx.MAX_ORDERS + " orders");
    }
    List<OrderInfo> orders = new ArrayList<>();
    for (JsonNode order : node) {
      orders.add(new OrderInfo(smallNumber(order, "MarketIndex"), number(order, "ClientOrderIndex"),
        number(order, "BaseAmount"), number(order, "Price"), smallNumber(order, "IsAsk"), smallNumber(order, "Type"),
        smallNumber(order, "TimeInForce"), smallNumber(order, "ReduceOnly"), number(order, "TriggerPrice"),
        number(order, "OrderExpiry")));
    }
    return orders;
  }

  private static TxAttributes attributes(JsonNode node) {
    if (node == null || node.isNull()) {
      return TxAttributes.none();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("L2TxAttributes");
    }
    Map<Integer, Long> values = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().canConvertToLong()) {
        throw new IllegalArgumentException("L2TxAttributes");
      }
      values.put(Integer.parseInt(field.getKey()), field.getValue().longValue());
    }
    return TxAttributes.of(values);
  }

  /** A field the signer holds as an int: a wider value cannot have been signed and is refused, not truncated. */
  private static int smallNumber(JsonNode info, String field) {
    long value = number(info, field);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new InvalidTxException(field, "out of range");
    }
    return (int) value;
  }

  private static long number(JsonNode info, String field) {
    JsonNode value = info.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(field);
    }
    return value.longValue();
  }

  private static String text(JsonNode info, String field) {
    JsonNode value = info.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field);
    }
    return value.textValue();
  }

  private static Rejected rejectedField(String field) {
    int code = codeFor(field);
    return new Rejected(code, message(code));
  }

  /** Lighter's code for a field the tx rules refuse (docs/lighter-api.md, "Error codes"). */
  static int codeFor(String field) {
    // A grouped order's field is named after its place in the group, e.g. "Orders[1].BaseAmount".
    int inGroup = field.indexOf("].");
    return switch (inGroup < 0 ? field : field.substring(inGroup + 2)) {
      case "MarketIndex" -> INVALID_MARKET_INDEX;
      case "Index" -> INVALID_ORDER_INDEX;
      case "BaseAmount" -> INVALID_BASE_AMOUNT;
      case "Price" -> INVALID_PRICE;
      case "IsAsk" -> INVALID_IS_ASK;
      case "Type" -> INVALID_ORDER_TYPE;
      case "TimeInForce" -> INVALID_TIME_IN_FORCE;
      case "OrderExpiry" -> INVALID_EXPIRY;
      case "ClientOrderIndex" -> INVALID_CLIENT_ORDER_INDEX;
      case "TriggerPrice" -> INVALID_TRIGGER_PRICE;
      case "ReduceOnly" -> INVALID_REDUCE_ONLY_DIRECTION;
      case "AccountIndex" -> ACCOUNT_NOT_FOUND;
      case "ApiKeyIndex" -> INVALID_API_KEY_INDEX;
      case "Nonce" -> INVALID_NONCE;
      case "InitialMarginFraction" -> INVALID_INITIAL_MARGIN_FRACTION;
      case "MarginMode" -> INVALID_MARGIN_MODE;
      default -> INVALID_TX_INFO;
    };
  }

  /** Lighter's message for a code (docs/lighter-api.md, "Error codes"). */
  static String message(int code) {
    return switch (code) {
      case ACCOUNT_NOT_FOUND -> "account not found";
      case INVALID_NONCE -> "invalid nonce";
      case INVALID_API_KEY_INDEX -> "invalid api key index";
      case INVALID_MARKET_INDEX -> "invalid market index";
      case INVALID_MIN_AMOUNTS -> "invalid min amounts for market";
      case INVALID_ORDER_INDEX -> "invalid order index";
      case INVALID_BASE_AMOUNT -> "invalid base amount";
      case INVALID_PRICE -> "invalid price";
      case INVALID_IS_ASK -> "invalid isAsk";
      case INVALID_ORDER_TYPE -> "invalid OrderType";
      case INVALID_TIME_IN_FORCE -> "invalid OrderTimeInForce";
      case ORDER_BOOK_NOT_ACTIVE -> "order book is not active";
      case UNSUPPORTED_ORDER_TYPE -> "unsupported order type";
      case INVALID_EXPIRY -> "invalid expiry";
      case ORDER_NOT_ACTIVE -> "given order is not an active order";
      case INVALID_CLIENT_ORDER_INDEX -> "invalid client order index";
      case CLIENT_ORDER_INDEX_EXISTS -> "client order index already exists";
      case INVALID_TRIGGER_PRICE -> "invalid order trigger price";
      case REDUCE_ONLY_INCREASES_POSITION -> "reduce only increases position";
      case INVALID_REDUCE_ONLY_DIRECTION -> "invalid reduce only direction";
      case NOT_ENOUGH_MARGIN -> "not enough margin to create the order";
      case INVALID_INITIAL_MARGIN_FRACTION -> "invalid initial margin fraction";
      case INVALID_MARGIN_MODE -> "invalid margin mode";
      case MARGIN_MODE_CHANGE_ON_ACTIVE_POSITION ->
        "margin mode change on a market with position or open order is not allowed";
      case ACCOUNT_BELOW_INITIAL_MARGIN -> "account is below initial margin, can't execute transaction";
      case UNSUPPORTED_TX_TYPE -> "unsupported tx type";
      default -> "invalid tx info";
    };
  }
}
