package io.copytrader.lighter;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.TreeMap;

/** One market's book as the stream built it: asks ascending, bids descending. */
final class LocalBook {

  final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
  final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
  long nonce;
  boolean synced;
}
