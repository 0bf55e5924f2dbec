package io.copytrader.lighter.signer;

import java.math.BigInteger;
import java.util.Base64;

/**
 * Hashes, signs and serialises L2 transactions exactly as lighter-go does for one chain (304 mainnet,
 * 300 testnet). Thread-safe and stateless apart from the chain id.
 */
public final class TxSigner {

  public static final int MAINNET_CHAIN_ID = 304;
  public static final int TESTNET_CHAIN_ID = 300;

  private final int chainId;

  public TxSigner(int chainId) {
    this.chainId = chainId;
  }

  public int chainId() {
    return chainId;
  }

  /** Validates, hashes, signs with a fresh random nonce and renders tx_info. */
  public SignedTx sign(ApiKey key, LighterTx tx) {
    tx.validate();
    long[] messageHash = messageHash(tx);
    return signed(tx, messageHash, Schnorr.sign(key, messageHash));
  }

  /** As {@link #sign} with a caller-supplied Schnorr nonce; reusing a nonce reveals the key, so tests only. */
  SignedTx signWithNonce(ApiKey key, LighterTx tx, BigInteger k) {
    tx.validate();
    long[] messageHash = messageHash(tx);
    return signed(tx, messageHash, Schnorr.signWithNonce(key, messageHash, k));
  }

  private static SignedTx signed(LighterTx tx, long[] messageHash, byte[] signature) {
    return new SignedTx(tx.txType(), txInfoJson(tx, signature), txHashHex(messageHash));
  }

  /** The message that is signed: H5 of the tx fields, combined with the attributes hash when there are any. */
  public long[] messageHash(LighterTx tx) {
    long[] txHash = Poseidon2.hashToQuinticExtension(hashInputElements(tx));
    TxAttributes attributes = tx.attributes();
    if (attributes.isEmpty()) {
      return txHash;
    }
    long[] attributesHash = Poseidon2.hashToQuinticExtension(attributes.hashElements());
    long[] combined = new long[2 * Gfp5.LIMBS];
    System.arraycopy(txHash, 0, combined, 0, Gfp5.LIMBS);
    System.arraycopy(attributesHash, 0, combined, Gfp5.LIMBS, Gfp5.LIMBS);
    return Poseidon2.hashToQuinticExtension(combined);
  }

  /** The field elements hashed for the transaction, in lighter-go's order, before attributes are applied. */
  public long[] hashInputElements(LighterTx tx) {
    long[] prefix = {Integer.toUnsignedLong(chainId), tx.txType(), tx.nonce(), tx.expiredAt(), tx.accountIndex(),
        tx.apiKeyIndex()};
    long[] rest;
    if (tx instanceof CreateOrderTx o) {
      rest = o.order().hashElements();
    } else if (tx instanceof CreateGroupedOrdersTx g) {
      long[] orders = g.aggregatedOrderHash();
      rest = new long[] {g.groupingType(), orders[0], orders[1], orders[2], orders[3]};
    } else if (tx instanceof CancelOrderTx c) {
      rest = new long[] {c.marketIndex(), c.index()};
    } else if (tx instanceof CancelAllOrdersTx c) {
      rest = new long[] {c.timeInForce(), c.time()};
    } else if (tx instanceof UpdateLeverageTx u) {
      rest = new long[] {u.marketIndex(), u.initialMarginFraction(), u.marginMode()};
    } else {
      ModifyOrderTx m = (ModifyOrderTx) tx;
      rest = new long[] {m.marketIndex(), m.index(), m.baseAmount(), m.price(), m.triggerPrice()};
    }
    long[] elements = new long[prefix.length + rest.length];
    System.arraycopy(prefix, 0, elements, 0, prefix.length);
    System.arraycopy(rest, 0, elements, prefix.length, rest.length);
    // Go converts each integer to uint64 (two's complement) and the field takes it mod p.
    for (int i = 0; i < elements.length; i++) {
      elements[i] = Goldilocks.fromRaw(elements[i]);
    }
    return elements;
  }

  /** The tx hash as Lighter reports it: the 40-byte little-endian message hash in lowercase hex. */
  public static String txHashHex(long[] messageHash) {
    return Hex.encode(Gfp5.toBytes(messageHash));
  }

  /**
   * tx_info exactly as Go's json.Marshal of the lighter-go struct: declaration order, no whitespace, Sig as
   * padded standard base64, L2TxAttributes null or an object with ascending keys.
   */
  public static String txInfoJson(LighterTx tx, byte[] signature) {
    if (signature == null || signature.length != Schnorr.SIGNATURE_BYTES) {
      throw new IllegalArgumentException("signature must be " + Schnorr.SIGNATURE_BYTES + " bytes");
    }
    StringBuilder json = new StringBuilder(448);
    json.append("{\"AccountIndex\":").append(tx.accountIndex())
        .append(",\"ApiKeyIndex\":").append(tx.apiKeyIndex());
    if (tx instanceof CreateOrderTx o) {
      o.order().appendJsonFields(json.append(','));
    } else if (tx instanceof CreateGroupedOrdersTx g) {
      json.append(",\"GroupingType\":").append(g.groupingType()).append(",\"Orders\":[");
      for (int i = 0; i < g.orders().size(); i++) {
        g.orders().get(i).appendJsonFields(json.append(i == 0 ? "{" : ",{"));
        json.append('}');
      }
      json.append(']');
    } else if (tx instanceof CancelOrderTx c) {
      json.append(",\"MarketIndex\":").append(c.marketIndex())
          .append(",\"Index\":").append(c.index());
    } else if (tx instanceof CancelAllOrdersTx c) {
      json.append(",\"TimeInForce\":").append(c.timeInForce())
          .append(",\"Time\":").append(c.time());
    } else if (tx instanceof UpdateLeverageTx u) {
      json.append(",\"MarketIndex\":").append(u.marketIndex())
          .append(",\"InitialMarginFraction\":").append(u.initialMarginFraction())
          .append(",\"MarginMode\":").append(u.marginMode());
    } else {
      ModifyOrderTx m = (ModifyOrderTx) tx;
      json.append(",\"MarketIndex\":").append(m.marketIndex())
          .append(",\"Index\":").append(m.index())
          .append(",\"BaseAmount\":").append(m.baseAmount())
          .append(",\"Price\":").append(m.price())
          .append(",\"TriggerPrice\":").append(m.triggerPrice());
    }
    json.append(",\"ExpiredAt\":").append(tx.expiredAt())
        .append(",\"Nonce\":").append(tx.nonce())
        .append(",\"Sig\":\"").append(Base64.getEncoder().encodeToString(signature))
        .append("\",\"L2TxAttributes\":");
    tx.attributes().appendJson(json);
    return json.append('}').toString();
  }
}
