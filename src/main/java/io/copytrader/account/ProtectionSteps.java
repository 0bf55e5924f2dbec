package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.Side;
import io.copytrader.config.AccountConfig;
import io.copytrader.lighter.Order;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.notify.StopLoss;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the actions of a {@link ProtectionSupervisor} run, one at a time, through the same keepers a trade uses,
 * and notifies each outcome. Used from the account's context only.
 */
final class ProtectionSteps {

  private final Vertx vertx;
  private final AccountConfig account;
  private final StopLossKeeper keeper;
  private final PairKeeper pairs;

  ProtectionSteps(Vertx vertx, AccountConfig account, StopLossKeeper keeper, PairKeeper pairs) {
    this.vertx = vertx;
    this.account = account;
    this.keeper = keeper;
    this.pairs = pairs;
  }

  /** Carries out one action; a problem (the position may be unprotected) comes back rather than failing. */
  Future<Optional<String>> step(String requestId, StopLossKeeper.Journaling journaling,
                                        ProtectionAction action) {
    TradeContext context = TradeContext.of(requestId, account.accountIndex(), account.name(),
      action.market().marketId(), action.market().symbol());
    if (action instanceof ProtectionAction.Place place) {
      return guarded(context, place.position(), place.plan(), keeper.place(journaling, place.market(), place.plan())
        .map(done -> Notices.stopLossPlaced(context, stopLoss(place.position(), place.plan()))));
    }
    if (action instanceof ProtectionAction.Fix fix) {
      return guarded(context, fix.position(), fix.plan(),
        keeper.move(journaling, fix.market(), List.of(fix.order()), fix.plan())
          .map(done -> Notices.stopLossMoved(context, fix.order().triggerPrice(),
            stopLoss(fix.position(), fix.plan()))));
    }
    if (action instanceof ProtectionAction.Renew renew) {
      // The new order first: until it rests, the old one still protects.
      return guarded(context, renew.position(), renew.plan(), keeper.place(journaling, renew.market(), renew.plan())
        .compose(placed -> keeper.cancelAll(journaling, renew.market(), List.of(renew.order())))
        .map(done -> Notices.stopLossRenewed(context, stopLoss(renew.position(), renew.plan()),
          Instant.ofEpochMilli(renew.order().orderExpiry()))));
    }
    if (action instanceof ProtectionAction.PlacePair pair) {
      return guarded(context, pair.position(), pair.stop(), pairs.replace(journaling, pair.market(), pair.position(),
          pair.stop(), pair.takeProfit(), pair.replaced())
        .map(done -> Notices.protectionPairPlaced(context, stopLoss(pair.position(), pair.stop()),
          pair.takeProfit().triggerPrice())));
    }
    if (action instanceof ProtectionAction.Cancel cancel) {
      Order order = cancel.order();
      return keeper.cancelAll(journaling, cancel.market(), List.of(order))
        .map(done -> {
          StopLoss cancelled = new StopLoss(Side.ofAsk(order.isAsk()).opposite(), order.triggerPrice(),
            order.remainingBaseAmount());
          publish(order.takeProfit() ? Notices.takeProfitCancelled(context, cancelled, cancel.reason())
            : Notices.stopLossCancelled(context, cancelled, cancel.reason()));
          return Optional.empty();
        });
    }
    if (action instanceof ProtectionAction.Unprotectable unprotectable) {
      Position position = unprotectable.position();
      publish(Notices.stopLossFailed(context, position.side(), position.size(), null, unprotectable.reason()));
      return Future.succeededFuture(Optional.of(unprotectable.reason()));
    }
    ProtectionAction.External external = (ProtectionAction.External) action;
    publish(Notices.externalPosition(context, external.position().side(), external.position().size()));
    return Future.succeededFuture(Optional.empty());
  }

  /** Notifies the outcome of a step meant to protect {@code position}: done, or urgently, not. */
  private Future<Optional<String>> guarded(TradeContext context, Position position, StopLossPlan plan,
                                           Future<Notice> done) {
    return done.map(notice -> {
      publish(notice);
      return Optional.<String>empty();
    }).recover(failure -> {
      if (RetryableFailure.leaseLost(failure)) {
        // The new owner's protection run takes the position over; no alarm from a node that may not act.
        return Future.succeededFuture(Optional.of(failure.getMessage()));
      }
      publish(Notices.stopLossFailed(context, position.side(), position.size(), plan.triggerPrice(),
        failure.getMessage()));
      return Future.succeededFuture(Optional.of(failure.getMessage()));
    });
  }

  private static StopLoss stopLoss(Position position, StopLossPlan plan) {
    return new StopLoss(position.side(), plan.triggerPrice(), plan.baseAmount());
  }

  private void publish(Notice notice) {
    vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());
  }
}
