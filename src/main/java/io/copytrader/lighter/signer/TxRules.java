package io.copytrader.lighter.signer;

/** Lighter's field ranges (lighter-go {@code txtypes/constants.go}) shared by the transaction validators. */
final class TxRules {

  static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  static final int MAX_API_KEY_INDEX = 254;
  static final long MAX_TIMESTAMP = (1L << 48) - 1;
  static final int MAX_PERPS_MARKET_INDEX = 254;
  static final int MIN_SPOT_MARKET_INDEX = 2048;
  static final int MAX_SPOT_MARKET_INDEX = 4094;
  static final long MAX_CLIENT_ORDER_INDEX = (1L << 48) - 1;
  static final long MAX_ORDER_INDEX = (1L << 60) - 1;
  static final long MAX_BASE_AMOUNT = (1L << 48) - 1;
  static final long MAX_PRICE = (1L << 32) - 1;

  private TxRules() {
  }

  static void common(LighterTx tx) {
    range("AccountIndex", tx.accountIndex(), -1, MAX_ACCOUNT_INDEX);
    range("ApiKeyIndex", tx.apiKeyIndex(), 0, MAX_API_KEY_INDEX);
    range("ExpiredAt", tx.expiredAt(), 0, MAX_TIMESTAMP);
    range("Nonce", tx.nonce(), 0, Long.MAX_VALUE);
  }

  static boolean isPerpsMarket(int marketIndex) {
    return marketIndex >= 0 && marketIndex <= MAX_PERPS_MARKET_INDEX;
  }

  static boolean isSpotMarket(int marketIndex) {
    return marketIndex >= MIN_SPOT_MARKET_INDEX && marketIndex <= MAX_SPOT_MARKET_INDEX;
  }

  static void market(int marketIndex) {
    if (!isPerpsMarket(marketIndex) && !isSpotMarket(marketIndex)) {
      throw new InvalidTxException("MarketIndex", "must be 0..254 (perps) or 2048..4094 (spot), was " + marketIndex);
    }
  }

  /** A client order index (1..2^48-1) or an exchange order index (2^48..2^60-1). */
  static void orderIndex(long index) {
    range("Index", index, 1, MAX_ORDER_INDEX);
  }

  /** BaseAmount 0 (sized by the exchange) is only allowed on a reduce-only order; otherwise 1..2^48-1. */
  static void baseAmount(String field, long baseAmount, int reduceOnly) {
    if (baseAmount == 0) {
      require(reduceOnly == 1, field, "0 is only allowed on a reduce-only order");
    } else {
      range(field, baseAmount, 1, MAX_BASE_AMOUNT);
    }
  }

  static void range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidTxException(field, "must be in " + min + ".." + max + ", was " + value);
    }
  }

  static void require(boolean condition, String field, String reason) {
    if (!condition) {
      throw new InvalidTxException(field, reason);
    }
  }
}
