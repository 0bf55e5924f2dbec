package io.copytrader.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copytrader.lighter.signer.CancelAllOrdersTx;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.InvalidTxException;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.lighter.signer.Schnorr;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a submitted transaction as Lighter does, in order: readable tx_info, field rules, account and API
 * key, signature (which covers the chain id), expiry, nonce, then the order rules. Only an accepted
 * transaction consumes its nonce and is applied.
 */
final class TxIntake {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The outcome of one transaction. */
  sealed interface Outcome {
  }

  record Accepted(String txHash, LighterTx tx, PaperOrder order) implements Outcome {
  }

  record Rejected(int code, String message) implements Outcome {
  }

  /** An accepted transaction as {@code tx?by=hash} returns it. */
  record StoredTx(String hash, int type, String info, String eventInfo, long accountIndex, long nonce,
                  int apiKeyIndex, long expireAt, long executedAt) {
  }

  private final PaperEngine engine;
  private final TxSigner signer;
  private final Map<String, StoredTx> txs = new LinkedHashMap<>();

  TxIntake(PaperEngine engine, int chainId) {
    this.engine = engine;
    this.signer = new TxSigner(chainId);
  }

  Optional<StoredTx> tx(String hash) {
    return Optional.ofNullable(txs.get(hash));
  }

  Outcome submit(int txType, String txInfo, long now) {
    JsonNode info;
    LighterTx tx;
    byte[] signature;
    try {
      info = JSON.readTree(txInfo);
      if (info == null || !info.isObject()) {
        return new Rejected(21501, "invalid tx info");
      }
      tx = parse(txType, info);
      if (tx == null) {
        return new Rejected(21505, "unsupported tx type");
      }
      signature = Base64.getDecoder().decode(text(info, "Sig"));
    } catch (IOException | IllegalArgumentException e) {
      return new Rejected(21501, "invalid tx info");
    }
    try {
      tx.validate();
    } catch (InvalidTxException e) {
      return new Rejected(codeFor(e.field()), "invalid " + e.field());
    }
    PaperAccountState account = engine.accounts.get(tx.accountIndex());
    if (account == null) {
      return new Rejected(21100, "account not found");
    }
    String publicKey = account.keys.get(tx.apiKeyIndex());
    if (publicKey == null) {
      return new Rejected(21109, "api key not found");
    }
    if (!Schnorr.verify(HexFormat.of().parseHex(publicKey), signer.messageHash(tx), signature)) {
      return new Rejected(21120, "invalid signature");
    }
    if (tx.expiredAt() < now) {
      return new Rejected(21501, "invalid tx info: expired");
    }
    long expected = account.nonces.get(tx.apiKeyIndex());
    if (tx.nonce() != expected) {
      return new Rejected(21104, "invalid nonce");
    }
    Outcome applied = apply(account, tx, now);
    if (applied instanceof Accepted accepted) {
      account.nonces.put(tx.apiKeyIndex(), expected + 1);
      txs.put(accepted.txHash(), new StoredTx(accepted.txHash(), txType, txInfo, eventInfo(accepted.order()),
        tx.accountIndex(), tx.nonce(), tx.apiKeyIndex(), tx.expiredAt(), now));
    }
    return applied;
  }

  private Outcome apply(PaperAccountState account, LighterTx tx, long now) {
    String hash = TxSigner.txHashHex(signer.messageHash(tx));
    if (tx instanceof CreateOrderTx create) {
      int refusal = engine.refusal(account, create);
      if (refusal != 0) {
        return new Rejected(refusal, message(refusal));
      }
      return new Accepted(hash, tx, engine.create(account, create, now));
    }
    if (tx instanceof CancelOrderTx cancel) {
      Optional<PaperOrder> order = engine.liveOrder(account, cancel.marketIndex(), cancel.index());
      if (order.isEmpty()) {
        return new Rejected(21715, "given order is not an active order");
      }
      engine.cancel(account, order.get(), "canceled", now);
      return new Accepted(hash, tx, order.get());
    }
    if (tx instanceof ModifyOrderTx modify) {
      Optional<PaperOrder> order = engine.liveOrder(account, modify.marketIndex(), modify.index());
      if (order.isEmpty()) {
        return new Rejected(21715, "given order is not an active order");
      }
      engine.modify(account, order.get(), modify, now);
      return new Accepted(hash, tx, order.get());
    }
    engine.cancelAll(account, now);
    return new Accepted(hash, tx, null);
  }

  private static LighterTx parse(int txType, JsonNode info) {
    TxAttributes attributes = attributes(info.get("L2TxAttributes"));
    return switch (txType) {
      case CreateOrderTx.TX_TYPE -> new CreateOrderTx(number(info, "AccountIndex"), (int) number(info, "ApiKeyIndex"),
        (int) number(info, "MarketIndex"), number(info, "ClientOrderIndex"), number(info, "BaseAmount"),
        number(info, "Price"), (int) number(info, "IsAsk"), (int) number(info, "Type"),
        (int) number(info, "TimeInForce"), (int) number(info, "ReduceOnly"), number(info, "TriggerPrice"),
        number(info, "OrderExpiry"), number(info, "ExpiredAt"), number(info, "Nonce"), attributes);
      case CancelOrderTx.TX_TYPE -> new CancelOrderTx(number(info, "AccountIndex"), (int) number(info, "ApiKeyIndex"),
        (int) number(info, "MarketIndex"), number(info, "Index"), number(info, "ExpiredAt"), number(info, "Nonce"),
        attributes);
      case CancelAllOrdersTx.TX_TYPE -> new CancelAllOrdersTx(number(info, "AccountIndex"),
        (int) number(info, "ApiKeyIndex"), (int) number(info, "TimeInForce"), number(info, "Time"),
        number(info, "ExpiredAt"), number(info, "Nonce"), attributes);
      case ModifyOrderTx.TX_TYPE -> new ModifyOrderTx(number(info, "AccountIndex"), (int) number(info, "ApiKeyIndex"),
        (int) number(info, "MarketIndex"), number(info, "Index"), number(info, "BaseAmount"), number(info, "Price"),
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

  private static String eventInfo(PaperOrder order) {
    if (order == null) {
      return "{}";
    }
    return "{\"i\":" + order.orderIndex + ",\"u\":" + order.clientOrderIndex + ",\"a\":" + order.owner + ",\"ae\":\"\"}";
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

  private static String message(int code) {
    return switch (code) {
      case 21602 -> "invalid market index";
      case 21603 -> "invalid min amounts for market";
      case 21709 -> "market is not active";
      case 21728 -> "client order index already exists";
      case 21732 -> "reduce only increases position";
      case 21738 -> "invalid reduce only direction";
      case 21739 -> "not enough margin to create the order";
      default -> "order refused";
    };
  }
}
