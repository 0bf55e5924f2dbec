package io.copytrader.lighter.signer;

/** L2ModifyOrder (tx type 17): new amount, price and trigger price of a resting order. */
public record ModifyOrderTx(long accountIndex, int apiKeyIndex, int marketIndex, long index,
    long baseAmount, long price, long triggerPrice, long expiredAt, long nonce, TxAttributes attributes)
    implements LighterTx {

  public static final int TX_TYPE = 17;

  public ModifyOrderTx {
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
    TxRules.range("BaseAmount", baseAmount, 0, TxRules.MAX_BASE_AMOUNT);
    TxRules.range("Price", price, 1, TxRules.MAX_PRICE);
    TxRules.range("TriggerPrice", triggerPrice, 0, TxRules.MAX_PRICE);
    attributes.validate(false);
  }
}
