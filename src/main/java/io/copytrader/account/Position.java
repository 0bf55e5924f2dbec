package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.lighter.DetailedAccount;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An open position in one market.
 *
 * @param side BUY for a long, SELL for a short
 * @param size the absolute size in base units, greater than zero
 * @param averageEntryPrice the average entry price, or null when the exchange did not report one
 * @param initialMarginFractionPercent the position's initial margin fraction in percent as Lighter reports it
 *   ({@code "33.33"} = 3x), or null
 */
public record Position(Side side, BigDecimal size, BigDecimal averageEntryPrice,
                       BigDecimal initialMarginFractionPercent) {

  public Position {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(size, "size");
    if (size.signum() <= 0) {
      throw new IllegalArgumentException("a position has a size above zero, got " + size.toPlainString());
    }
  }

  /**
   * The position as Lighter's {@code AccountPosition} describes it: {@code sign} 1 long, -1 short, and an
   * absolute {@code position}; a zero sign or size means there is none.
   */
  public static Optional<Position> fromLighter(int sign, BigDecimal position, BigDecimal averageEntryPrice,
                                               BigDecimal initialMarginFractionPercent) {
    if (sign == 0 || position == null || position.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new Position(Side.ofSign(sign), position.abs(), averageEntryPrice,
      initialMarginFractionPercent));
  }

  /** The account's position in the market, if it holds one. */
  public static Optional<Position> in(DetailedAccount account, long marketId) {
    return account.position(marketId).flatMap(row -> fromLighter(row.sign(), row.position(),
      row.avgEntryPrice(), row.initialMarginFraction()));
  }

  /**
   * The position before a fill, from the one after it and the signed position before: only its side and size
   * are known, which is what telling a growth from a reduction needs.
   */
  static Optional<Position> before(Optional<Position> after, BigDecimal heldBefore) {
    if (heldBefore.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new Position(Side.ofSign(heldBefore.signum()), heldBefore.abs(),
      after.map(Position::averageEntryPrice).orElse(null),
      after.map(Position::initialMarginFractionPercent).orElse(null)));
  }
}
