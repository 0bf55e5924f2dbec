package io.copytrader.account;

import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.OrderState;
import io.copytrader.journal.RequestDetail;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.market.Market;
import io.copytrader.market.Ticks;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The take-profit's part in aligning a market's protection after a trade (README "Take-profit"): it retires the
 * take-profit a trade leaves without its purpose, before the stop-loss is aligned, and gives a position that has none
 * one of its own, after the stop-loss is in place. A take-profit attached to an open ({@link AttachedTakeProfit}) is
 * armed with the size that open executed and is the OCO sibling of the stop-loss attached beside it. After a close it
 * would stand on without a position; after an increase or a flip, triggering, it would close only the earlier size and
 * cancel its sibling, the stop-loss the stop-loss keeper then relies on for the whole position. So in those cases the
 * service's own take-profits in the market are cancelled first, and the stop-loss keeper's merge follows: until then
 * the increase's own stop-loss covers what a triggered take-profit would leave. Only with {@code TAKE_PROFIT_RATIO}
 * on: otherwise nothing is read or sent. Only the service's own take-profits are cancelled: reduce-only take-profit
 * orders whose client order index the journal holds as a take-profit of the account.
 */
final class TakeProfitKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(TakeProfitKeeper.class);

  private final ExecutionParts parts;

  TakeProfitKeeper(ExecutionParts parts) {
    this.parts = parts;
  }

  /**
   * The stop-loss keeper's {@link StopLossKeeper#align} after a trade, preceded by {@link #beforeStopLoss} and, once
   * the stop-loss is in place, followed by {@link #afterStopLoss}: what every trade calls to leave the market's
   * protection in line with the position.
   */
  Future<Optional<String>> align(TradeContext context, StopLossKeeper.Journaling journaling, Market market,
                                 Optional<Position> before, Optional<Position> after) {
    return beforeStopLoss(journaling, market, before, after)
      .compose(retired -> parts.stopLosses().align(context, journaling, market, before, after))
      .compose(problem -> problem.isPresent() ? Future.succeededFuture(problem)
        : afterStopLoss(journaling, market, before, after).map(problem));
  }

  /**
   * An open from flat whose entry went without its take-profit attached (grouped orders refused, so it went in two
   * steps), and a position that grew or flipped (its earlier take-profit retired by {@link #beforeStopLoss}), get one
   * now, the stop-loss being in place: a reduce-only take-profit-limit of the position's size on its closing side,
   * its trigger from the position's average entry, placed alone. It is not linked to the stop-loss: when it closes
   * the position, the stop-loss stays until the exchange ends it at flat or the next protection run cancels it, a
   * reduce-only order that can open nothing meanwhile. Sent once, never retried (a lost answer could otherwise make
   * two); a failure is logged, the stop-loss stands either way.
   */
  private Future<Void> afterStopLoss(StopLossKeeper.Journaling journaling, Market market, Optional<Position> before,
                                     Optional<Position> after) {
    if (!parts.settings().trading().takeProfitOn() || after.isEmpty()
      || (before.isPresent() && !retires(before, after))) {
      return Future.succeededFuture();
    }
    RequestLog log = new RequestLog(LOG, parts.account().accountIndex(), journaling.requestId());
    return parts.journal().getRequest(journaling.requestId())
      .compose(detail -> attachedOne(detail) ? Future.succeededFuture()
        : ownTakeProfits(market).compose(own -> own.isEmpty() ? placeAlone(journaling, market, after.get(), log)
          : Future.succeededFuture()))
      .recover(failure -> {
        log.warn("take-profit in {} not placed: {}", market.symbol(), failure.getMessage());
        return Future.succeededFuture();
      });
  }

  /** Whether the request sent a take-profit in a group the exchange applied (its entry row not rejected). */
  private static boolean attachedOne(Optional<RequestDetail> detail) {
    List<OrderRecord> rows = detail.map(RequestDetail::orders).orElse(List.of());
    Set<String> applied = rows.stream().filter(row -> row.order().purpose() == OrderPurpose.ENTRY
      && row.state() != OrderState.REJECTED).map(row -> row.order().txHash()).collect(Collectors.toSet());
    return rows.stream().anyMatch(row -> row.order().purpose() == OrderPurpose.TAKE_PROFIT_PLACE
      && applied.contains(row.order().txHash()));
  }

  private Future<Void> placeAlone(StopLossKeeper.Journaling journaling, Market market, Position held,
                                  RequestLog log) {
    Position position = parts.session().marginFractions().established(market.marketId(), held);
    if (!(new StopLossPolicy(parts.settings().trading()).plan(market, position) instanceof StopLossPlan stop)
      || !(new TakeProfitPolicy(parts.settings().trading()).plan(market, position.side(),
        position.averageEntryPrice(), stop.marginFraction()) instanceof TakeProfitPlan plan)) {
      return Future.failedFuture(new IllegalStateException("no take-profit price can be computed"));
    }
    // Reduce-only, so a sub-tick remainder rounds up (the exchange caps it at the position), as the stop-loss's.
    BigDecimal base = Ticks.round(position.size(), market.sizeDecimals(), RoundingMode.CEILING);
    long clientOrderIndex = parts.orderIndexes().next();
    long expiry = System.currentTimeMillis() + StopLossKeeper.STOP_LOSS_EXPIRY.toMillis();
    long expiredAt = System.currentTimeMillis() + TradeExecutor.TX_EXPIRY.toMillis();
    return parts.sender().send(journaling.requestId(), journaling.ordinals(), new OrderSender.Draft(
          OrderPurpose.TAKE_PROFIT_PLACE, market.marketId(), clientOrderIndex, plan.side(), base, plan.limitPrice(),
          plan.triggerPrice()),
        nonce -> new CreateOrderTx(parts.account().accountIndex(), parts.session().apiKeyIndex(), market.marketId(),
          clientOrderIndex, market.baseTicks(base, RoundingMode.UNNECESSARY), plan.limitPriceTicks(),
          plan.isAsk() ? 1 : 0, CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1,
          plan.triggerPriceTicks(), expiry, expiredAt, nonce, TxAttributes.none()), () -> { })
      .compose(sent -> sent.outcome() instanceof SendOutcome.Accepted ? Future.<Void>succeededFuture()
        : Future.failedFuture(OrderSender.error(sent.outcome())))
      .onSuccess(placed -> log.info("take-profit placed alone in {} at {}", market.symbol(),
        plan.triggerPrice().toPlainString()));
  }

  /**
   * Cancels the market's own take-profits when the trade from {@code before} to {@code after} retires them, and
   * after an open from flat those of the market that are not the open's own: a take-profit placed alone for an
   * earlier position, if the exchange let it stand when that position closed, would close the new one at the
   * earlier target. A failure is logged and left to the stop-loss keeper, which aligns the stop-loss whatever happened
   * here.
   */
  Future<Void> beforeStopLoss(StopLossKeeper.Journaling journaling, Market market, Optional<Position> before,
                              Optional<Position> after) {
    boolean retired = retires(before, after);
    if (!parts.settings().trading().takeProfitOn() || !(retired || before.isEmpty())) {
      return Future.succeededFuture();
    }
    Future<Set<Long>> keep = retired ? Future.succeededFuture(Set.of())
      : parts.journal().getRequest(journaling.requestId()).map(detail -> detail.map(RequestDetail::orders)
        .orElse(List.of()).stream().filter(row -> row.order().purpose() == OrderPurpose.TAKE_PROFIT_PLACE)
        .map(row -> row.order().clientOrderIndex()).collect(Collectors.toSet()));
    return keep.compose(own -> ownTakeProfits(market).map(live -> live.stream()
        .filter(order -> !own.contains(order.clientOrderIndex())).toList()))
      .compose(stale -> stale.isEmpty() ? Future.succeededFuture(stale)
        : parts.stopLosses().cancelAll(journaling, market, stale))
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
        && !StopLossOrders.awaitsParent(order)).toList();
      if (candidates.isEmpty()) {
        return Future.succeededFuture(List.<Order>of());
      }
      return parts.journal().ownStopLosses(parts.account().accountIndex(),
          candidates.stream().map(Order::clientOrderIndex).toList())
        .map(own -> candidates.stream().filter(order -> own.contains(order.clientOrderIndex())).toList());
    });
  }
}
