package io.copytrader.paper;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Every fill the paper exchange made, newest first, for {@code trades} and {@code recentTrades}; the oldest are
 * forgotten first. A fill made while a transaction is applied carries its hash. Confined to the exchange's context.
 */
final class TradeLog implements Iterable<PaperTrade> {

  private static final int TRADES_KEPT = 10_000;

  private final Deque<PaperTrade> trades = new ArrayDeque<>();
  private long nextTradeId = 1;
  /** The hash of the transaction being applied, empty outside one. */
  private String applyingTx = "";

  void record(int marketId, BigDecimal size, BigDecimal price, long takerAccount, PaperOrder taker,
              long makerOrderIndex, BigDecimal takerPositionBefore, BigDecimal takerEntryQuoteBefore,
              int takerImfBefore, boolean takerSignChanged, BigDecimal takerPnl, long now) {
    trades.addFirst(new PaperTrade(nextTradeId++, applyingTx, marketId, size, price, takerAccount, taker.orderIndex,
      taker.clientOrderIndex, taker.isAsk, makerOrderIndex, takerPositionBefore, takerEntryQuoteBefore,
      takerImfBefore, takerSignChanged, takerPnl, now));
    while (trades.size() > TRADES_KEPT) {
      trades.removeLast();
    }
  }

  /** Runs a transaction's effects: the fills they make carry its hash. */
  <T> T applying(String txHash, Supplier<T> effects) {
    applyingTx = txHash;
    try {
      return effects.get();
    } finally {
      applyingTx = "";
    }
  }

  /** The id of the latest fill, 0 before the first: trades with a higher id are newer. */
  long newestId() {
    return trades.isEmpty() ? 0 : trades.peekFirst().tradeId();
  }

  /** The id of the oldest fill still kept, 0 before the first: older ones are forgotten. */
  long oldestId() {
    return trades.isEmpty() ? 0 : trades.peekLast().tradeId();
  }

  @Override
  public Iterator<PaperTrade> iterator() {
    return trades.iterator();
  }
}
