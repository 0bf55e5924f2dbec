package io.copytrader.account;

import io.copytrader.config.ExternalPositions;
import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares an account's positions with the service's own protective orders and says what brings them in line. With
 * take-profit off: every position with exactly one resting stop-loss on its closing side, for its whole size, at the
 * distance {@link StopLossPolicy} computes, not expiring within {@code renewWithin}. With take-profit on: every
 * position with exactly one protective set, a stop-loss and a take-profit that are OCO siblings (linked by the
 * exchange, or children of one entry), each covering the whole position, at the triggers {@link StopLossPolicy} and
 * {@link TakeProfitPolicy} compute, not expiring soon; anything short of that is replaced by a new position-tied pair
 * placed before what it replaces is cancelled (docs/ARCHITECTURE.md, "Protection between requests"). A size-0 order
 * covers the whole position whatever its size (the position-tied reading of docs/lighter-api.md, "Grouped orders").
 * No order of the service's stays where there is no position. Orders that are not the service's are never in
 * {@code ownStops} or {@code ownTakeProfits}, so never touched.
 */
final class ProtectionPlan {

  private final StopLossPolicy policy;
  private final Optional<TakeProfitPolicy> takeProfits;
  private final ExternalPositions external;
  private final Duration renewWithin;

  ProtectionPlan(StopLossPolicy policy, ExternalPositions external, Duration renewWithin) {
    this(policy, Optional.empty(), external, renewWithin);
  }

  /** @param takeProfits the take-profit's policy when {@code TAKE_PROFIT_RATIO} is on, else empty */
  ProtectionPlan(StopLossPolicy policy, Optional<TakeProfitPolicy> takeProfits, ExternalPositions external,
                 Duration renewWithin) {
    this.policy = policy;
    this.takeProfits = takeProfits;
    this.external = external;
    this.renewWithin = renewWithin;
  }

  /** The plan with take-profit off: stop-losses only. */
  List<ProtectionAction> plan(Map<Integer, Market> markets, Map<Integer, Position> positions, List<Order> ownStops,
                              Set<Integer> entered, long nowMillis) {
    return plan(markets, positions, ownStops, List.of(), entered, Set.of(), nowMillis);
  }

  /**
   * @param markets every market with a position or one of the service's orders, by id
   * @param positions open positions by market, their margin fraction as REST reported it
   * @param ownStops the service's live stop-losses, any market
   * @param ownTakeProfits the service's live take-profits, any market (read only with take-profit on)
   * @param entered markets where the service filled an entry order for the account
   * @param unpaired markets whose exchange refused the pair as a group: there a stop-loss and a take-profit placed
   *     alone make the set
   */
  List<ProtectionAction> plan(Map<Integer, Market> markets, Map<Integer, Position> positions, List<Order> ownStops,
                              List<Order> ownTakeProfits, Set<Integer> entered, Set<Integer> unpaired,
                              long nowMillis) {
    List<ProtectionAction> actions = new ArrayList<>();
    positions.keySet().stream().sorted().forEach(marketId -> {
      Market market = markets.get(marketId);
      Position position = positions.get(marketId);
      List<Order> stops = inMarket(ownStops, marketId);
      if (!entered.contains(marketId) && external == ExternalPositions.REPORT) {
        actions.add(new ProtectionAction.External(market, position));
        return;
      }
      if (takeProfits.isPresent()) {
        protectWithPair(market, position, stops, inMarket(ownTakeProfits, marketId), unpaired.contains(marketId),
          nowMillis, actions);
      } else {
        protect(market, position, stops, nowMillis, actions);
      }
    });
    Stream.concat(ownStops.stream(), ownTakeProfits.stream())
      .filter(order -> !positions.containsKey((int) order.marketIndex()))
      .sorted(Comparator.comparingLong(Order::orderIndex))
      .forEach(order -> actions.add(new ProtectionAction.Cancel(markets.get((int) order.marketIndex()), order,
        "no position")));
    return actions;
  }

  private void protect(Market market, Position position, List<Order> stops, long nowMillis,
                       List<ProtectionAction> actions) {
    cancelOtherSide(market, position, stops, actions);
    StopLossResult result = policy.plan(market, position);
    if (result instanceof Rejection rejection) {
      actions.add(new ProtectionAction.Unprotectable(market, position, rejection.message()));
      return;
    }
    StopLossPlan plan = (StopLossPlan) result;
    List<Order> closing = stops.stream().filter(order -> StopLossOrders.closes(order, position))
      // The one already right is kept, else one placed alone (its ModifyOrder is established; an entry's attached
      // stop-loss is one a restart left before the execution merged it: AttachedStopLoss), lasting longest; the
      // others go, after the kept one covers the position (the actions run in order).
      .sorted(Comparator.comparing((Order order) -> !matches(market, order, plan))
        .thenComparing(order -> order.parentOrderIndex() != 0)
        .thenComparing(Comparator.comparingLong(Order::orderExpiry).reversed())
        .thenComparingLong(Order::orderIndex))
      .toList();
    List<Order> triggered = closing.stream().filter(order -> !StopLossOrders.untriggered(order)).toList();
    closing = closing.stream().filter(StopLossOrders::untriggered).toList();
    if (stuck(market, position, closing, triggered, actions)) {
      return;
    }
    if (closing.isEmpty()) {
      actions.add(new ProtectionAction.Place(market, position, plan));
      return;
    }
    Order kept = closing.get(0);
    if (expiresSoon(kept, nowMillis)) {
      actions.add(new ProtectionAction.Renew(market, position, kept, plan));
    } else if (!matches(market, kept, plan)) {
      actions.add(new ProtectionAction.Fix(market, position, kept, plan));
    }
    closing.subList(1, closing.size())
      .forEach(order -> actions.add(new ProtectionAction.Cancel(market, order, "a second stop-loss")));
  }

  /**
   * With take-profit on: one complete set is kept and everything else of the service's in the market cancelled;
   * without one, a new pair replaces what there is. A take-profit that triggered and waits to fill (its stop-loss
   * ended with it) or one no price can be computed for leaves the position with one stop-loss, as with take-profit
   * off: a new pair's take-profit would trigger at once and end its own stop-loss.
   */
  private void protectWithPair(Market market, Position position, List<Order> stops, List<Order> ownTakeProfits,
                               boolean unpaired, long nowMillis, List<ProtectionAction> actions) {
    StopLossResult result = policy.plan(market, position);
    List<Order> closingTakeProfits = ownTakeProfits.stream().filter(order -> StopLossOrders.closes(order, position))
      .toList();
    Optional<TakeProfitPlan> takeProfit = result instanceof StopLossPlan stop
      && takeProfits.get().plan(market, position.side(), position.averageEntryPrice(), stop.marginFraction())
      instanceof TakeProfitPlan plan ? Optional.of(plan) : Optional.empty();
    if (takeProfit.isEmpty() || closingTakeProfits.stream().anyMatch(order -> !StopLossOrders.untriggered(order))) {
      cancelOtherSide(market, position, ownTakeProfits, actions);
      protect(market, position, stops, nowMillis, actions);
      return;
    }
    cancelOtherSide(market, position, Stream.concat(stops.stream(), ownTakeProfits.stream()).toList(), actions);
    StopLossPlan stop = (StopLossPlan) result;
    List<Order> closingStops = stops.stream().filter(order -> StopLossOrders.closes(order, position)).toList();
    List<Order> triggered = closingStops.stream().filter(order -> !StopLossOrders.untriggered(order)).toList();
    List<Order> restingStops = closingStops.stream().filter(StopLossOrders::untriggered).toList();
    if (stuck(market, position, restingStops, triggered, actions)) {
      return;
    }
    TakeProfitPlan plan = takeProfit.get();
    Optional<Order[]> kept = restingStops.stream()
      .flatMap(sl -> closingTakeProfits.stream().map(tp -> new Order[] {sl, tp}))
      .filter(set -> (unpaired || siblings(set[0], set[1])) && complete(market, set[0], set[1], stop, plan))
      // Placed alone (position-tied) before an entry's children, the longest-lived, the oldest.
      .min(Comparator.comparing((Order[] set) -> set[0].parentOrderIndex() != 0)
        .thenComparing(set -> -Math.min(set[0].orderExpiry(), set[1].orderExpiry()))
        .thenComparingLong(set -> set[0].orderIndex()));
    if (kept.isEmpty() || expiresSoon(kept.get()[0], nowMillis) || expiresSoon(kept.get()[1], nowMillis)) {
      actions.add(new ProtectionAction.PlacePair(market, position, stop, plan,
        Stream.concat(restingStops.stream(), closingTakeProfits.stream()).toList()));
      return;
    }
    restingStops.stream().filter(order -> order != kept.get()[0])
      .forEach(order -> actions.add(new ProtectionAction.Cancel(market, order, "a second stop-loss")));
    closingTakeProfits.stream().filter(order -> order != kept.get()[1])
      .forEach(order -> actions.add(new ProtectionAction.Cancel(market, order, "a second take-profit")));
  }

  /** Cancels those of {@code orders} on the position's opening side: they can protect nothing. */
  private static void cancelOtherSide(Market market, Position position, List<Order> orders,
                                      List<ProtectionAction> actions) {
    orders.stream().filter(order -> !StopLossOrders.closes(order, position))
      .forEach(order -> actions.add(new ProtectionAction.Cancel(market, order, "on the opening side")));
  }

  /**
   * Whether the position's only stop-losses triggered and have not filled: the price went through them, and another
   * stop would trigger at once, so operators must act.
   */
  private static boolean stuck(Market market, Position position, List<Order> resting, List<Order> triggered,
                               List<ProtectionAction> actions) {
    if (!resting.isEmpty() || triggered.isEmpty()) {
      return false;
    }
    Order order = triggered.get(0);
    actions.add(new ProtectionAction.Unprotectable(market, position, "its stop-loss " + order.orderIndex()
      + " triggered at " + order.triggerPrice().toPlainString() + " but has not filled (" + order.status() + ")"));
    return true;
  }

  private boolean expiresSoon(Order order, long nowMillis) {
    return order.orderExpiry() > 0 && order.orderExpiry() - nowMillis < renewWithin.toMillis();
  }

  /**
   * Whether {@code stop} and {@code takeProfit} are right for the position: each covering it whole, at the planned
   * triggers (a set when they are also {@linkplain #siblings siblings}).
   */
  static boolean complete(Market market, Order stop, Order takeProfit, StopLossPlan stopPlan,
                          TakeProfitPlan takeProfitPlan) {
    return matches(market, stop, stopPlan)
      && ticks(takeProfit.triggerPrice(), market.priceDecimals()) == takeProfitPlan.triggerPriceTicks()
      && covers(market, takeProfit, stopPlan);
  }

  /**
   * Whether the two orders cancel each other: linked by the exchange ({@code to_cancel_order_id_0} both ways), or the
   * two children of one entry sent as OTOCO.
   */
  static boolean siblings(Order one, Order other) {
    return (one.cancelsOrderIndex() == other.orderIndex() && other.cancelsOrderIndex() == one.orderIndex())
      || (one.parentOrderIndex() != 0 && one.parentOrderIndex() == other.parentOrderIndex());
  }

  /** Same trigger and the whole size (or size 0, which covers the whole position), compared in ticks as sent. */
  static boolean matches(Market market, Order order, StopLossPlan plan) {
    return ticks(order.triggerPrice(), market.priceDecimals()) == plan.triggerPriceTicks()
      && covers(market, order, plan);
  }

  /** The whole position as {@code plan} sizes it, or size 0: a position-tied order closes whatever is held. */
  static boolean covers(Market market, Order order, StopLossPlan plan) {
    long size = ticks(order.remainingBaseAmount(), market.sizeDecimals());
    return size == plan.baseTicks() || size == 0;
  }

  private static long ticks(BigDecimal value, int decimals) {
    return value == null ? -1 : value.movePointRight(decimals).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  private static List<Order> inMarket(List<Order> orders, int marketId) {
    return orders.stream().filter(order -> order.marketIndex() == marketId).toList();
  }
}
