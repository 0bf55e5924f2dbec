package io.copytrader.lighter.signer;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lighter's L2 transaction attributes ({@code L2TxAttributes}): an immutable map from attribute type (1..7) to
 * value. Entries equal to their type's nil value are dropped, as the official SDK never sends them, so an
 * attribute set is empty exactly when it leaves the message hash unchanged.
 */
public final class TxAttributes {

  public static final int INTEGRATOR_ACCOUNT_INDEX = 1;
  public static final int INTEGRATOR_TAKER_FEE = 2;
  public static final int INTEGRATOR_MAKER_FEE = 3;
  public static final int SKIP_TX_NONCE = 4;
  public static final int CANCEL_ALL_MARKET_INDEX = 5;
  public static final int SELF_TRADE_BEHAVIOR_MODE = 6;
  public static final int SELF_TRADE_EQUALITY_MODE = 7;

  static final int MAX_ATTRIBUTES = 4;
  private static final long FEE_TICK = 1_000_000L;
  private static final long MAX_ACCOUNT_INDEX = (1L << 48) - 2;
  private static final int SELF_TRADE_REDUCE = 3;
  private static final TxAttributes NONE = new TxAttributes(new TreeMap<>());

  private final SortedMap<Integer, Long> values;

  private TxAttributes(SortedMap<Integer, Long> values) {
    this.values = Collections.unmodifiableSortedMap(values);
  }

  public static TxAttributes none() {
    return NONE;
  }

  /** Only SkipTxNonce = 1: the transaction does not consume the API key's nonce. */
  public static TxAttributes skipNonce() {
    return of(Map.of(SKIP_TX_NONCE, 1L));
  }

  /** Rejects unknown types and more than 4 non-nil attributes; value ranges are checked by validate(). */
  public static TxAttributes of(Map<Integer, Long> values) {
    Objects.requireNonNull(values, "values");
    SortedMap<Integer, Long> kept = new TreeMap<>();
    for (Map.Entry<Integer, Long> entry : values.entrySet()) {
      Integer type = entry.getKey();
      Long value = entry.getValue();
      if (type == null || type < INTEGRATOR_ACCOUNT_INDEX || type > SELF_TRADE_EQUALITY_MODE) {
        throw new InvalidTxException("L2TxAttributes", "unknown attribute type " + type);
      }
      if (value == null) {
        throw new InvalidTxException(fieldName(type), "value is missing");
      }
      if (value != nilValue(type)) {
        kept.put(type, value);
      }
    }
    if (kept.size() > MAX_ATTRIBUTES) {
      throw new InvalidTxException("L2TxAttributes", "at most " + MAX_ATTRIBUTES + " attributes per transaction");
    }
    return kept.isEmpty() ? NONE : new TxAttributes(kept);
  }

  static long nilValue(int type) {
    return type == CANCEL_ALL_MARKET_INDEX ? 255 : 0;
  }

  private static String fieldName(int type) {
    return "L2TxAttributes[" + type + "]";
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The non-nil attributes in ascending type order (unmodifiable). */
  public SortedMap<Integer, Long> values() {
    return values;
  }

  /** The attribute's value, or its nil value when absent. */
  public long value(int type) {
    Long v = values.get(type);
    return v == null ? nilValue(type) : v;
  }

  boolean has(int type) {
    return values.containsKey(type);
  }

  /**
   * Range and combination rules. {@code cancelAllImmediate} is true only for an immediate CancelAllOrders, the
   * one transaction a CancelAllMarketIndex may accompany.
   */
  void validate(boolean cancelAllImmediate) {
    for (Map.Entry<Integer, Long> entry : values.entrySet()) {
      int type = entry.getKey();
      long value = entry.getValue();
      boolean inRange;
      switch (type) {
        case INTEGRATOR_ACCOUNT_INDEX -> inRange = value >= 0 && value <= MAX_ACCOUNT_INDEX;
        case INTEGRATOR_TAKER_FEE, INTEGRATOR_MAKER_FEE -> inRange = value >= 0 && value <= FEE_TICK;
        case SKIP_TX_NONCE -> inRange = value == 1;
        case CANCEL_ALL_MARKET_INDEX -> inRange = value >= 0 && value <= 255;
        case SELF_TRADE_BEHAVIOR_MODE -> inRange = value >= 0 && value <= 3;
        case SELF_TRADE_EQUALITY_MODE -> inRange = value >= 0 && value <= 1;
        default -> inRange = false;
      }
      if (!inRange) {
        throw new InvalidTxException(fieldName(type), "value " + value + " out of range");
      }
    }
    boolean hasFees = has(INTEGRATOR_TAKER_FEE) || has(INTEGRATOR_MAKER_FEE);
    if (hasFees && !has(INTEGRATOR_ACCOUNT_INDEX)) {
      throw new InvalidTxException(fieldName(INTEGRATOR_ACCOUNT_INDEX), "required when an integrator fee is set");
    }
    if (hasFees && (has(SELF_TRADE_BEHAVIOR_MODE) || has(SELF_TRADE_EQUALITY_MODE))) {
      throw new InvalidTxException(fieldName(has(SELF_TRADE_BEHAVIOR_MODE)
          ? SELF_TRADE_BEHAVIOR_MODE : SELF_TRADE_EQUALITY_MODE), "not allowed together with integrator fees");
    }
    if (value(SELF_TRADE_BEHAVIOR_MODE) == SELF_TRADE_REDUCE && value(SELF_TRADE_EQUALITY_MODE) == 1) {
      throw new InvalidTxException(fieldName(SELF_TRADE_EQUALITY_MODE), "mode 1 not allowed with behaviour 3");
    }
    if (has(CANCEL_ALL_MARKET_INDEX) && !cancelAllImmediate) {
      throw new InvalidTxException(fieldName(CANCEL_ALL_MARKET_INDEX),
          "only allowed on CancelAllOrders with TimeInForce 0 (immediate)");
    }
  }

  /** [t1, v1, t2, v2, ...] over the non-nil types, padded with (0, 0) pairs to 8 elements. */
  long[] hashElements() {
    long[] elements = new long[2 * MAX_ATTRIBUTES];
    int i = 0;
    for (Map.Entry<Integer, Long> entry : values.entrySet()) {
      elements[i++] = entry.getKey();
      elements[i++] = Goldilocks.fromRaw(entry.getValue());
    }
    return elements;
  }

  /** Go's json.Marshal of the map: null when empty, else decimal-string keys in ascending order. */
  void appendJson(StringBuilder json) {
    if (values.isEmpty()) {
      json.append("null");
      return;
    }
    json.append('{');
    boolean first = true;
    for (Map.Entry<Integer, Long> entry : values.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append('"').append(entry.getKey()).append("\":").append(entry.getValue());
    }
    json.append('}');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TxAttributes other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "TxAttributes" + values;
  }
}
