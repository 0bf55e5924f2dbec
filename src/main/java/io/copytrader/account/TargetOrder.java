package io.copytrader.account;

import io.copytrader.journal.JournalException;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.OrderState;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.market.Market;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The order of one step of a target position, from its send to its final state, with the guarantees of every order
 * the service trades with: journaled before it leaves ({@link OrderSender}), a lost answer settled by evidence
 * ({@link DoubtSettler}) before anything else is sent, never sent twice (its client order index), followed to its
 * fill ({@link OrderWatcher}) and the fill journaled. What the fill means for the request is {@link TargetExecution}'s
 * to decide. A retryable failure ({@link RetryableFailure}) leaves the order in a state the next attempt resumes
 * ({@link #resume}). Runs on the account's context only.
 */
final class TargetOrder {

  /** Where the order ended. */
  sealed interface Result {
  }

  /** It filled, wholly or in part ({@code complete} false). */
  record Filled(Order order, BigDecimal filled, BigDecimal averagePrice, boolean complete) implements Result {
  }

  /**
   * It ended without a fill, or its outcome could not be learnt.
   *
   * @param state the request's state if it ends here with nothing traded
   */
  record Ended(RequestState state, String code, String message) implements Result {
  }

  private final ExecutionParts parts;
  private final QueuedRequest queued;
  private final RequestLog log;
  private final IntSupplier ordinals;
  private final long clientOrderIndex;
  private EntryState state = EntryState.NOT_SENT;
  private InDoubtTx tx;
  private int ordinal = -1;
  private long sentAtMillis;
  private BigDecimal plannedBase;
  private boolean fillJournaled;

  TargetOrder(ExecutionParts parts, QueuedRequest queued, RequestLog log, IntSupplier ordinals, long clientOrderIndex) {
    this.parts = parts;
    this.queued = queued;
    this.log = log;
    this.ordinals = ordinals;
    this.clientOrderIndex = clientOrderIndex;
  }

  /** The order of a journal row a stop interrupted: one in doubt is settled before anything else is signed. */
  static TargetOrder recovered(ExecutionParts parts, QueuedRequest queued, RequestLog log, IntSupplier ordinals,
                               OrderRecord row) {
    TargetOrder order = new TargetOrder(parts, queued, log, ordinals, row.order().clientOrderIndex());
    order.state = EntryState.of(row);
    order.ordinal = row.order().ordinal();
    order.tx = InDoubtTx.of(row);
    order.plannedBase = row.order().baseAmount();
    order.fillJournaled = order.state == EntryState.ON_EXCHANGE;
    if (order.state == EntryState.IN_DOUBT) {
      parts.session().adoptDoubt(order.tx);
    }
    return order;
  }

  long clientOrderIndex() {
    return clientOrderIndex;
  }

  /** Whether the order may be on the exchange: it is followed or settled, never planned again. */
  boolean mayBeOnExchange() {
    return state != EntryState.NOT_SENT;
  }

  /** Signs, journals and sends {@code plan}, then follows it to its end. */
  Future<Result> send(Market market, OrderPlan plan, OrderPurpose purpose, Runnable beforeSend) {
    plannedBase = plan.baseAmount();
    long expiredAt = System.currentTimeMillis() + parts.settings().entryTxExpiry().toMillis();
    OrderSender.Draft draft = new OrderSender.Draft(purpose, market.marketId(), clientOrderIndex, plan.side(),
      plan.baseAmount(), plan.worstPrice(), null);
    return parts.sender().send(queued.requestId(), ordinals, draft,
        nonce -> new CreateOrderTx(parts.account().accountIndex(), parts.account().apiKeyIndex(), market.marketId(),
          clientOrderIndex, plan.baseTicks(), plan.worstPriceTicks(), plan.isAsk() ? 1 : 0, CreateOrderTx.TYPE_MARKET,
          CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, plan.reduceOnly() ? 1 : 0, 0, 0, expiredAt, nonce,
          TxAttributes.none()), beforeSend)
      .recover(failure -> Future.failedFuture(failure instanceof LighterException error
        ? RetryableFailure.of(error) : failure))
      .compose(sent -> sent(market, expiredAt, sent));
  }

  /** Picks up an order that may be on the exchange: settles it when in doubt, else follows it. */
  Future<Result> resume(Market market) {
    return state == EntryState.IN_DOUBT ? settle(market) : confirm(market);
  }

  private Future<Result> sent(Market market, long expiredAt, OrderSender.Sent sent) {
    SendOutcome outcome = sent.outcome();
    if (outcome instanceof SendOutcome.NotSent notSent) {
      return Future.failedFuture(new RetryableFailure(OrderSender.errorCode(notSent.error()),
        notSent.error().getMessage()));
    }
    if (outcome instanceof SendOutcome.Rejected rejected && !rejected.orderExists()) {
      return Future.succeededFuture(new Ended(RequestState.REJECTED, OrderSender.errorCode(rejected.error()),
        rejected.error().getMessage()));
    }
    ordinal = sent.ordinal();
    if (outcome instanceof SendOutcome.NonceConsumed) {
      log.warn("the nonce of order {} is used: its earlier transaction reached the exchange", clientOrderIndex);
      state = EntryState.IN_DOUBT;
      return settle(market);
    }
    if (outcome instanceof SendOutcome.Unknown unknown) {
      state = EntryState.IN_DOUBT;
      tx = new InDoubtTx(clientOrderIndex, unknown.nonce(), unknown.tx().txType(), unknown.tx().txHashHex(),
        unknown.tx().txInfo(), expiredAt);
      log.warn("no answer for order {} ({})", clientOrderIndex, unknown.error().getMessage());
      return settle(market);
    }
    state = EntryState.ON_EXCHANGE;
    if (outcome instanceof SendOutcome.Accepted accepted) {
      tx = new InDoubtTx(clientOrderIndex, accepted.nonce(), accepted.tx().txType(), accepted.tx().txHashHex(),
        accepted.tx().txInfo(), expiredAt);
      sentAtMillis = System.currentTimeMillis();
      log.info("order {} accepted as tx {}", clientOrderIndex, accepted.tx().txHashHex());
    } else {
      log.info("order {} already exists on the exchange; following it", clientOrderIndex);
    }
    return confirm(market);
  }

  private Future<Result> settle(Market market) {
    if (tx == null) {
      return Future.succeededFuture(new Ended(RequestState.FAILED, OutcomeCode.OUTCOME_UNKNOWN.name(),
        "order " + clientOrderIndex + " may have executed and nothing identifies its transaction"));
    }
    log.info("settling order {} (tx {}) by evidence from the exchange", clientOrderIndex, tx.txHash());
    return parts.settler().settle(tx).compose(settlement -> {
      if (settlement instanceof Settlement.Landed) {
        state = EntryState.ON_EXCHANGE;
        return confirm(market);
      }
      if (settlement instanceof Settlement.NeverApplied never) {
        log.info("order {} never executed: {}", clientOrderIndex, never.evidence());
        state = EntryState.NOT_SENT;
        // Nothing executed: the next attempt plans again from the position the exchange shows.
        return parts.journal().updateOrder(queued.requestId(), ordinal, OrderUpdate.rejected("NEVER_APPLIED",
            never.evidence()))
          .compose(recorded -> Future.failedFuture(new RetryableFailure(OutcomeCode.EXCHANGE_NO_ANSWER.name(),
            never.evidence())));
      }
      return Future.succeededFuture(new Ended(RequestState.FAILED, OutcomeCode.OUTCOME_UNKNOWN.name(),
        ((Settlement.Unresolved) settlement).reason()));
    });
  }

  /**
   * Follows the order to its final state. One that does not show is settled by evidence; one that shows but does not
   * finish leaves the request unconfirmed.
   */
  private Future<Result> confirm(Market market) {
    return parts.watcher().await(clientOrderIndex, OrderWatcher::finished, parts.settings().fillTimeout())
      .compose(found -> {
        if (found.isPresent()) {
          return finished(market, found.get());
        }
        return parts.watcher().find(clientOrderIndex).recover(failure -> Future.succeededFuture(Optional.empty()))
          .compose(live -> {
            if (live.isEmpty() && tx != null) {
              log.warn("order {} does not show on the exchange; settling it", clientOrderIndex);
              state = EntryState.IN_DOUBT;
              return settle(market);
            }
            return Future.succeededFuture(new Ended(RequestState.FAILED, OutcomeCode.FILL_UNCONFIRMED.name(),
              "order " + clientOrderIndex + " is on the exchange but did not finish within "
                + parts.settings().fillTimeout().toSeconds() + " s; the stop-loss follows the account"));
          });
      });
  }

  private Future<Result> finished(Market market, Order order) {
    if (sentAtMillis > 0) {
      parts.metrics().sentToFilled(Duration.ofMillis(System.currentTimeMillis() - sentAtMillis));
    }
    BigDecimal filled = order.filledBaseAmount() == null ? BigDecimal.ZERO : order.filledBaseAmount();
    if (filled.signum() == 0) {
      return journalFill(OrderState.CANCELLED, filled, null, order.status()).map(recorded -> new Ended(
        RequestState.REJECTED, OutcomeCode.NOT_FILLED.name(), "order " + clientOrderIndex + " not filled: "
          + order.status()));
    }
    BigDecimal averagePrice = order.filledQuoteAmount().divide(filled, market.priceDecimals() + 4,
      RoundingMode.HALF_EVEN).stripTrailingZeros();
    BigDecimal requested = order.initialBaseAmount() != null ? order.initialBaseAmount()
      : plannedBase != null ? plannedBase : filled;
    boolean complete = filled.compareTo(requested) >= 0;
    log.info("{} {} {} at {} ({})", order.isAsk() ? "sold" : "bought", filled.toPlainString(), market.symbol(),
      averagePrice.toPlainString(), order.status());
    return journalFill(complete ? OrderState.FILLED : OrderState.PARTIALLY_FILLED, filled, averagePrice,
      order.status()).map(recorded -> new Filled(order, filled, averagePrice, complete));
  }

  /**
   * Whether this run journaled the fill; false when it found it journaled, by a run before a restart or by the
   * account's new owner while this node was paused (it was reported by that one), unless this node's record of it
   * was in doubt ({@link HeldNotices#fillInDoubt}).
   */
  boolean fillNew() {
    return parts.heldNotices().takeFillInDoubt(queued.requestId(), ordinal) || !fillJournaled;
  }

  private Future<Boolean> journalFill(OrderState filledState, BigDecimal filled, BigDecimal averagePrice,
                                      String status) {
    if (fillJournaled || ordinal < 0) {
      return Future.succeededFuture(false);
    }
    return parts.journal().updateOrder(queued.requestId(), ordinal, OrderUpdate.fill(filledState, filled,
      averagePrice, status))
      .onSuccess(moved -> fillJournaled = !moved)
      .onFailure(failure -> {
        if (JournalException.outOfReach(failure)) {
          parts.heldNotices().fillInDoubt(queued.requestId(), ordinal);
        }
      });
  }
}
