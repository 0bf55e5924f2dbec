package io.copytrader.lighter;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One account as its private channels built it. */
final class LocalAccount {

  /** Live orders are all kept; of the finished ones, the latest this many, for callers awaiting a fill. */
  private static final int FINISHED_ORDERS_KEPT_PER_ACCOUNT = 2000;

  final Map<Long, AccountPosition> positions = new HashMap<>();
  /** By order index: orders placed elsewhere (without a client order index) protect the position too. */
  final Map<Long, Order> live = new LinkedHashMap<>();
  /** By client order index, the latest finished ones. */
  final Map<Long, Order> finished = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Order> eldest) {
      return size() > FINISHED_ORDERS_KEPT_PER_ACCOUNT;
    }
  };
  BigDecimal collateral;
  BigDecimal availableBalance;
  BigDecimal portfolioValue;
  BigDecimal crossValue;
  boolean positionsSynced;
  boolean ordersSynced;
  boolean statsSynced;

  void apply(Order order) {
    if (order.live()) {
      live.put(order.orderIndex(), order);
      finished.remove(order.clientOrderIndex());
      return;
    }
    live.remove(order.orderIndex());
    if (order.clientOrderIndex() != 0) {
      finished.put(order.clientOrderIndex(), order);
    }
  }

  Optional<Order> order(long clientOrderIndex) {
    Order done = finished.get(clientOrderIndex);
    if (done != null) {
      return Optional.of(done);
    }
    return live.values().stream().filter(order -> order.clientOrderIndex() == clientOrderIndex).findFirst();
  }
}
