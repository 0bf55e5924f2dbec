package io.copytrader.lighter.signer;

/** L2CancelOrder (tx type 15): {@code index} is a client order index or an exchange order index. */
public record CancelOrderTx(long accountIndex, int apiKeyIndex, int marketIndex, long index,
    long expiredAt, long nonce, TxAttributes attributes) implements LighterTx {

  public static final int TX_TYPE = 15;

  public CancelOrderTx {
    attributes = attributes == null ? TxAttributes.none() : attributes;
  }

  @Override
  public int txType() {
    return TX_TYPE;
  }

  @Override
  public void validate() {
    TxRules.common(this);
    TxRules.market(marketIndex);
    TxRules.orderIndex(index);
    attributes.validate(false);
  }
}
