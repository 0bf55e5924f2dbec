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
import java.util.Set;

/**
 * Compares an account's positions with the service's own stop-losses and says what brings them in line: every
 * position with exactly one resting stop-loss on its closing side, for its whole size, at the distance
 * {@link StopLossPolicy} computes, not expiring within {@code renewWithin}; no stop-loss of the service's where
 * there is no position. Orders that are not the service's are never in {@code ownStops}, so never touched.
 */
final class ProtectionPlan {

  private final StopLossPolicy policy;
  private final ExternalPositions external;
  private final Duration renewWithin;

  ProtectionPlan(StopLossPolicy policy, ExternalPositions external, Duration renewWithin) {
    this.policy = policy;
    this.external = external;
    this.renewWithin = renewWithin;
  }

  /**
   * @param markets every market with a position or one of {@code ownStops}, by id
   * @param positions open positions by market, their margin fraction as REST reported it
   * @param ownStops the service's live stop-losses, any market
   * @param entered markets where the service filled an entry order for the account
   */
  List<ProtectionAction> plan(Map<Integer, Market> markets, Map<Integer, Position> positions, List<Order> ownStops,
                              Set<Integer> entered, long nowMillis) {
    List<ProtectionAction> actions = new ArrayList<>();
    positions.keySet().stream().sorted().forEach(marketId -> {
      Market market = markets.get(marketId);
      Position position = positions.get(marketId);
      List<Order> stops = inMarket(ownStops, marketId);
      if (!entered.contains(marketId) && external == ExternalPositions.REPORT) {
        actions.add(new ProtectionAction.External(market, position));
        return;
      }
      protect(market, position, stops, nowMillis, actions);
    });
    ownStops.stream().filter(order -> !positions.containsKey((int) order.marketIndex()))
      .sorted(Comparator.comparingLong(Order::orderIndex))
      .forEach(order -> actions.add(new ProtectionAction.Cancel(markets.get((int) order.marketIndex()), order,
        "no position")));
    return actions;
  }

  private void protect(Market market, Position position, List<Order> stops, long nowMillis,
                       List<ProtectionAction> actions) {
    List<Order> otherSide = stops.stream().filter(order -> !StopLossOrders.closes(order, position)).toList();
    otherSide.forEach(order -> actions.add(new ProtectionAction.Cancel(market, order, "on the opening side")));
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
    if (closing.isEmpty() && !triggered.isEmpty()) {
      // The price went through the stop and its limit order has not filled: another stop would trigger at once.
      Order order = triggered.get(0);
      actions.add(new ProtectionAction.Unprotectable(market, position, "its stop-loss " + order.orderIndex()
        + " triggered at " + order.triggerPrice().toPlainString() + " but has not filled (" + order.status() + ")"));
      return;
    }
    if (closing.isEmpty()) {
      actions.add(new ProtectionAction.Place(market, position, plan));
      return;
    }
    Order kept = closing.get(0);
    if (kept.orderExpiry() > 0 && kept.orderExpiry() - nowMillis < renewWithin.toMillis()) {
      actions.add(new ProtectionAction.Renew(market, position, kept, plan));
    } else if (!matches(market, kept, plan)) {
      actions.add(new ProtectionAction.Fix(market, position, kept, plan));
    }
    closing.subList(1, closing.size())
      .forEach(order -> actions.add(new ProtectionAction.Cancel(market, order, "a second stop-loss")));
  }

  /** Same trigger and whole size, compared in ticks as they were sent. */
  static boolean matches(Market market, Order order, StopLossPlan plan) {
    return ticks(order.triggerPrice(), market.priceDecimals()) == plan.triggerPriceTicks()
      && ticks(order.remainingBaseAmount(), market.sizeDecimals()) == plan.baseTicks();
  }

  private static long ticks(BigDecimal value, int decimals) {
    return value == null ? -1 : value.movePointRight(decimals).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  private static List<Order> inMarket(List<Order> orders, int marketId) {
    return orders.stream().filter(order -> order.marketIndex() == marketId).toList();
  }
}
