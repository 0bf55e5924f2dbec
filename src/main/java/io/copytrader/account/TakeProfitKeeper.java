package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.config.ExternalPositions;
import io.copytrader.config.TradingParameters;
import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.notify.StopLoss;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A market's protection after a trade (README "Take-profit", "Always protected"). With {@code TAKE_PROFIT_RATIO}
 * off it is the stop-loss keeper's alone ({@link StopLossKeeper#align}). With it on, the position ends the trade with
 * exactly one protective set, as the protection runs keep it ({@link ProtectionPlan}): the open's OTOCO children when
 * they are already right, else a new position-tied pair ({@link PairKeeper}) placed before what it replaces (an
 * earlier pair, an increase's children, orders placed alone after a two-step open, a stop-loss whose take-profit is
 * gone) is cancelled, so the position is never without a stop-loss. After a close, the service's take-profits in the
 * market are cancelled, then its stop-losses. Only the service's own orders are touched: reduce-only stops and
 * take-profits whose client order index the journal holds as the account's.
 */
final class TakeProfitKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(TakeProfitKeeper.class);

  private final ExecutionParts parts;

  TakeProfitKeeper(ExecutionParts parts) {
    this.parts = parts;
  }

  /**
   * Brings the market's protection in line with the position after a trade from {@code before} to {@code after}.
   * Returns a problem description when protection could not be established after every attempt (operators were
   * alerted).
   */
  Future<Optional<String>> align(TradeContext context, StopLossKeeper.Journaling journaling, Market market,
                                 Optional<Position> before, Optional<Position> after) {
    StopLossKeeper stopLosses = parts.stopLosses();
    if (!parts.settings().trading().takeProfitOn()) {
      return stopLosses.align(context, journaling, market, before, after);
    }
    if (after.isEmpty()) {
      return stopLosses.ownTakeProfits(market)
        .compose(takeProfits -> stopLosses.cancelAll(journaling, market, takeProfits))
        .<Void>mapEmpty()
        .recover(failure -> {
          new RequestLog(LOG, parts.account().accountIndex(), journaling.requestId())
            .warn("take-profit in {} not cancelled: {}", market.symbol(), failure.getMessage());
          return Future.succeededFuture();
        })
        .compose(cancelled -> stopLosses.align(context, journaling, market, before, after));
    }
    return protect(context, journaling, market, after.get());
  }

  private Future<Optional<String>> protect(TradeContext context, StopLossKeeper.Journaling journaling, Market market,
                                           Position held) {
    RequestLog log = new RequestLog(LOG, parts.account().accountIndex(), journaling.requestId());
    PairKeeper pairs = new PairKeeper(parts.vertx(), parts.settings(), parts.session(), parts.view(), parts.watcher(),
      parts.journal(), parts.orderIndexes(), parts.stopLosses(), parts.attached().refusedMarkets());
    return new AttachedStops(parts.journal(), parts.watcher(), parts.settings().fillTimeout())
      .armed(journaling.requestId())
      .compose(attached -> parts.retries().<Notice>run(number -> once(context, journaling, market, held, pairs,
          number == 1 ? attached : List.of()),
        // 21715: an order being changed is no longer active: the next attempt reads the market's orders afresh.
        failure -> !(failure instanceof LighterException error) || error.retryable()
          || error.code() == LighterErrorCodes.ORDER_NOT_ACTIVE,
        (number, failure) -> log.warn("protection in {} failed ({}); retrying in {} s", market.symbol(),
          failure.getMessage(), parts.settings().retryInterval().toSeconds())))
      .map(notice -> {
        parts.vertx().eventBus().publish(Addresses.NOTIFY, notice.toJson());
        return Optional.<String>empty();
      })
      .recover(gaveUp -> {
        Throwable failure = gaveUp.getCause() != null ? gaveUp.getCause() : gaveUp;
        String problem = "stop-loss and take-profit not in place: " + failure.getMessage();
        return parts.readAccount().map(account -> Position.in(account, market.marketId()).isPresent())
          .otherwise(true)
          .map(open -> {
            if (!open) {
              log.warn("{}: the position closed before its protection was in line: {}", market.symbol(),
                failure.getMessage());
              return Optional.<String>empty();
            }
            log.error("{}: {}", market.symbol(), problem);
            parts.vertx().eventBus().publish(Addresses.NOTIFY, Notices.stopLossFailed(context, held.side(),
              held.size(), null, failure.getMessage()).toJson());
            return Optional.of(problem);
          });
      });
  }

  /**
   * One attempt: the market's own stop-losses and take-profits (with the request's attached ones the read may not
   * show yet) planned as a protection run plans them, each step taken in order.
   */
  private Future<Notice> once(TradeContext context, StopLossKeeper.Journaling journaling, Market market,
                              Position held, PairKeeper pairs, List<Order> attached) {
    StopLossKeeper stopLosses = parts.stopLosses();
    TradingParameters trading = parts.settings().trading();
    ProtectionPlan planner = new ProtectionPlan(new StopLossPolicy(trading), Optional.of(new TakeProfitPolicy(trading)),
      ExternalPositions.PROTECT, ProtectionSupervisor.RENEW_WITHIN);
    Position position = parts.session().marginFractions().established(market.marketId(), held);
    int marketId = market.marketId();
    return Future.all(stopLosses.ownStopLosses(market), stopLosses.ownTakeProfits(market)).compose(read -> {
      List<Order> stops = AttachedStops.with(read.resultAt(0), attached.stream().filter(Order::stopLoss).toList());
      List<Order> takeProfits = AttachedStops.with(read.resultAt(1),
        attached.stream().filter(Order::takeProfit).toList());
      List<ProtectionAction> actions = planner.plan(Map.of(marketId, market), Map.of(marketId, position), stops,
        takeProfits, Set.of(marketId), pairs.unpaired(), System.currentTimeMillis());
      Future<Void> chain = Future.succeededFuture();
      for (ProtectionAction action : actions) {
        chain = chain.compose(previous -> carryOut(journaling, pairs, action));
      }
      return chain.map(done -> notice(context, market, position, actions));
    });
  }

  private Future<Void> carryOut(StopLossKeeper.Journaling journaling, PairKeeper pairs, ProtectionAction action) {
    StopLossKeeper stopLosses = parts.stopLosses();
    Market market = action.market();
    if (action instanceof ProtectionAction.PlacePair pair) {
      return pairs.replace(journaling, market, pair.position(), pair.stop(), pair.takeProfit(), pair.replaced());
    }
    if (action instanceof ProtectionAction.Place place) {
      return stopLosses.place(journaling, market, place.plan());
    }
    if (action instanceof ProtectionAction.Fix fix) {
      return stopLosses.move(journaling, market, List.of(fix.order()), fix.plan());
    }
    if (action instanceof ProtectionAction.Renew renew) {
      return stopLosses.place(journaling, market, renew.plan())
        .compose(placed -> stopLosses.cancelAll(journaling, market, List.of(renew.order()))).mapEmpty();
    }
    if (action instanceof ProtectionAction.Cancel cancel) {
      return stopLosses.cancelAll(journaling, market, List.of(cancel.order())).mapEmpty();
    }
    if (action instanceof ProtectionAction.Unprotectable unprotectable) {
      return Future.failedFuture(new IllegalStateException(unprotectable.reason()));
    }
    // A position the trade itself made is the service's: no External action is planned for it.
    return Future.succeededFuture();
  }

  /** What the trade's protection came to: the pair (placed now, or the open's own kept), or a stop-loss alone. */
  private Notice notice(TradeContext context, Market market, Position position, List<ProtectionAction> actions) {
    Optional<ProtectionAction.PlacePair> pair = actions.stream()
      .filter(ProtectionAction.PlacePair.class::isInstance).map(ProtectionAction.PlacePair.class::cast).findFirst();
    if (pair.isPresent()) {
      return Notices.protectionPairPlaced(context, new StopLoss(position.side(), pair.get().stop().triggerPrice(),
        position.size()), pair.get().takeProfit().triggerPrice());
    }
    TradingParameters trading = parts.settings().trading();
    // The plan had no Unprotectable step, so the policy computes the stop-loss.
    StopLossPlan stop = (StopLossPlan) new StopLossPolicy(trading).plan(market, position);
    StopLoss stopLoss = new StopLoss(position.side(), stop.triggerPrice(), position.size());
    boolean stopAlone = actions.stream().anyMatch(action -> action instanceof ProtectionAction.Place
      || action instanceof ProtectionAction.Fix || action instanceof ProtectionAction.Renew);
    if (!stopAlone && new TakeProfitPolicy(trading).plan(market, position.side(), position.averageEntryPrice(),
      stop.marginFraction()) instanceof TakeProfitPlan takeProfit) {
      return Notices.protectionPairPlaced(context, stopLoss, takeProfit.triggerPrice());
    }
    return Notices.stopLossPlaced(context, stopLoss);
  }
}
