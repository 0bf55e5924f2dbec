package io.copytrader.paper;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One market's fills of the last day, as far as the trade log still keeps them, with their volumes and price range
 * kept as fills come and go: a market's stats are published after every transaction, and adding up every kept fill
 * each time made a fan-out to N accounts cost the paper exchange N times the whole log. Sums are exact (BigDecimal
 * without rounding), so taking a fill out gives what adding up the rest would. Confined to the exchange's context.
 */
final class DailyWindow {

  static final long DAY_MS = 86_400_000L;

  /** Oldest first. */
  private final Deque<PaperTrade> trades = new ArrayDeque<>();
  private BigDecimal base = BigDecimal.ZERO;
  private BigDecimal quote = BigDecimal.ZERO;
  /** The lowest and highest price in the window; null when a fill that held one left and they need a look again. */
  private BigDecimal low;
  private BigDecimal high;

  /** A new fill, newer than every one added before. */
  void add(PaperTrade trade) {
    trades.addLast(trade);
    base = base.add(trade.size());
    quote = quote.add(trade.size().multiply(trade.price()));
    if (low != null || trades.size() == 1) {
      low = low == null ? trade.price() : low.min(trade.price());
      high = high == null ? trade.price() : high.max(trade.price());
    }
  }

  /** Lets go of the fills a day old or more at {@code now}, and of those the trade log no longer keeps. */
  void evict(long now, long oldestKeptId) {
    while (!trades.isEmpty() && (now - trades.peekFirst().timestamp() >= DAY_MS
      || trades.peekFirst().tradeId() < oldestKeptId)) {
      PaperTrade gone = trades.removeFirst();
      base = base.subtract(gone.size());
      quote = quote.subtract(gone.size().multiply(gone.price()));
      if (low != null && (gone.price().compareTo(low) == 0 || gone.price().compareTo(high) == 0)) {
        low = null;
        high = null;
      }
    }
  }

  boolean isEmpty() {
    return trades.isEmpty();
  }

  BigDecimal baseVolume() {
    return base;
  }

  BigDecimal quoteVolume() {
    return quote;
  }

  /** The newest fill's price. */
  Optional<BigDecimal> last() {
    return trades.isEmpty() ? Optional.empty() : Optional.of(trades.peekLast().price());
  }

  /** The oldest fill's price. */
  Optional<BigDecimal> first() {
    return trades.isEmpty() ? Optional.empty() : Optional.of(trades.peekFirst().price());
  }

  Optional<BigDecimal> low() {
    range();
    return Optional.ofNullable(low);
  }

  Optional<BigDecimal> high() {
    range();
    return Optional.ofNullable(high);
  }

  private void range() {
    if (low != null || trades.isEmpty()) {
      return;
    }
    for (PaperTrade trade : trades) {
      low = low == null ? trade.price() : low.min(trade.price());
      high = high == null ? trade.price() : high.max(trade.price());
    }
  }
}
