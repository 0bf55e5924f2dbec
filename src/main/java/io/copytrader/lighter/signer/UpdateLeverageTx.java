package io.copytrader.lighter.signer;

/**
 * L2UpdateLeverage (tx type 20): the account's initial margin fraction on one market, in units of 1/10,000
 * (leverage = 10,000 / fraction; 500 is 20x), and its margin mode there (0 cross, 1 isolated).
 */
public record UpdateLeverageTx(long accountIndex, int apiKeyIndex, int marketIndex, int initialMarginFraction,
    int marginMode, long expiredAt, long nonce, TxAttributes attributes) implements LighterTx {

  public static final int TX_TYPE = 20;

  public static final int CROSS_MARGIN = 0;
  public static final int ISOLATED_MARGIN = 1;
  /** lighter-go {@code MarginFractionTick}: a fraction of 10,000 is 100 %, leverage 1x. */
  public static final int MAX_INITIAL_MARGIN_FRACTION = 10_000;
  /** lighter-go's nil market index; the signer's only market rule for this transaction. */
  static final int NIL_MARKET_INDEX = 255;

  public UpdateLeverageTx {
    attributes = attributes == null ? TxAttributes.none() : attributes;
  }

  @Override
  public void validate() {
    TxRules.common(this);
    TxRules.range("MarketIndex", marketIndex, Short.MIN_VALUE, Short.MAX_VALUE);
    TxRules.require(marketIndex != NIL_MARKET_INDEX, "MarketIndex", "must not be 255, the nil index of no perps or spot market");
    TxRules.range("InitialMarginFraction", initialMarginFraction, 1, MAX_INITIAL_MARGIN_FRACTION);
    TxRules.require(marginMode == CROSS_MARGIN || marginMode == ISOLATED_MARGIN, "MarginMode",
        "must be 0 (cross) or 1 (isolated), was " + marginMode);
    attributes.validate(false);
  }

  @Override
  public int txType() {
    return TX_TYPE;
  }
}
