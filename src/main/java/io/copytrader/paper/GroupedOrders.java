package io.copytrader.paper;

import static io.copytrader.lighter.LighterErrorCodes.CLIENT_ORDER_INDEX_EXISTS;

import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.TxAttributes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CreateGroupedOrders (tx type 28) on the paper exchange, with the semantics docs/lighter-api.md ("Grouped orders")
 * establishes, and {@link GroupedAssumptions} where it is silent:
 * <ul>
 *   <li>OTO / OTOCO: the children wait for the parent ({@code pending}, {@code trigger_status} "parent-order",
 *   size 0) and are armed (trigger status "mark-price") sized to what the parent executed, at its full fill or
 *   its first fill as {@link GroupedAssumptions.ChildrenArmed} says; a parent that ends without arming them takes
 *   them with it ({@code canceled-child}). An armed child is an ordinary reduce-only stop or take-profit of that
 *   size: it does not follow the position afterwards, and a ModifyOrder keeps it sized.</li>
 *   <li>OCO (and an OTOCO's children): when one leg triggers, the other ends {@code canceled-oco}. A leg cancelled
 *   by its owner or expired leaves the other in force. Legs of {@code BaseAmount} 0 are position-tied: they close
 *   the whole position when they execute, and end ({@code canceled-reduce-only}) when it goes flat or flips.</li>
 * </ul>
 * The engine calls {@link #triggered} when a stop or take-profit triggers, {@link #taken} after every execution
 * attempt and {@link #ended} when an order ends otherwise.
 * Confined to the exchange's context, as the engine.
 */
final class GroupedOrders {

  /** The trigger status of a child waiting for its parent to fill (Lighter's Order.trigger_status enum). */
  static final String AWAITING_PARENT = "parent-order";

  private final PaperEngine engine;
  /** The test control {@code /paper/grouped-orders} replaces them at runtime. */
  GroupedAssumptions assumptions;

  GroupedOrders(PaperEngine engine, GroupedAssumptions assumptions) {
    this.engine = engine;
    this.assumptions = assumptions;
  }

  static boolean awaitsParent(PaperOrder order) {
    return AWAITING_PARENT.equals(order.triggerStatus);
  }

  /**
   * The Lighter error code refusing the group at intake, or 0: each order judged as a CreateOrder would be, except
   * that an OTO / OTOCO child is judged on its client order index only (it reduces a position its parent may not
   * have opened yet, and is judged when it executes).
   */
  int refusal(PaperAccountState account, CreateGroupedOrdersTx tx) {
    boolean oco = tx.groupingType() == CreateGroupedOrdersTx.GROUPING_OCO;
    List<CreateOrderTx> orders = orders(tx);
    for (int i = 0; i < orders.size(); i++) {
      CreateOrderTx order = orders.get(i);
      int refusal;
      if (oco || i == 0) {
        refusal = OrderRules.refusal(engine, account, order, !OrderRules.taker(order));
      } else {
        refusal = OrderRules.clientOrderIndexInUse(account, order.clientOrderIndex()) ? CLIENT_ORDER_INDEX_EXISTS : 0;
      }
      if (refusal != 0) {
        return refusal;
      }
    }
    return 0;
  }

  /** Applies the group as the sequencer does; answers its first order (the parent of an OTO / OTOCO). */
  PaperOrder apply(PaperAccountState account, CreateGroupedOrdersTx tx, long now) {
    List<CreateOrderTx> txs = orders(tx);
    List<PaperOrder> orders = new ArrayList<>();
    txs.forEach(one -> orders.add(engine.newOrder(account, one, now)));
    if (tx.groupingType() == CreateGroupedOrdersTx.GROUPING_OCO) {
      return applyOco(account, orders.get(0), orders.get(1), txs, now);
    }
    PaperOrder parent = orders.get(0);
    List<PaperOrder> children = orders.subList(1, orders.size());
    parent.triggersOrderIndex0 = children.get(0).orderIndex;
    if (children.size() == 2) {
      parent.triggersOrderIndex1 = children.get(1).orderIndex;
      linkSiblings(children.get(0), children.get(1));
    }
    for (PaperOrder child : children) {
      child.parentOrderIndex = parent.orderIndex;
      child.positionTied = false;
      child.status = PaperEngine.PENDING;
      child.triggerStatus = AWAITING_PARENT;
      account.live.add(child);
    }
    String refused = OrderRules.canceledStatus(OrderRules.refusal(engine, account, txs.get(0), true));
    return refused == null ? engine.place(account, parent, now)
      : engine.placeCanceled(account, parent, refused, now);
  }

  private PaperOrder applyOco(PaperAccountState account, PaperOrder first, PaperOrder second,
                              List<CreateOrderTx> txs, long now) {
    linkSiblings(first, second);
    String refused = OrderRules.canceledStatus(OrderRules.refusal(engine, account, txs.get(0), true));
    if (refused == null) {
      refused = OrderRules.canceledStatus(OrderRules.refusal(engine, account, txs.get(1), true));
    }
    if (refused != null) {
      engine.placeCanceled(account, first, refused, now);
      engine.placeCanceled(account, second, refused, now);
      return first;
    }
    engine.place(account, first, now);
    if (first.triggerTime > 0) {
      // It triggered as it was placed: its sibling is cancelled before it ever stands.
      engine.placeCanceled(account, second, "canceled-oco", now);
    } else {
      engine.place(account, second, now);
    }
    return first;
  }

  /** After an order executed what it could: a parent's fill arms its children. */
  void taken(PaperAccountState account, PaperOrder order, long now) {
    boolean armsNow = order.remainingBase.signum() == 0
      || assumptions.childrenArmed() == GroupedAssumptions.ChildrenArmed.ANY_FILL;
    if (order.triggersOrderIndex0 != 0 && order.filledBase.signum() > 0 && armsNow) {
      for (PaperOrder child : children(account, order)) {
        arm(account, child, order.filledBase, now);
      }
    }
  }

  /**
   * When an OCO leg triggers, before it executes: its sibling ends, so the position it may close leaves no sibling
   * to end otherwise.
   */
  void triggered(PaperAccountState account, PaperOrder order, long now) {
    if (order.cancelsOrderIndex != 0) {
      live(account, order.cancelsOrderIndex).ifPresent(sibling -> engine.cancel(account, sibling, "canceled-oco",
        now));
    }
  }

  /**
   * After an order ended without filling completely: a parent takes its waiting children with it, unless it filled
   * some and children are armed at any fill.
   */
  void ended(PaperAccountState account, PaperOrder order, long now) {
    boolean keepsChildren = order.filledBase.signum() > 0
      && assumptions.childrenArmed() == GroupedAssumptions.ChildrenArmed.ANY_FILL;
    if (order.triggersOrderIndex0 != 0 && !keepsChildren) {
      for (PaperOrder child : children(account, order)) {
        if (awaitsParent(child)) {
          engine.cancel(account, child, "canceled-child", now);
        }
      }
    }
  }

  /** Sizes a child to what its parent executed so far and lets it trigger on the mark price. */
  private void arm(PaperAccountState account, PaperOrder child, BigDecimal size, long now) {
    if (!account.live.contains(child)) {
      return;
    }
    child.initialBase = size;
    child.remainingBase = size;
    child.triggerStatus = "mark-price";
    child.updatedAt = now;
    engine.triggerIfCrossed(account, engine.market(child.marketId).orElse(null), child, now);
  }

  /** The parent's children still in force and not triggered: waiting, or armed and pending. */
  private static List<PaperOrder> children(PaperAccountState account, PaperOrder parent) {
    return account.live.stream()
      .filter(order -> order.parentOrderIndex == parent.orderIndex && PaperEngine.PENDING.equals(order.status))
      .toList();
  }

  private static Optional<PaperOrder> live(PaperAccountState account, long orderIndex) {
    return account.live.stream().filter(order -> order.orderIndex == orderIndex).findFirst();
  }

  private static void linkSiblings(PaperOrder first, PaperOrder second) {
    first.cancelsOrderIndex = second.orderIndex;
    second.cancelsOrderIndex = first.orderIndex;
  }

  /** The group's orders as the CreateOrder transactions each would be alone. */
  static List<CreateOrderTx> orders(CreateGroupedOrdersTx tx) {
    List<CreateOrderTx> orders = new ArrayList<>();
    for (OrderInfo order : tx.orders()) {
      orders.add(new CreateOrderTx(tx.accountIndex(), tx.apiKeyIndex(), order.marketIndex(),
        order.clientOrderIndex(), order.baseAmount(), order.price(), order.isAsk(), order.type(),
        order.timeInForce(), order.reduceOnly(), order.triggerPrice(), order.orderExpiry(), tx.expiredAt(),
        tx.nonce(), TxAttributes.none()));
    }
    return orders;
  }
}
