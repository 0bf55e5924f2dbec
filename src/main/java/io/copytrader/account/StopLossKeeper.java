package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.journal.ClientOrderRef;
import io.copytrader.journal.Journal;
import io.copytrader.journal.JournalException;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.ModifyOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.market.Market;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.Side;
import io.copytrader.notify.StopLoss;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one stop-loss-limit order on every position (README "How a request executes", "Protection"): attached to an
 * open ({@link AttachedStopLoss}) and kept when right, placed after an open that went alone, moved with ModifyOrder
 * when the position grows (an increase's attached one cancelled once the position's one covers it all: never a
 * moment without protection), resized after a reduction, cancelled after a close. Each change counts once the exchange shows it, so the next trade reads the
 * market's stop-loss as this one left it. When it still fails after the retries, operators get an urgent notice.
 *
 * <p>Only the service's own stop-losses are ever changed: reduce-only stop orders whose client order index the
 * journal holds as a stop-loss the account placed; of those, only one on the position's closing side protects it.
 * Anything else in the market (a manual order, a leftover of the other side) is left alone. The stop's distance
 * comes from the margin fraction REST reported ({@link MarginFractions}) or the market default, never the stream's.
 */
final class StopLossKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(StopLossKeeper.class);
  /** The SDK's stop-loss expiry: 28 days. */
  static final Duration STOP_LOSS_EXPIRY = Duration.ofDays(28);

  private final Vertx vertx;
  private final ExecutionSettings settings;
  private final ExchangeSession session;
  private final ExchangeView view;
  private final OrderWatcher watcher;
  private final Journal journal;
  private final OrderSender sender;
  private final LostAnswerCopies copies;
  private final Retries retries;
  private final ClientOrderIndexAllocator orderIndexes;
  private final StopLossPolicy policy;
  private final AttachedStops attachedStops;

  StopLossKeeper(Vertx vertx, ExecutionSettings settings, ExchangeSession session, ExchangeView view,
                 OrderWatcher watcher, Journal journal, ClientOrderIndexAllocator orderIndexes) {
    this.vertx = vertx;
    this.settings = settings;
    this.session = session;
    this.view = view;
    this.watcher = watcher;
    this.journal = journal;
    this.sender = new OrderSender(session, journal);
    this.copies = new LostAnswerCopies(vertx, session);
    this.retries = new Retries(vertx, settings.attempts(), settings.retryInterval());
    this.orderIndexes = orderIndexes;
    this.policy = new StopLossPolicy(settings.trading());
    this.attachedStops = new AttachedStops(journal, watcher, settings.fillTimeout());
  }

  /** One request's view of the journal: where its orders go. */
  record Journaling(String requestId, IntSupplier ordinals) {
  }

  /**
   * Brings the market's stop-loss in line with the position after a trade. Returns a problem description
   * when protection could not be established after every attempt (operators were alerted).
   */
  Future<Optional<String>> align(TradeContext context, Journaling journaling, Market market,
                                 Optional<Position> before, Optional<Position> after) {
    return attachedStops.armed(journaling.requestId())
      .compose(attached -> attempt(context, journaling, market, before, after,
        attached.stream().filter(Order::stopLoss).toList()));
  }

  /** @param attached the request's attached stop-losses as armed (AttachedStops), counted on the first attempt */
  private Future<Optional<String>> attempt(TradeContext context, Journaling journaling, Market market,
                                           Optional<Position> before, Optional<Position> after, List<Order> attached) {
    RequestLog log = new RequestLog(LOG, session.accountIndex(), journaling.requestId());
    return retries.<Optional<Notice>>run(number -> once(context, journaling, market, before, after,
          number == 1 ? attached : List.of()),
        // 21715: the stop-loss being changed is no longer active (it fired, or the orders read were stale): the next
        // attempt reads the market's orders afresh.
        failure -> !JournalException.outOfReach(failure) && (!(failure instanceof LighterException error)
          || error.retryable() || error.code() == LighterErrorCodes.ORDER_NOT_ACTIVE),
        (number, failure) -> log.warn("stop-loss in {} failed ({}); retrying in {} s", market.symbol(),
          failure.getMessage(), settings.retryInterval().toSeconds()))
      .map(notice -> {
        notice.ifPresent(this::publish);
        return Optional.<String>empty();
      })
      .recover(gaveUp -> {
        Throwable failure = gaveUp.getCause();
        if (JournalException.outOfReach(failure)) {
          // The request is taken up again once the journal is back, and brings its stop-loss in line then.
          return Future.failedFuture(failure);
        }
        String problem = "stop-loss not in place after " + ((Retries.GaveUp) gaveUp).attempts() + " attempt(s): "
          + failure.getMessage();
        if (after.isEmpty()) {
          log.error("{}: {}", market.symbol(), problem);
          return Future.succeededFuture(Optional.of(problem));
        }
        return closedMeanwhile(market, failure).map(closed -> {
          if (closed) {
            log.warn("{}: the position closed before its stop-loss was in place (its stop-loss or another order "
              + "closed it): {}", market.symbol(), failure.getMessage());
            return Optional.<String>empty();
          }
          log.error("{}: {}", market.symbol(), problem);
          Position position = session.marginFractions().established(market.marketId(), after.get());
          publish(Notices.stopLossFailed(context, position.side(), position.size(), intendedTrigger(market, position),
            failure.getMessage()));
          return Optional.of(problem);
        });
      });
  }

  /**
   * Whether the position the stop-loss was for is gone, on two pieces of evidence: the exchange refused the
   * reduce-only stop because the account holds nothing in the market (21738), or refused to change a stop-loss that
   * is no longer active (21715), and a fresh read shows no position. A stop-loss that fired between the trade and this
   * change (an attached one may fire as soon as it is armed) leaves exactly that; anything less keeps the alarm.
   */
  private Future<Boolean> closedMeanwhile(Market market, Throwable failure) {
    if (!(failure instanceof LighterException error)
      || (error.code() != LighterErrorCodes.INVALID_REDUCE_ONLY_DIRECTION
      && error.code() != LighterErrorCodes.ORDER_NOT_ACTIVE)) {
      return Future.succeededFuture(false);
    }
    return view.account(session.accountIndex())
      .map(account -> Position.in(account, market.marketId()).isEmpty())
      .otherwise(false);
  }

  private Future<Optional<Notice>> once(TradeContext context, Journaling journaling, Market market,
                                       Optional<Position> before, Optional<Position> after, List<Order> attached) {
    return ownStopLosses(market).map(read -> AttachedStops.with(read, attached)).compose(own -> {
      if (after.isEmpty()) {
        return cancelAll(journaling, market, own).map(cancelled -> cancelled.isEmpty() ? Optional.empty()
          : Optional.of(Notices.stopLossCancelled(context, toStopLoss(market, cancelled.get(0)), "position closed")));
      }
      Position position = session.marginFractions().established(market.marketId(), after.get());
      List<Order> existing = own.stream().filter(order -> StopLossOrders.closes(order, position)).toList();
      List<Order> otherSide = own.stream().filter(order -> !StopLossOrders.closes(order, position)).toList();
      return protect(context, journaling, market, before, position, existing)
        .compose(notice -> cancelAll(journaling, market, otherSide).map(cancelled -> notice));
    });
  }

  private Future<Optional<Notice>> protect(TradeContext context, Journaling journaling, Market market,
                                          Optional<Position> before, Position position, List<Order> existing) {
    boolean grew = before.isEmpty() || before.get().side() != position.side()
      || position.size().compareTo(before.get().size()) > 0;
    if (!grew && !existing.isEmpty()) {
      return resize(journaling, market, existing, position).map(Optional::of)
        .map(previous -> Optional.of(Notices.stopLossResized(context, previous.get(),
          new StopLoss(position.side(), existing.get(0).triggerPrice(), position.size()))));
    }
    StopLossResult result = policy.plan(market, position);
    if (result instanceof Rejection rejection) {
      return Future.failedFuture(new IllegalStateException(rejection.message()));
    }
    StopLossPlan plan = (StopLossPlan) result;
    StopLoss stopLoss = new StopLoss(position.side(), plan.triggerPrice(), plan.baseAmount());
    if (existing.isEmpty()) {
      return place(journaling, market, plan).map(placed -> Optional.of(Notices.stopLossPlaced(context, stopLoss)));
    }
    if (existing.size() == 1 && before.isEmpty() && ProtectionPlan.matches(market, existing.get(0), plan)) {
      // The stop-loss attached to the opening order is already the one the position needs.
      return Future.succeededFuture(Optional.of(Notices.stopLossPlaced(context, stopLoss)));
    }
    List<Order> ordered = AttachedStopLoss.attachedLast(existing);
    BigDecimal previousTrigger = ordered.get(0).triggerPrice();
    return move(journaling, market, ordered, plan)
      .map(moved -> Optional.of(Notices.stopLossMoved(context, previousTrigger, stopLoss)));
  }

  /**
   * The market's live stop-losses the service placed: reduce-only stop orders whose client order index the journal
   * holds as a stop-loss of this account. A manual order or another program's is never changed.
   */
  Future<List<Order>> ownStopLosses(Market market) {
    return ownInMarket(market, Order::stopLoss);
  }

  /** The market's live take-profits the service placed, told apart as its stop-losses are. */
  Future<List<Order>> ownTakeProfits(Market market) {
    return ownInMarket(market, Order::takeProfit);
  }

  private Future<List<Order>> ownInMarket(Market market, Predicate<Order> kind) {
    return view.activeOrders(session.accountIndex(), market.marketId())
      .compose(live -> own(live.stream().filter(order -> order.marketIndex() == market.marketId()).toList(), kind));
  }

  /** Those of {@code orders} (any markets) that are the service's live stop-losses. */
  Future<List<Order>> own(List<Order> orders) {
    return own(orders, Order::stopLoss);
  }

  /** Those of {@code orders} (any markets) that are the service's live orders of {@code kind} (stop or take-profit). */
  Future<List<Order>> own(List<Order> orders, Predicate<Order> kind) {
    List<Order> candidates = orders.stream()
      .filter(order -> kind.test(order) && order.reduceOnly() && order.live() && order.clientOrderIndex() != 0
        && !StopLossOrders.awaitsParent(order))
      .toList();
    if (candidates.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return journal.ownStopLosses(session.accountIndex(), candidates.stream()
        .map(order -> new ClientOrderRef((int) order.marketIndex(), order.clientOrderIndex())).toList())
      .map(known -> candidates.stream().filter(order -> known.contains(order.clientOrderIndex())).toList());
  }

  /** Places a new stop-loss; done once the exchange shows it resting as planned, failed if it shows otherwise. */
  Future<Void> place(Journaling journaling, Market market, StopLossPlan planned) {
    return againstPrice(market, planned).compose(plan -> placeChecked(journaling, market, plan));
  }

  /**
   * The plan as it may be sent, checked against the book ({@link StopLossPolicy#againstPrice}): a stop the price has
   * already passed gets a limit it fills at. Without a book the plan goes as it is: no stop would be worse.
   */
  Future<StopLossPlan> againstPrice(Market market, StopLossPlan plan) {
    return view.bookTop(market).map(book -> {
      BigDecimal mark = book.mid().orElse(null);
      BigDecimal touch = plan.isAsk() ? book.bestBid() : book.bestAsk();
      StopLossPlan checked = policy.againstPrice(market, plan, mark, touch);
      if (checked != plan) {
        LOG.warn("account {}: the {} price {} is already past the stop-loss trigger {}: it fires at once, with its "
          + "limit at {} from the book", session.accountIndex(), market.symbol(), mark.toPlainString(),
          plan.triggerPrice().toPlainString(), checked.limitPrice().toPlainString());
      }
      return checked;
    }).otherwise(plan);
  }

  private Future<Void> placeChecked(Journaling journaling, Market market, StopLossPlan plan) {
    long clientOrderIndex = orderIndexes.next();
    long expiry = System.currentTimeMillis() + STOP_LOSS_EXPIRY.toMillis();
    return send(journaling, market, OrderPurpose.STOP_LOSS_PLACE, clientOrderIndex, plan.side(), plan.baseAmount(),
      plan.limitPrice(), plan.triggerPrice(),
      nonce -> new CreateOrderTx(session.accountIndex(), session.apiKeyIndex(), market.marketId(), clientOrderIndex,
        plan.baseTicks(), plan.limitPriceTicks(), plan.isAsk() ? 1 : 0, CreateOrderTx.TYPE_STOP_LOSS_LIMIT,
        CreateOrderTx.TIF_GOOD_TILL_TIME, 1, plan.triggerPriceTicks(), expiry, expiredAt(), nonce,
        TxAttributes.none()))
      // Done once the exchange has taken the order in: then it either rests as planned or it is no protection.
      .compose(lost -> copies.during(lost, watcher.await(clientOrderIndex,
        order -> !"in-progress".equals(order.status()), settings.fillTimeout())))
      .compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(new IllegalStateException("stop-loss order " + clientOrderIndex
            + " was accepted but does not show on the exchange"));
        }
        Order order = found.get();
        if (!StopLossOrders.resting(order, plan)) {
          return Future.failedFuture(new IllegalStateException("stop-loss order " + clientOrderIndex + " is "
            + order.status() + " with trigger " + plain(order.triggerPrice()) + " and size "
            + plain(order.remainingBaseAmount()) + ", not resting at " + plan.triggerPrice().toPlainString()
            + " for " + plan.baseAmount().toPlainString()));
        }
        view.changedOrder(session.accountIndex(), market.marketId(), order.orderIndex(), clientOrderIndex,
          shown -> StopLossOrders.resting(shown, plan), false);
        return Future.<Void>succeededFuture();
      });
  }

  private static String plain(BigDecimal value) {
    return value == null ? "none" : value.toPlainString();
  }

  /** Moves the first of {@code existing} to {@code plan} with ModifyOrder and cancels the rest. */
  Future<Void> move(Journaling journaling, Market market, List<Order> existing, StopLossPlan planned) {
    Order target = existing.get(0);
    return againstPrice(market, planned).compose(plan -> modify(journaling, market, target, plan.baseTicks(), plan.limitPriceTicks(), plan.triggerPriceTicks(),
      plan.baseAmount(), plan.limitPrice(), plan.triggerPrice()))
      .compose(moved -> cancelAll(journaling, market, existing.subList(1, existing.size())))
      .mapEmpty();
  }

  /** Shrinks the existing stop-loss to the remaining position, keeping its prices; returns its previous size. */
  private Future<BigDecimal> resize(Journaling journaling, Market market, List<Order> existing, Position position) {
    Order target = existing.get(0);
    long priceTicks = market.priceTicks(target.price(), RoundingMode.HALF_EVEN);
    long triggerTicks = market.priceTicks(target.triggerPrice(), RoundingMode.HALF_EVEN);
    long baseTicks = market.baseTicks(position.size(), RoundingMode.DOWN);
    return modify(journaling, market, target, baseTicks, priceTicks, triggerTicks, position.size(), target.price(),
      target.triggerPrice())
      .compose(resized -> cancelAll(journaling, market, existing.subList(1, existing.size())))
      .map(done -> target.remainingBaseAmount());
  }

  private Future<Void> modify(Journaling journaling, Market market, Order target, long baseTicks, long priceTicks,
                              long triggerTicks, BigDecimal base, BigDecimal price, BigDecimal trigger) {
    return send(journaling, market, OrderPurpose.STOP_LOSS_MODIFY, target.clientOrderIndex(),
      Side.ofAsk(target.isAsk()), base, price, trigger,
      nonce -> new ModifyOrderTx(session.accountIndex(), session.apiKeyIndex(), market.marketId(), target.orderIndex(),
        baseTicks, priceTicks, triggerTicks, expiredAt(), nonce, TxAttributes.none()))
      .compose(lost -> copies.during(lost, shown(market, target, "modification",
        order -> StopLossOrders.same(order.remainingBaseAmount(), market.base(baseTicks))
          && StopLossOrders.same(order.price(), market.price(priceTicks))
          && StopLossOrders.same(order.triggerPrice(), market.price(triggerTicks)), false)));
  }

  Future<List<Order>> cancelAll(Journaling journaling, Market market, List<Order> orders) {
    Future<Void> chain = Future.succeededFuture();
    for (Order order : orders) {
      // A take-profit's cancel is journaled as one: OrderPurpose.TAKE_PROFIT_CANCEL.
      chain = chain.compose(previous -> send(journaling, market, order.takeProfit() ? OrderPurpose.TAKE_PROFIT_CANCEL
        : OrderPurpose.STOP_LOSS_CANCEL,
        order.clientOrderIndex(), Side.ofAsk(order.isAsk()), order.remainingBaseAmount(), order.price(),
        order.triggerPrice(),
        nonce -> new CancelOrderTx(session.accountIndex(), session.apiKeyIndex(), market.marketId(),
          order.orderIndex(), expiredAt(), nonce, TxAttributes.none()))
        .compose(lost -> copies.during(lost, shown(market, order, "cancellation", cancelled -> false, true))));
    }
    return chain.map(done -> orders);
  }

  /**
   * Succeeds once the market's live orders show an accepted change to {@code target}: as {@code shows} accepts
   * it, or (when {@code goneSuffices}) no longer there; fails if they do not in time.
   */
  private Future<Void> shown(Market market, Order target, String change, Predicate<Order> shows,
                             boolean goneSuffices) {
    // A gone order does not come back (a modification that fires the stop ends so): it ends the wait either way
    Predicate<List<Order>> showsChange = live -> live.stream()
      .filter(order -> order.orderIndex() == target.orderIndex()).findFirst()
      .map(shows::test).orElse(true);
    return watcher.awaitActiveOrders(market.marketId(), showsChange, settings.fillTimeout())
      .compose(found -> {
        if (found.isEmpty()) {
          return Future.failedFuture(new IllegalStateException("the " + change + " of stop-loss order "
            + target.orderIndex() + " was accepted but does not show on the exchange"));
        }
        if (!goneSuffices && found.get().stream().noneMatch(order -> order.orderIndex() == target.orderIndex())) {
          return Future.failedFuture(new IllegalStateException("stop-loss order " + target.orderIndex() + " is gone"));
        }
        view.changedOrder(session.accountIndex(), market.marketId(), target.orderIndex(), target.clientOrderIndex(),
          shows, goneSuffices);
        return Future.<Void>succeededFuture();
      });
  }

  /**
   * Sends one stop-loss transaction, journaled; one that may have applied goes on to be looked for, as if accepted,
   * with the transaction when its answer was lost.
   */
  private Future<Optional<InDoubtTx>> send(Journaling journaling, Market market, OrderPurpose purpose, long clientOrderIndex,
                            Side side, BigDecimal base, BigDecimal price, BigDecimal trigger,
                            LongFunction<LighterTx> build) {
    return sender.send(journaling.requestId(), journaling.ordinals(), new OrderSender.Draft(purpose,
        market.marketId(), clientOrderIndex, side, base, price, trigger), build, () -> { })
      .compose(sent -> OrderSender.mayHaveApplied(sent.outcome())
        ? Future.succeededFuture(sent.lostAnswer(clientOrderIndex))
        : Future.failedFuture(OrderSender.error(sent.outcome())));
  }

  private BigDecimal intendedTrigger(Market market, Position position) {
    StopLossResult result = policy.plan(market, position);
    return result instanceof StopLossPlan plan ? plan.triggerPrice() : null;
  }

  private static StopLoss toStopLoss(Market market, Order order) {
    return new StopLoss(Side.ofAsk(order.isAsk()).opposite(), order.triggerPrice(),
      order.remainingBaseAmount());
  }

  private static long expiredAt() {
    return System.currentTimeMillis() + TradeExecutor.TX_EXPIRY.toMillis();
  }

  private void publish(Notice notice) {
    vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());
  }
}
