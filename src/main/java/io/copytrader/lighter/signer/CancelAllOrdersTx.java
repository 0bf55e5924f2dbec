package io.copytrader.lighter.signer;

/**
 * L2CancelAllOrders (tx type 16). TimeInForce 0 cancels now (time 0), 1 schedules a cancel at {@code time}
 * (epoch ms), 2 aborts a scheduled cancel (time 0).
 */
public record CancelAllOrdersTx(long accountIndex, int apiKeyIndex, int timeInForce, long time,
    long expiredAt, long nonce, TxAttributes attributes) implements LighterTx {

  public static final int TX_TYPE = 16;

  public static final int TIF_IMMEDIATE = 0;
  public static final int TIF_SCHEDULED = 1;
  public static final int TIF_ABORT = 2;

  public CancelAllOrdersTx {
    attributes = attributes == null ? TxAttributes.none() : attributes;
  }

  @Override
  public int txType() {
    return TX_TYPE;
  }

  @Override
  public void validate() {
    TxRules.common(this);
    switch (timeInForce) {
      case TIF_IMMEDIATE, TIF_ABORT -> TxRules.require(time == 0, "Time", "must be 0 unless scheduled");
      case TIF_SCHEDULED -> TxRules.range("Time", time, 1, Long.MAX_VALUE);
      default -> throw new InvalidTxException("TimeInForce", "must be 0, 1 or 2, was " + timeInForce);
    }
    attributes.validate(timeInForce == TIF_IMMEDIATE);
  }
}
