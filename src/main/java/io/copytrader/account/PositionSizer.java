package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.market.Ticks;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a request into a market order for one account: how much, which side, the worst acceptable price and
 * whether it may only reduce the position. Pure: the caller supplies the equity, the book and the position
 * read at execution time.
 */
public final class PositionSizer {

  /*
   * The quotient is truncated, not rounded, at 34 significant digits: any base that fits a Lighter order has
   * fewer than 34 digits down to its size tick, so truncating first and then flooring to the tick gives
   * exactly the floor of the true quotient. Rounding at 34 digits could carry 0.99…9 up to the next tick.
   */
  private static final MathContext QUOTIENT = new MathContext(34, RoundingMode.DOWN);

  private final TradingParameters parameters;

  public PositionSizer(TradingParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  /** Plans the order for a request whose market has been resolved to {@code market}. */
  public SizingResult plan(TradeRequest request, Market market, BigDecimal totalAssetValue, BookTop book,
                           Optional<Position> position) {
    SizingResult sized = sized(request, market, totalAssetValue, book, position);
    Optional<String> closed = market.access().openingRefusal();
    if (sized instanceof OrderPlan plan && !plan.reduceOnly() && closed.isPresent()) {
      return new Rejection(RejectionCode.MARKET_REDUCE_ONLY, "market " + market.symbol() + " " + closed.get()
        + "; it takes only exits (close, decrease, an order against the position) now");
    }
    return sized;
  }

  private SizingResult sized(TradeRequest request, Market market, BigDecimal totalAssetValue, BookTop book,
                             Optional<Position> position) {
    return switch (request.action()) {
      case LONG -> open(market, Side.BUY, request.ratio(), totalAssetValue, book, position);
      case SHORT -> open(market, Side.SELL, request.ratio(), totalAssetValue, book, position);
      case CLOSE -> close(market, book, position);
      case INCREASE -> increase(market, request.percentage(), book, position);
      case DECREASE -> decrease(market, request.percentage(), book, position);
      case POSITION -> throw new IllegalArgumentException("a target position is planned by TargetPlanner");
    };
  }

  /**
   * Opens or adds on {@code side} with notional = equity × ratio × scaling factor. Against a position on the
   * other side the order only reduces it: capped at the position, and a full close when at least as large.
   *
   * @param ratio the share of the leader's position, in [0, 1]
   */
  public SizingResult open(Market market, Side side, BigDecimal ratio, BigDecimal totalAssetValue, BookTop book,
                           Optional<Position> position) {
    requireInRange(ratio, "ratio", true);
    BigDecimal notional = totalAssetValue.multiply(ratio).multiply(parameters.scalingFactor());
    if (notional.signum() <= 0) {
      return new Rejection(RejectionCode.SIZE_BELOW_MINIMUM, "order value " + notional.toPlainString()
        + " USDC for " + market.symbol() + " (equity " + totalAssetValue.toPlainString() + " × ratio "
        + ratio.toPlainString() + " × scaling " + parameters.scalingFactor().toPlainString()
        + ") is not above zero");
    }
    Optional<BigDecimal> mid = book.mid();
    if (mid.isEmpty()) {
      return noPrice(market);
    }
    BigDecimal base = notional.divide(mid.get(), QUOTIENT).setScale(market.sizeDecimals(), RoundingMode.FLOOR);
    return unlessBelowMinimum(market, base, mid.get(), () -> {
      if (position.isPresent() && position.get().side() != side) {
        BigDecimal whole = wholePosition(market, position.get());
        return base.compareTo(whole) >= 0
          ? order(market, side, whole, book, mid.get(), true, true)
          : order(market, side, base, book, mid.get(), true, false);
      }
      return order(market, side, base, book, mid.get(), false, false);
    });
  }

  /** Closes the whole position with a reduce-only order on the other side. */
  public SizingResult close(Market market, BookTop book, Optional<Position> position) {
    if (position.isEmpty()) {
      return noPosition(market);
    }
    Optional<BigDecimal> mid = book.mid();
    if (mid.isEmpty()) {
      return noPrice(market);
    }
    Position open = position.get();
    return order(market, open.side().opposite(), wholePosition(market, open), book, mid.get(), true, true);
  }

  /**
   * Adds {@code percentage} of the current position on the position's own side.
   *
   * @param percentage a fraction in (0, 1]
   */
  public SizingResult increase(Market market, BigDecimal percentage, BookTop book, Optional<Position> position) {
    return adjusted(market, percentage, book, position, (open, base, mid) ->
      unlessBelowMinimum(market, base, mid, () -> order(market, open.side(), base, book, mid, false, false)));
  }

  /**
   * Reduces the position by {@code percentage} with a reduce-only order on the other side; 1 closes it.
   *
   * @param percentage a fraction in (0, 1]
   */
  public SizingResult decrease(Market market, BigDecimal percentage, BookTop book, Optional<Position> position) {
    return adjusted(market, percentage, book, position, (open, base, mid) -> {
      Side side = open.side().opposite();
      if (percentage.compareTo(BigDecimal.ONE) == 0 || base.compareTo(open.size()) >= 0) {
        return order(market, side, wholePosition(market, open), book, mid, true, true);
      }
      return unlessBelowMinimum(market, base, mid, () -> order(market, side, base, book, mid, true, false));
    });
  }

  /** Sizes an order from {@code percentage} of the open position at the book's mid. */
  private interface Adjustment {
    SizingResult size(Position open, BigDecimal base, BigDecimal mid);
  }

  /** The adjustment {@code sized} makes of the position, unless it cannot be sized at all. */
  private SizingResult adjusted(Market market, BigDecimal percentage, BookTop book, Optional<Position> position,
                                Adjustment sized) {
    Optional<Rejection> refused = adjustable(market, percentage, book, position);
    if (refused.isPresent()) {
      return refused.get();
    }
    Position open = position.get();
    return sized.size(open, share(market, open, percentage), book.mid().get());
  }

  /** The order {@code sized} builds, unless {@code base} is below the market's minimum size or value. */
  private SizingResult unlessBelowMinimum(Market market, BigDecimal base, BigDecimal mid,
                                          Supplier<SizingResult> sized) {
    Optional<Rejection> tooSmall = belowMinimum(market, base, mid);
    return tooSmall.isPresent() ? tooSmall.get() : sized.get();
  }

  /** Why an adjustment cannot be sized at all: no position, or no price; empty when it can. */
  private Optional<Rejection> adjustable(Market market, BigDecimal percentage, BookTop book,
                                         Optional<Position> position) {
    requireInRange(percentage, "percentage", false);
    if (position.isEmpty()) {
      return Optional.of(noPosition(market));
    }
    if (book.mid().isEmpty()) {
      return Optional.of(noPrice(market));
    }
    return Optional.empty();
  }

  private static BigDecimal share(Market market, Position position, BigDecimal percentage) {
    return position.size().multiply(percentage).setScale(market.sizeDecimals(), RoundingMode.FLOOR);
  }

  /*
   * A whole-position order is reduce-only, and the exchange caps a reduce-only order at the position, so a
   * size reported with more decimals than the market trades rounds up: the order then closes it all instead
   * of leaving dust that no order could close. Closing orders skip the minimums for the same reason.
   */
  private static BigDecimal wholePosition(Market market, Position position) {
    return Ticks.round(position.size(), market.sizeDecimals(), RoundingMode.CEILING);
  }

  private static Optional<Rejection> belowMinimum(Market market, BigDecimal base, BigDecimal mid) {
    if (base.signum() <= 0 || base.compareTo(market.minBaseAmount()) < 0) {
      return Optional.of(new Rejection(RejectionCode.SIZE_BELOW_MINIMUM, "size " + base.toPlainString() + " "
        + market.symbol() + " is below the market minimum of " + market.minBaseAmount().toPlainString()));
    }
    BigDecimal quote = base.multiply(mid);
    if (quote.compareTo(market.minQuoteAmount()) < 0) {
      return Optional.of(new Rejection(RejectionCode.SIZE_BELOW_MINIMUM, "order value " + quote.toPlainString()
        + " USDC for " + market.symbol() + " is below the market minimum of "
        + market.minQuoteAmount().toPlainString() + " USDC"));
    }
    return Optional.empty();
  }

  /** A market order of {@code base} on {@code side}, unless it exceeds what a Lighter order can carry. */
  SizingResult order(Market market, Side side, BigDecimal base, BookTop book, BigDecimal mid,
                     boolean reduceOnly, boolean closesPosition) {
    if (!OrderLimits.baseFits(market, base)) {
      return new Rejection(RejectionCode.SIZE_ABOVE_MAXIMUM, "size " + base.toPlainString() + " "
        + market.symbol() + " is above the largest order Lighter accepts");
    }
    BigDecimal worst = worstPrice(market, side, book, mid);
    if (!OrderLimits.priceFits(market, worst)) {
      return new Rejection(RejectionCode.PRICE_OUT_OF_RANGE, "worst acceptable price " + worst.toPlainString()
        + " for " + market.symbol() + " is outside the prices Lighter accepts");
    }
    return new OrderPlan(side, base, market.baseTicks(base, RoundingMode.UNNECESSARY), worst,
      market.priceTicks(worst, RoundingMode.UNNECESSARY), reduceOnly, closesPosition);
  }

  /*
   * The slippage bound is rounded inward to the price tick (a buy's down, a sell's up) so that the order can
   * never fill worse than the configured slippage allows.
   */
  private BigDecimal worstPrice(Market market, Side side, BookTop book, BigDecimal mid) {
    BigDecimal slippage = parameters.maxSlippage();
    if (side == Side.BUY) {
      BigDecimal ask = book.bestAsk() != null ? book.bestAsk() : mid;
      return Ticks.round(ask.multiply(BigDecimal.ONE.add(slippage)), market.priceDecimals(), RoundingMode.FLOOR);
    }
    BigDecimal bid = book.bestBid() != null ? book.bestBid() : mid;
    return Ticks.round(bid.multiply(BigDecimal.ONE.subtract(slippage)), market.priceDecimals(),
      RoundingMode.CEILING);
  }

  private static Rejection noPrice(Market market) {
    return new Rejection(RejectionCode.NO_PRICE, "the " + market.symbol() + " order book has no bid and no ask");
  }

  private static Rejection noPosition(Market market) {
    return new Rejection(RejectionCode.NO_POSITION, "no open " + market.symbol() + " position");
  }

  private static void requireInRange(BigDecimal value, String name, boolean zeroAllowed) {
    Objects.requireNonNull(value, name);
    boolean aboveLower = zeroAllowed ? value.signum() >= 0 : value.signum() > 0;
    if (!aboveLower || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(name + " must be in " + (zeroAllowed ? "[0, 1]" : "(0, 1]") + ", got "
        + value.toPlainString());
    }
  }
}
