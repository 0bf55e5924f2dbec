package io.copytrader.account;

import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.Order;
import io.copytrader.notify.Fill;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.Side;
import io.copytrader.notify.TradeContext;
import java.math.BigDecimal;
import java.util.Optional;

/** The notice a fill deserves: opened, increased, reduced or closed, worked out from the positions around it. */
final class FillNotices {

  private FillNotices() {
  }

  /** When the account was read before the order was sent. */
  static Notice of(TradeContext context, Order order, BigDecimal filled, BigDecimal price,
                   Optional<AccountPosition> before, Optional<AccountPosition> after) {
    BigDecimal realizedBefore = before.map(AccountPosition::realizedPnl).orElse(BigDecimal.ZERO);
    BigDecimal realizedAfter = after.map(AccountPosition::realizedPnl).orElse(realizedBefore);
    BigDecimal realized = realizedAfter == null || realizedBefore == null ? null
      : realizedAfter.subtract(realizedBefore);
    return of(context, order, filled, price, before.map(AccountPosition::signedPosition).orElse(BigDecimal.ZERO),
      after, realized);
  }

  /**
   * After a restart the account as it was before the order is gone and the one read now already holds the
   * fill: the position before is the position now minus the fill, and the fill's realized PnL is not known.
   */
  static Notice afterTheFact(TradeContext context, Order order, BigDecimal filled, BigDecimal price,
                             Optional<AccountPosition> after) {
    return of(context, order, filled, price, heldBefore(order, filled, after), after, null);
  }

  /** The signed position before the fill, from the one after it: positive long, negative short, zero flat. */
  static BigDecimal heldBefore(Order order, BigDecimal filled, Optional<AccountPosition> after) {
    BigDecimal signedFill = order.isAsk() ? filled.negate() : filled;
    return after.map(AccountPosition::signedPosition).orElse(BigDecimal.ZERO).subtract(signedFill);
  }

  /** @param heldBefore the position before the fill: positive long, negative short, zero flat */
  private static Notice of(TradeContext context, Order order, BigDecimal filled, BigDecimal price,
                           BigDecimal heldBefore, Optional<AccountPosition> after, BigDecimal realized) {
    boolean isOpen = after.map(AccountPosition::open).orElse(false);
    Side fillSide = Side.ofAsk(order.isAsk());
    if (heldBefore.signum() == 0) {
      return Notices.opened(context, new Fill(fillSide, filled, price));
    }
    Side held = Side.ofSign(heldBefore.signum());
    if (held == fillSide) {
      return Notices.increased(context, new Fill(held, filled, price), after.get().position());
    }
    if (!isOpen) {
      return Notices.closed(context, new Fill(held, filled, price), realized);
    }
    return Notices.reduced(context, new Fill(held, filled, price), after.get().position(), realized);
  }
}
