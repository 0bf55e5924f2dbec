package io.copytrader.paper;

import io.copytrader.market.Ticks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A market's order book drawn around its mid price: {@code levels} prices on each side, each holding
 * {@code levelNotional} USDC of size. It is redrawn from the mid rather than depleted, so fills never move it.
 */
final class SyntheticBook {

  record Level(BigDecimal price, BigDecimal size) {
  }

  /**
   * What a taker order got from the book.
   *
   * @param stoppedBy null when completely filled, else the exchange's cancellation status for the rest
   * @param fills what each level gave, best first: one trade each
   */
  record Match(BigDecimal filledBase, BigDecimal filledQuote, String stoppedBy, List<Fill> fills) {
  }

  /** What one level gave a taker order: {@code level} is its rank on its side, 0 for the best. */
  record Fill(int level, BigDecimal price, BigDecimal size) {
  }

  private static final long SYNTHETIC_ORDER_INDEX = 1L << 56;
  static final String TOO_MUCH_SLIPPAGE = "canceled-too-much-slippage";
  static final String NOT_ENOUGH_LIQUIDITY = "canceled-not-enough-liquidity";

  private final List<Level> asks;
  private final List<Level> bids;

  SyntheticBook(PaperMarket market, BookShape shape, BigDecimal mid) {
    BigDecimal halfSpread = mid.multiply(shape.spread()).divide(BigDecimal.valueOf(2), 18, RoundingMode.HALF_EVEN);
    BigDecimal step = mid.multiply(shape.levelStep());
    BigDecimal tick = BigDecimal.ONE.movePointLeft(market.priceDecimals());
    List<Level> askLevels = new ArrayList<>();
    List<Level> bidLevels = new ArrayList<>();
    BigDecimal lastAsk = null;
    BigDecimal lastBid = null;
    for (int i = 0; i < shape.levels(); i++) {
      BigDecimal offset = halfSpread.add(step.multiply(BigDecimal.valueOf(i)));
      BigDecimal ask = Ticks.round(mid.add(offset), market.priceDecimals(), RoundingMode.CEILING);
      BigDecimal bid = Ticks.round(mid.subtract(offset), market.priceDecimals(), RoundingMode.FLOOR);
      // Coarse ticks can round neighbouring levels onto one price; keep the levels distinct.
      if (lastAsk != null && ask.compareTo(lastAsk) <= 0) {
        ask = lastAsk.add(tick);
      }
      if (lastBid != null && bid.compareTo(lastBid) >= 0) {
        bid = lastBid.subtract(tick);
      }
      askLevels.add(new Level(ask, size(market, shape, ask)));
      if (bid.signum() > 0) {
        bidLevels.add(new Level(bid, size(market, shape, bid)));
      }
      lastAsk = ask;
      lastBid = bid;
    }
    this.asks = List.copyOf(askLevels);
    this.bids = List.copyOf(bidLevels);
  }

  private static BigDecimal size(PaperMarket market, BookShape shape, BigDecimal price) {
    BigDecimal size = shape.levelNotional().divide(price, market.sizeDecimals(), RoundingMode.DOWN);
    return Ticks.round(size.max(market.minBaseAmount()), market.sizeDecimals(), RoundingMode.DOWN);
  }

  List<Level> asks() {
    return asks;
  }

  List<Level> bids() {
    return bids;
  }

  /** Whether an order at {@code price} would take liquidity: it reaches the best level of the other side. */
  boolean crosses(boolean isAsk, BigDecimal price) {
    List<Level> side = isAsk ? bids : asks;
    return !side.isEmpty() && acceptable(isAsk, side.get(0).price(), price);
  }

  private static boolean acceptable(boolean isAsk, BigDecimal levelPrice, BigDecimal limit) {
    return isAsk ? levelPrice.compareTo(limit) >= 0 : levelPrice.compareTo(limit) <= 0;
  }

  /**
   * The order index {@code orderBookOrders} shows for a level: in the exchange's order index range (from 2^48), far
   * above the indexes accounts' orders get; asks count from 0, bids from 1000.
   */
  static long makerOrderIndex(int marketId, boolean ask, int level) {
    return SYNTHETIC_ORDER_INDEX + marketId * 10_000L + (ask ? 0 : 1000) + level;
  }

  /** Fills a taker order against the opposite side up to {@code limit}, the order's worst price. */
  Match take(boolean isAsk, BigDecimal size, BigDecimal limit) {
    List<Level> side = isAsk ? bids : asks;
    BigDecimal remaining = size;
    BigDecimal quote = BigDecimal.ZERO;
    List<Fill> fills = new ArrayList<>();
    for (int rank = 0; rank < side.size(); rank++) {
      Level level = side.get(rank);
      if (!acceptable(isAsk, level.price(), limit)) {
        return new Match(size.subtract(remaining), quote, TOO_MUCH_SLIPPAGE, fills);
      }
      BigDecimal taken = remaining.min(level.size());
      quote = quote.add(taken.multiply(level.price()));
      remaining = remaining.subtract(taken);
      fills.add(new Fill(rank, level.price(), taken));
      if (remaining.signum() == 0) {
        return new Match(size, quote, null, fills);
      }
    }
    return new Match(size.subtract(remaining), quote, NOT_ENOUGH_LIQUIDITY, fills);
  }
}
