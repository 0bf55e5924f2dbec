package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * An account's entry transactions, and the stop-loss attached to an opening one (README "Guarantees", "Protected
 * from the first fill"). An open or increase goes as one CreateGroupedOrders of grouping OTO: the MARKET IOC entry
 * and a reduce-only STOP_LOSS_LIMIT child of {@code BaseAmount} 0 on the closing side, which the exchange arms with
 * the size the entry executed (docs/lighter-api.md, "Grouped orders"). So the position the entry opens carries its
 * stop-loss from the moment it exists, and no second send can fail between them.
 *
 * <p>What this relies on and what it does not:
 * <ul>
 *   <li>Exactly once: the transaction is one nonce; its rows (the entry, then the child as a stop-loss placed by the
 *   service) are journaled before it leaves, and a lost answer is settled by the entry's client order index, its
 *   hash and the nonce, as for a single order ({@link DoubtSettler}). The child's client order index is kept across
 *   the request's attempts, as the entry's is.</li>
 *   <li>When the exchange arms the child (at the entry's full fill or at its first fill: not established) does not
 *   matter for safety: a child not armed ends with its parent, and after the fill {@link StopLossKeeper} finds no
 *   stop-loss and places one, as the two-step path does. Only the moment without one differs.</li>
 *   <li>The child's trigger comes from the price the entry should fill at (the touch it takes); after the fill the
 *   keeper compares it with the stop-loss the actual position needs and moves it with ModifyOrder if it differs.
 *   For an increase, the keeper merges the two stop-losses into one: the earlier one is moved to cover the whole
 *   position first, then the child is cancelled ({@link #attachedLast}), so the position is covered throughout.</li>
 *   <li>A group the exchange refuses, at once or by failing it in the sequencer (proved by the settlement's
 *   evidence, never assumed), is followed by the same entry alone: nothing of the group applied, so the entry's
 *   client order index is still free. A market whose exchange refused a group while it took the same entry alone
 *   goes two-step from then on ({@link #refused}), remembered until the service restarts; the first refusal after
 *   a start is noticed once.</li>
 * </ul>
 * Used from the account's context only.
 */
final class AttachedStopLoss {

  private final StopLossPolicy policy;
  private final MarginFractions fractions;
  private final AttachedTakeProfit takeProfit;
  /** Markets whose exchange refused an entry with its stop-loss attached, taking the entry alone. */
  private final Set<Integer> refusedMarkets = new HashSet<>();

  AttachedStopLoss(StopLossPolicy policy, MarginFractions fractions, AttachedTakeProfit takeProfit) {
    this.policy = policy;
    this.fractions = fractions;
    this.takeProfit = takeProfit;
  }

  /** The take-profit attached beside the stop-loss when {@code TAKE_PROFIT_RATIO} is on. */
  AttachedTakeProfit takeProfit() {
    return takeProfit;
  }

  /** Why the exchange did not take an entry with its stop-loss attached: Lighter's code (or the service's) and text. */
  record Refusal(String code, String reason) {
  }

  /** One entry transaction ready to sign: the journal rows it makes (the entry's first) and its build by nonce. */
  record Prepared(List<OrderSender.Draft> drafts, LongFunction<LighterTx> build) {

    boolean grouped() {
      return drafts.size() > 1;
    }
  }

  /**
   * The stop-loss to attach to the entry {@code order}, or empty when it goes alone: an exit (close or reduce), a
   * market that refused groups, an order against the position held (it reduces it), no price on the side it takes,
   * or no stop-loss the policy can compute (then the keeper's own attempt after the fill raises the alarm).
   */
  Optional<StopLossPlan> plan(Market market, OrderPlan order, OrderPurpose purpose, BookTop book,
                              Optional<Position> before) {
    if (purpose != OrderPurpose.ENTRY || order.reduceOnly() || refusedMarkets.contains(market.marketId())
      || before.filter(held -> held.side() != order.side()).isPresent()) {
      return Optional.empty();
    }
    BigDecimal touch = order.side() == Side.BUY ? book.bestAsk() : book.bestBid();
    if (touch == null) {
      return Optional.empty();
    }
    Position expected = fractions.established(market.marketId(),
      new Position(order.side(), order.baseAmount(), touch, null));
    return policy.plan(market, expected) instanceof StopLossPlan plan ? Optional.of(plan) : Optional.empty();
  }

  /**
   * The markets remembered as refusing groups, shared with the {@link PairKeeper} of the account's trades, which
   * adds those whose exchange refused a stop-loss and take-profit pair.
   */
  Set<Integer> refusedMarkets() {
    return refusedMarkets;
  }

  /** Records that {@code marketId} refused an entry with its stop-loss attached; true the first time. */
  boolean refused(int marketId) {
    return refusedMarkets.add(marketId);
  }

  /** The entry alone: a MARKET IOC order. */
  static Prepared single(ExchangeSession session, Market market, OrderPlan plan, OrderPurpose purpose,
                         long clientOrderIndex, long expiredAt) {
    OrderSender.Draft draft = new OrderSender.Draft(purpose, market.marketId(), clientOrderIndex, plan.side(),
      plan.baseAmount(), plan.worstPrice(), null);
    return new Prepared(List.of(draft), nonce -> new CreateOrderTx(session.accountIndex(), session.apiKeyIndex(),
      market.marketId(), clientOrderIndex, plan.baseTicks(), plan.worstPriceTicks(), plan.isAsk() ? 1 : 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, plan.reduceOnly() ? 1 : 0, 0, 0, expiredAt,
      nonce, TxAttributes.none()));
  }

  /**
   * The entry with {@code stop} attached: one OTO group, the entry first. The child's expiry is the stop-loss's
   * (28 days); the group expires as the entry would alone.
   */
  static Prepared grouped(ExchangeSession session, Market market, OrderPlan plan, long clientOrderIndex,
                          StopLossPlan stop, long stopClientOrderIndex, long expiredAt, long stopExpiry) {
    int marketId = market.marketId();
    OrderInfo entry = new OrderInfo(marketId, clientOrderIndex, plan.baseTicks(), plan.worstPriceTicks(),
      plan.isAsk() ? 1 : 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0);
    OrderInfo child = new OrderInfo(marketId, stopClientOrderIndex, 0, stop.limitPriceTicks(), stop.isAsk() ? 1 : 0,
      CreateOrderTx.TYPE_STOP_LOSS_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1, stop.triggerPriceTicks(), stopExpiry);
    List<OrderSender.Draft> drafts = List.of(
      new OrderSender.Draft(OrderPurpose.ENTRY, marketId, clientOrderIndex, plan.side(), plan.baseAmount(),
        plan.worstPrice(), null),
      // Journaled as a stop-loss the service placed, so it is the service's own wherever stop-losses are counted;
      // size 0 as sent: the exchange sizes it.
      new OrderSender.Draft(OrderPurpose.STOP_LOSS_PLACE, marketId, stopClientOrderIndex, stop.side(),
        BigDecimal.ZERO, stop.limitPrice(), stop.triggerPrice()));
    return new Prepared(drafts, nonce -> new CreateGroupedOrdersTx(session.accountIndex(), session.apiKeyIndex(),
      CreateGroupedOrdersTx.GROUPING_OTO, List.of(entry, child), expiredAt, nonce, TxAttributes.none()));
  }

  /**
   * {@code stops} with those attached to an entry (a group's child) last: the one then moved to cover the whole
   * position is a stop the service placed alone, whose ModifyOrder is established, and the attached ones are
   * cancelled after it (whether a child behaves as a position-tied order is not established: docs/lighter-api.md,
   * "Grouped orders").
   */
  static List<Order> attachedLast(List<Order> stops) {
    return stops.stream().sorted(Comparator.comparing(order -> order.parentOrderIndex() != 0)).toList();
  }
}
