package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.market.Ticks;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans a target position (README "Target positions"): the target in base units, the steps from the account's
 * position to it, and whether an entry chases the leader's price. Pure: the caller supplies the position, the
 * market, the equity and the book read at execution time.
 */
public final class TargetPlanner {

  /** Truncated, as {@link PositionSizer} divides, so flooring to the size step gives the floor of the quotient. */
  private static final MathContext QUOTIENT = new MathContext(34, RoundingMode.DOWN);

  private TargetPlanner() {
  }

  /**
   * The signed target at the market's size step, toward zero: {@code target_base} as given, or {@code target_ratio}
   * as {@code /api/trade} sizes a ratio, equity × |ratio| × scaling factor at the mid.
   */
  public static BigDecimal targetBase(TargetPosition target, Market market, BigDecimal equity,
                                      BigDecimal scalingFactor, BigDecimal mid) {
    if (target.base() != null) {
      return target.base().setScale(market.sizeDecimals(), RoundingMode.DOWN);
    }
    BigDecimal notional = equity.max(BigDecimal.ZERO).multiply(target.ratio().abs()).multiply(scalingFactor);
    BigDecimal base = notional.divide(mid, QUOTIENT).setScale(market.sizeDecimals(), RoundingMode.FLOOR);
    return target.ratio().signum() < 0 ? base.negate() : base;
  }

  /**
   * The steps from {@code current} to {@code target} (both signed base units). A close sells or buys the whole
   * position, rounded up to the size step so no dust stays, and skips the minimums as every close does; any other
   * step below the market's minimum size or value at {@code mid} is planned skipped.
   */
  public static TargetPlan plan(BigDecimal current, BigDecimal target, Market market, BigDecimal mid) {
    List<TargetStep> steps = new ArrayList<>();
    BigDecimal difference = target.subtract(current);
    if (difference.signum() != 0) {
      Side towardTarget = difference.signum() > 0 ? Side.BUY : Side.SELL;
      if (current.signum() == 0) {
        steps.add(step(TargetStep.Kind.OPEN, towardTarget, target.abs(), market, mid));
      } else if (target.signum() == current.signum()) {
        boolean grows = target.abs().compareTo(current.abs()) > 0;
        steps.add(step(grows ? TargetStep.Kind.INCREASE : TargetStep.Kind.DECREASE, towardTarget, difference.abs(),
          market, mid));
      } else {
        steps.add(new TargetStep(TargetStep.Kind.CLOSE, towardTarget,
          Ticks.round(current.abs(), market.sizeDecimals(), RoundingMode.CEILING), null));
        if (target.signum() != 0) {
          steps.add(step(TargetStep.Kind.OPEN, towardTarget, target.abs(), market, mid));
        }
      }
    }
    return new TargetPlan(current, target, steps);
  }

  private static TargetStep step(TargetStep.Kind kind, Side side, BigDecimal base, Market market, BigDecimal mid) {
    return new TargetStep(kind, side, base, belowMinimum(market, base, mid).orElse(null));
  }

  private static Optional<String> belowMinimum(Market market, BigDecimal base, BigDecimal mid) {
    if (base.compareTo(market.minBaseAmount()) < 0) {
      return Optional.of("size " + base.toPlainString() + " " + market.symbol() + " is below the market minimum of "
        + market.minBaseAmount().toPlainString());
    }
    BigDecimal value = base.multiply(mid);
    if (value.compareTo(market.minQuoteAmount()) < 0) {
      return Optional.of("order value " + value.toPlainString() + " USDC for " + market.symbol()
        + " is below the market minimum of " + market.minQuoteAmount().stripTrailingZeros().toPlainString() + " USDC");
    }
    return Optional.empty();
  }

  /**
   * Why an order on {@code side} that adds exposure would chase the leader: its price (the best ask for a buy, the
   * best bid for a sell, the mid without one) is worse than the leader's entry by more than the tolerance. Empty when
   * it does not, or when the target carries no entry or no tolerance.
   */
  public static Optional<String> chase(FollowFigures follow, Side side, BookTop book) {
    if (follow == null || follow.leaderEntry() == null || follow.noChaseTolerance() == null) {
      return Optional.empty();
    }
    BigDecimal quoted = side == Side.BUY ? book.bestAsk() : book.bestBid();
    Optional<BigDecimal> price = quoted != null ? Optional.of(quoted) : book.mid();
    if (price.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal tolerance = follow.noChaseTolerance();
    BigDecimal bound = follow.leaderEntry().multiply(side == Side.BUY ? BigDecimal.ONE.add(tolerance)
      : BigDecimal.ONE.subtract(tolerance));
    boolean worse = side == Side.BUY ? price.get().compareTo(bound) > 0 : price.get().compareTo(bound) < 0;
    if (!worse) {
      return Optional.empty();
    }
    return Optional.of((side == Side.BUY ? "buying at " : "selling at ") + price.get().toPlainString()
      + " is worse than the leader's entry " + follow.leaderEntry().toPlainString() + " by more than "
      + tolerance.toPlainString() + " (bound " + bound.stripTrailingZeros().toPlainString() + ")");
  }
}
