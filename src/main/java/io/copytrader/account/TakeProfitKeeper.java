package io.copytrader.account;

import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires the take-profit a trade leaves without its purpose, before the stop-loss is aligned (README
 * "Take-profit"). A take-profit attached to an open ({@link AttachedTakeProfit}) is armed with the size that open
 * executed and is the OCO sibling of the stop-loss attached beside it. After a close it would stand on without a
 * position; after an increase or a flip, triggering, it would close only the earlier size and cancel its sibling,
 * the stop-loss the stop-loss keeper then relies on for the whole position. So in those cases the service's own
 * take-profits in the market are cancelled first, and the stop-loss keeper's merge follows: until then the increase's
 * own stop-loss covers what a triggered take-profit would leave. Only with {@code TAKE_PROFIT_RATIO} on: otherwise
 * nothing is read or sent. Only the service's own take-profits are cancelled: reduce-only take-profit orders whose
 * client order index the journal holds as a take-profit of the account.
 */
final class TakeProfitKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(TakeProfitKeeper.class);

  private final ExecutionParts parts;

  TakeProfitKeeper(ExecutionParts parts) {
    this.parts = parts;
  }

  /**
   * The stop-loss keeper's {@link StopLossKeeper#align} after a trade, preceded by {@link #beforeStopLoss}: what every
   * trade calls to leave the market's protection in line with the position.
   */
  Future<Optional<String>> align(TradeContext context, StopLossKeeper.Journaling journaling, Market market,
                                 Optional<Position> before, Optional<Position> after) {
    return beforeStopLoss(journaling, market, before, after)
      .compose(retired -> parts.stopLosses().align(context, journaling, market, before, after));
  }

  /**
   * Cancels the market's own take-profits when the trade from {@code before} to {@code after} retires them. A failure
   * is logged and left to the stop-loss keeper, which aligns the stop-loss whatever happened here.
   */
  Future<Void> beforeStopLoss(StopLossKeeper.Journaling journaling, Market market, Optional<Position> before,
                              Optional<Position> after) {
    if (!parts.settings().trading().takeProfitOn() || !retires(before, after)) {
      return Future.succeededFuture();
    }
    return ownTakeProfits(market)
      .compose(own -> parts.stopLosses().cancelAll(journaling, market, own))
      .<Void>mapEmpty()
      .recover(failure -> {
        new RequestLog(LOG, parts.account().accountIndex(), journaling.requestId())
          .warn("take-profit in {} not cancelled: {}", market.symbol(), failure.getMessage());
        return Future.succeededFuture();
      });
  }

  /** Whether the position went flat, flipped or grew: a take-profit attached to the earlier one no longer fits. */
  static boolean retires(Optional<Position> before, Optional<Position> after) {
    if (after.isEmpty()) {
      return true;
    }
    return before.isPresent() && (before.get().side() != after.get().side()
      || after.get().size().compareTo(before.get().size()) > 0);
  }

  /** The market's live take-profits the service placed. */
  private Future<List<Order>> ownTakeProfits(Market market) {
    return parts.view().activeOrders(parts.account().accountIndex(), market.marketId()).compose(live -> {
      List<Order> candidates = live.stream().filter(order -> order.marketIndex() == market.marketId()
        && order.takeProfit() && order.reduceOnly() && order.live() && order.clientOrderIndex() != 0
        && !StopLossKeeper.awaitsParent(order)).toList();
      if (candidates.isEmpty()) {
        return Future.succeededFuture(List.<Order>of());
      }
      return parts.journal().ownStopLosses(parts.account().accountIndex(),
          candidates.stream().map(Order::clientOrderIndex).toList())
        .map(own -> candidates.stream().filter(order -> own.contains(order.clientOrderIndex())).toList());
    });
  }
}
