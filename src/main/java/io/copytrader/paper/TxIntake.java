package io.copytrader.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copytrader.lighter.signer.CancelAllOrdersTx;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.InvalidTxException;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
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
        return new Rejected(21501, "invalid tx info");
      }
      LighterTx tx = parse(txType, info);
      if (tx == null) {
        return new Rejected(21505, "unsupported tx type");
      }
      return new Decoded(txType, txInfo, tx, Base64.getDecoder().decode(text(info, "Sig")));
    } catch (InvalidTxException e) {
      return rejectedField(e.field());
    } catch (IOException | IllegalArgumentException e) {
      return new Rejected(21501, "invalid tx info");
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
          return new Rejected(21121, "all transactions in the batch must use same account and apikey");
        }
        if (tx.tx().nonce() <= decoded.get(decoded.size() - 1).tx().nonce()) {
          return new Rejected(21105, "batch transaction nonce is not increasing");
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
    PaperAccountState account = engine.accounts.get(tx.accountIndex());
    if (account == null) {
      return new Rejected(21100, "account not found");
    }
    if (!account.keys.containsKey(tx.apiKeyIndex())) {
      return new Rejected(21109, "api key not found");
    }
    long[] messageHash = signer.messageHash(tx);
    boolean signed = account.verifyingKey(tx.apiKeyIndex())
      .map(key -> key.verify(messageHash, decoded.signature())).orElse(false);
    if (!signed) {
      return new Rejected(21120, "invalid signature");
    }
    if (tx.expiredAt() <= now) {
      return new Rejected(21501, "invalid tx info: ExpiredAt is in the past");
    }
    // SkipTxNonce transactions neither check nor consume the key's nonce.
    boolean checksNonce = tx.attributes().value(TxAttributes.SKIP_TX_NONCE) == 0;
    if (checksNonce && tx.nonce() != sequencer.expectedNonce(account, tx.apiKeyIndex())) {
      return new Rejected(21104, "invalid nonce");
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
      int refusal = engine.refusal(account, create, !PaperEngine.taker(create));
      if (refusal == 0 && create.clientOrderIndex() != 0
        && sequencer.createQueued(account.index, null, create.clientOrderIndex())) {
        return 21728;
      }
      return refusal;
    }
    if (tx instanceof CancelOrderTx cancel) {
      return targetKnown(account, cancel.marketIndex(), cancel.index()) ? 0 : 21715;
    }
    if (tx instanceof ModifyOrderTx modify) {
      Optional<PaperOrder> order = engine.liveOrder(account, modify.marketIndex(), modify.index());
      if (order.isPresent()) {
        return engine.modifyRefusal(order.get(), modify);
      }
      return targetKnown(account, modify.marketIndex(), modify.index()) ? 0 : 21715;
    }
    return 0;
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
      default -> null;
    };
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

  /** Lighter's code for a field the tx rules refuse (API.md §9). */
  static int codeFor(String field) {
    return switch (field) {
      case "MarketIndex" -> 21602;
      case "Index" -> 21700;
      case "BaseAmount" -> 21701;
      case "Price" -> 21702;
      case "IsAsk" -> 21703;
      case "Type" -> 21704;
      case "TimeInForce" -> 21705;
      case "OrderExpiry" -> 21711;
      case "ClientOrderIndex" -> 21727;
      case "TriggerPrice" -> 21729;
      case "ReduceOnly" -> 21738;
      case "AccountIndex" -> 21100;
      case "ApiKeyIndex" -> 21110;
      case "Nonce" -> 21104;
      default -> 21501;
    };
  }

  /** Lighter's message for a code (API.md §9). */
  static String message(int code) {
    return switch (code) {
      case 21100 -> "account not found";
      case 21104 -> "invalid nonce";
      case 21110 -> "invalid api key index";
      case 21602 -> "invalid market index";
      case 21603 -> "invalid min amounts for market";
      case 21700 -> "invalid order index";
      case 21701 -> "invalid base amount";
      case 21702 -> "invalid price";
      case 21703 -> "invalid isAsk";
      case 21704 -> "invalid OrderType";
      case 21705 -> "invalid OrderTimeInForce";
      case 21709 -> "order book is not active";
      case 21710 -> "unsupported order type";
      case 21711 -> "invalid expiry";
      case 21715 -> "given order is not an active order";
      case 21727 -> "invalid client order index";
      case 21728 -> "client order index already exists";
      case 21729 -> "invalid order trigger price";
      case 21732 -> "reduce only increases position";
      case 21738 -> "invalid reduce only direction";
      case 21739 -> "not enough margin to create the order";
      default -> "invalid tx info";
    };
  }
}
