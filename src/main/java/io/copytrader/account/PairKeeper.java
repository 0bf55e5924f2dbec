package io.copytrader.account;

import io.copytrader.journal.Journal;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.market.Market;
import io.copytrader.market.Ticks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The position-tied protective pair with take-profit on (README "Take-profit"): one CreateGroupedOrders of grouping
 * OCO, a STOP_LOSS_LIMIT and a TAKE_PROFIT_LIMIT, both {@code BaseAmount} 0 and reduce-only on the closing side, with
 * one 28-day expiry, which close the whole position however it grows or shrinks and end when it goes flat or flips
 * (docs/lighter-api.md, "Grouped orders"). A pair replaces what protected the position before it: the new pair is
 * placed and seen resting first, only then are the replaced orders cancelled, so the position is never without a
 * stop-loss; a failure to place leaves the old orders standing.
 *
 * <p>A pair whose answer was lost is looked for by its legs' client order indexes, never re-signed blindly
 * ({@link OrderSender#mayHaveApplied}); meanwhile the same signed bytes go again ({@link LostAnswerCopies}). A market whose exchange refuses the group (at once: a refusal in the
 * sequencer shows as legs that never appear, and fails the attempt) gets a stop-loss and a take-profit placed alone,
 * each sized to the position, the stop-loss first; it is remembered in {@code unpaired}, where such a set is the
 * one kept, until the service restarts.
 */
final class PairKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(PairKeeper.class);

  private final ExecutionSettings settings;
  private final ExchangeSession session;
  private final ExchangeView view;
  private final OrderWatcher watcher;
  private final OrderSender sender;
  private final LostAnswerCopies copies;
  private final ClientOrderIndexAllocator orderIndexes;
  private final StopLossKeeper stopLosses;
  private final Set<Integer> unpaired;

  /** @param unpaired markets whose exchange refused a group, shared with whoever else learns it */
  PairKeeper(Vertx vertx, ExecutionSettings settings, ExchangeSession session, ExchangeView view,
             OrderWatcher watcher, Journal journal, ClientOrderIndexAllocator orderIndexes, StopLossKeeper stopLosses,
             Set<Integer> unpaired) {
    this.settings = settings;
    this.session = session;
    this.view = view;
    this.watcher = watcher;
    this.sender = new OrderSender(session, journal);
    this.copies = new LostAnswerCopies(vertx, session);
    this.orderIndexes = orderIndexes;
    this.stopLosses = stopLosses;
    this.unpaired = unpaired;
  }

  /** Markets whose exchange refused the pair as a group (read by {@link ProtectionPlan}). */
  Set<Integer> unpaired() {
    return Set.copyOf(unpaired);
  }

  /** The group refused, nothing of it applied: the legs go alone. */
  private static final class GroupRefused extends RuntimeException {

    GroupRefused(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Places the pair for {@code position} (or, where groups are refused, a stop-loss and a take-profit alone), then
   * cancels {@code replaced}.
   */
  Future<Void> replace(StopLossKeeper.Journaling journaling, Market market, Position position, StopLossPlan stop,
                       TakeProfitPlan takeProfit, List<Order> replaced) {
    RequestLog log = new RequestLog(LOG, session.accountIndex(), journaling.requestId());
    Future<List<Order>> placed = unpaired.contains(market.marketId())
      ? placeAlone(journaling, market, position, stop, takeProfit, replaced)
      : placePair(journaling, market, stop, takeProfit).<List<Order>>map(List.of()).recover(failure -> {
        if (!(failure instanceof GroupRefused)) {
          return Future.failedFuture(failure);
        }
        log.warn("the exchange refused the {} stop-loss and take-profit as a pair ({}); placing them alone",
          market.symbol(), failure.getMessage());
        return placeAlone(journaling, market, position, stop, takeProfit, replaced)
          .onSuccess(kept -> unpaired.add(market.marketId()));
      });
    return placed.compose(kept -> stopLosses.cancelAll(journaling, market,
        replaced.stream().filter(order -> !kept.contains(order)).toList()))
      .<Void>mapEmpty()
      .onSuccess(done -> log.info("{} protected by a stop-loss at {} and a take-profit at {}", market.symbol(),
        stop.triggerPrice().toPlainString(), takeProfit.triggerPrice().toPlainString()));
  }

  /** One OCO group of two size-0 legs; done once both show resting at their triggers. */
  private Future<Void> placePair(StopLossKeeper.Journaling journaling, Market market, StopLossPlan planned,
                                 TakeProfitPlan takeProfit) {
    int marketId = market.marketId();
    return stopLosses.againstPrice(market, planned).compose(stop -> {
      long stopIndex = orderIndexes.next();
      long takeProfitIndex = orderIndexes.next();
      long expiry = System.currentTimeMillis() + StopLossKeeper.STOP_LOSS_EXPIRY.toMillis();
      OrderInfo stopLeg = new OrderInfo(marketId, stopIndex, 0, stop.limitPriceTicks(), stop.isAsk() ? 1 : 0,
        CreateOrderTx.TYPE_STOP_LOSS_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1, stop.triggerPriceTicks(), expiry);
      OrderInfo takeProfitLeg = new OrderInfo(marketId, takeProfitIndex, 0, takeProfit.limitPriceTicks(),
        takeProfit.isAsk() ? 1 : 0, CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1,
        takeProfit.triggerPriceTicks(), expiry);
      // The stop-loss first: its client order index is the one the transaction is known by when its answer is lost.
      List<OrderSender.Draft> drafts = List.of(
        new OrderSender.Draft(OrderPurpose.STOP_LOSS_PLACE, marketId, stopIndex, stop.side(), BigDecimal.ZERO,
          stop.limitPrice(), stop.triggerPrice()),
        new OrderSender.Draft(OrderPurpose.TAKE_PROFIT_PLACE, marketId, takeProfitIndex, takeProfit.side(),
          BigDecimal.ZERO, takeProfit.limitPrice(), takeProfit.triggerPrice()));
      return sender.send(journaling.requestId(), journaling.ordinals(), drafts,
          nonce -> new CreateGroupedOrdersTx(session.accountIndex(), session.apiKeyIndex(),
            CreateGroupedOrdersTx.GROUPING_OCO, List.of(stopLeg, takeProfitLeg), expiredAt(), nonce,
            TxAttributes.none()), () -> { })
        .compose(sent -> {
          if (sent.outcome() instanceof SendOutcome.Rejected refused && !refused.orderExists()) {
            return Future.failedFuture(new GroupRefused(refused.error()));
          }
          if (!OrderSender.mayHaveApplied(sent.outcome())) {
            return Future.failedFuture(OrderSender.error(sent.outcome()));
          }
          return copies.during(sent.lostAnswer(stopIndex), resting(market, stopIndex, "pair's stop-loss",
              order -> order.stopLoss() && StopLossOrders.same(order.triggerPrice(), stop.triggerPrice())))
            .compose(shown -> resting(market, takeProfitIndex, "pair's take-profit", order -> order.takeProfit()
              && StopLossOrders.same(order.triggerPrice(), takeProfit.triggerPrice())));
        });
    });
  }

  /** Done once the order {@code clientOrderIndex} shows waiting for its trigger as {@code planned} says. */
  private Future<Void> resting(Market market, long clientOrderIndex, String what, Predicate<Order> planned) {
    return watcher.await(clientOrderIndex, order -> !"in-progress".equals(order.status()), settings.fillTimeout())
      .compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(new IllegalStateException("the " + what + " order " + clientOrderIndex
            + " was sent but does not show on the exchange"));
        }
        Order order = found.get();
        Predicate<Order> rests = shown -> StopLossOrders.untriggered(shown) && shown.reduceOnly()
          && planned.test(shown);
        if (!rests.test(order)) {
          return Future.failedFuture(new IllegalStateException("the " + what + " order " + clientOrderIndex
            + " is " + order.status() + " with trigger " + order.triggerPrice() + ", not resting as planned"));
        }
        view.changedOrder(session.accountIndex(), market.marketId(), order.orderIndex(), clientOrderIndex, rests,
          false);
        return Future.<Void>succeededFuture();
      });
  }

  /**
   * Where groups are refused: a stop-loss and a take-profit of the position's size, each placed alone unless one of
   * {@code replaced} already is right (kept, and returned).
   */
  private Future<List<Order>> placeAlone(StopLossKeeper.Journaling journaling, Market market, Position position,
                                         StopLossPlan stop, TakeProfitPlan takeProfit, List<Order> replaced) {
    Optional<Order> rightStop = replaced.stream()
      .filter(order -> order.stopLoss() && ProtectionPlan.matches(market, order, stop)).findFirst();
    Optional<Order> rightTakeProfit = replaced.stream().filter(order -> order.takeProfit()
      && rightTakeProfit(market, order, stop, takeProfit)).findFirst();
    List<Order> kept = new ArrayList<>();
    rightStop.ifPresent(kept::add);
    rightTakeProfit.ifPresent(kept::add);
    Future<Void> stopPlaced = rightStop.isPresent() ? Future.succeededFuture()
      : stopLosses.place(journaling, market, stop);
    return stopPlaced
      .compose(done -> rightTakeProfit.isPresent() ? Future.<Void>succeededFuture()
        : placeTakeProfitAlone(journaling, market, position, takeProfit))
      .map(done -> List.copyOf(kept));
  }

  private static boolean rightTakeProfit(Market market, Order order, StopLossPlan stop, TakeProfitPlan plan) {
    return StopLossOrders.untriggered(order) && StopLossOrders.same(order.triggerPrice(), plan.triggerPrice())
      && ProtectionPlan.covers(market, order, stop);
  }

  /**
   * A reduce-only take-profit-limit of the position's size, placed alone: a plain CreateOrder, for a market whose
   * exchange takes no group. Done once the exchange shows it resting.
   */
  Future<Void> placeTakeProfitAlone(StopLossKeeper.Journaling journaling, Market market, Position position,
                                    TakeProfitPlan plan) {
    // Reduce-only, so a sub-tick remainder rounds up (the exchange caps it at the position), as the stop-loss's.
    BigDecimal base = Ticks.round(position.size(), market.sizeDecimals(), RoundingMode.CEILING);
    long clientOrderIndex = orderIndexes.next();
    long expiry = System.currentTimeMillis() + StopLossKeeper.STOP_LOSS_EXPIRY.toMillis();
    return sender.send(journaling.requestId(), journaling.ordinals(), new OrderSender.Draft(
          OrderPurpose.TAKE_PROFIT_PLACE, market.marketId(), clientOrderIndex, plan.side(), base, plan.limitPrice(),
          plan.triggerPrice()),
        nonce -> new CreateOrderTx(session.accountIndex(), session.apiKeyIndex(), market.marketId(),
          clientOrderIndex, market.baseTicks(base, RoundingMode.UNNECESSARY), plan.limitPriceTicks(),
          plan.isAsk() ? 1 : 0, CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1,
          plan.triggerPriceTicks(), expiry, expiredAt(), nonce, TxAttributes.none()), () -> { })
      .compose(sent -> OrderSender.mayHaveApplied(sent.outcome())
        ? copies.during(sent.lostAnswer(clientOrderIndex), resting(market, clientOrderIndex, "take-profit",
          order -> order.takeProfit() && StopLossOrders.same(order.triggerPrice(), plan.triggerPrice())))
        : Future.failedFuture(OrderSender.error(sent.outcome())));
  }

  private static long expiredAt() {
    return System.currentTimeMillis() + TradeExecutor.TX_EXPIRY.toMillis();
  }
}
