package io.copytrader.account;

import io.copytrader.Side;
import io.copytrader.config.TradingParameters;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.OrderInfo;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The take-profit attached to an opening entry beside its stop-loss (README "Take-profit"): with
 * {@code TAKE_PROFIT_RATIO} set, an open from flat goes as one CreateGroupedOrders of grouping OTOCO, the MARKET IOC
 * entry and, as its children, the stop-loss-limit and a take-profit-limit, both of {@code BaseAmount} 0, reduce-only
 * on the closing side, with one expiry: an OCO pair the exchange arms with the size the entry executed, each leg
 * cancelling the other when it triggers (docs/lighter-api.md, "Grouped orders").
 *
 * <p>Journaled as the OTO is ({@link AttachedStopLoss}): the three rows (entry, stop-loss, take-profit) before the
 * send, one nonce, a lost answer settled by the entry's evidence; the take-profit's client order index is kept across
 * the request's attempts. An increase carries one as an open does: each pair closes only what it was armed for and
 * cancels only its own sibling, so the earlier set and the increase's together cover the grown position until the
 * {@link TakeProfitKeeper} replaces them with one position-tied pair ({@link PairKeeper}).
 */
final class AttachedTakeProfit {

  private final TradingParameters parameters;
  private final TakeProfitPolicy policy;

  AttachedTakeProfit(TradingParameters parameters) {
    this.parameters = parameters;
    this.policy = new TakeProfitPolicy(parameters);
  }

  /**
   * The take-profit to attach beside {@code stop} to the entry {@code order}, or empty: take-profit off, no price on
   * the side the entry takes, or no take-profit the policy can compute. An increase carries one too: its children,
   * sized to what it executed, cover that part with a pair of their own until {@link TakeProfitKeeper} replaces
   * every set in the market with one for the whole position.
   */
  Optional<TakeProfitPlan> plan(Market market, OrderPlan order, BookTop book, StopLossPlan stop) {
    if (!parameters.takeProfitOn()) {
      return Optional.empty();
    }
    BigDecimal touch = order.side() == Side.BUY ? book.bestAsk() : book.bestBid();
    return touch != null && policy.plan(market, order.side(), touch, stop.marginFraction()) instanceof TakeProfitPlan
      plan ? Optional.of(plan) : Optional.empty();
  }

  /** The entry with {@code stop} and {@code takeProfit} attached: one OTOCO group, the entry first, then the pair. */
  static AttachedStopLoss.Prepared grouped(ExchangeSession session, Market market, OrderPlan plan,
                                           long clientOrderIndex, StopLossPlan stop, long stopClientOrderIndex,
                                           TakeProfitPlan takeProfit, long takeProfitClientOrderIndex,
                                           long expiredAt, long childExpiry) {
    AttachedStopLoss.Prepared oto = AttachedStopLoss.grouped(session, market, plan, clientOrderIndex, stop,
      stopClientOrderIndex, expiredAt, childExpiry);
    int marketId = market.marketId();
    OrderInfo leg = new OrderInfo(marketId, takeProfitClientOrderIndex, 0, takeProfit.limitPriceTicks(),
      takeProfit.isAsk() ? 1 : 0, CreateOrderTx.TYPE_TAKE_PROFIT_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1,
      takeProfit.triggerPriceTicks(), childExpiry);
    List<OrderSender.Draft> drafts = List.of(oto.drafts().get(0), oto.drafts().get(1),
      new OrderSender.Draft(OrderPurpose.TAKE_PROFIT_PLACE, marketId, takeProfitClientOrderIndex, takeProfit.side(),
        BigDecimal.ZERO, takeProfit.limitPrice(), takeProfit.triggerPrice()));
    return new AttachedStopLoss.Prepared(drafts, nonce -> {
      CreateGroupedOrdersTx pair = (CreateGroupedOrdersTx) oto.build().apply(nonce);
      return new CreateGroupedOrdersTx(pair.accountIndex(), pair.apiKeyIndex(), CreateGroupedOrdersTx.GROUPING_OTOCO,
        List.of(pair.orders().get(0), pair.orders().get(1), leg), pair.expiredAt(), nonce, TxAttributes.none());
    });
  }
}
