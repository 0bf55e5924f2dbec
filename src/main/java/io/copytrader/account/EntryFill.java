package io.copytrader.account;

import io.copytrader.journal.JournalException;
import io.copytrader.journal.OrderState;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.Order;
import io.copytrader.market.Market;
import io.copytrader.notify.Notices;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

/**
 * What a request's entry order came to, once it is followed to its end or gave up on: the fill journaled and
 * notified once, the stop-loss brought in line with the position ({@link StopLossKeeper}), and the request's
 * outcome reported ({@link RequestReport}). Runs on the account's context only.
 */
final class EntryFill {

  private final ExecutionParts parts;
  private final QueuedRequest queued;
  private final TradeContext context;
  private final RequestLog log;
  private final RequestReport report;

  /**
   * The entry as the execution knows it.
   *
   * @param clientOrderIndex the entry order's
   * @param ordinal the journal ordinal of the entry transaction that decides its state, or -1
   * @param before the account as read before the entry was sent, null after a restart
   * @param sentAtMillis when the exchange accepted it, 0 when not seen
   * @param reported the fill was journaled, and so reported, before a restart
   * @param journaling where the stop-loss's orders go
   */
  record Entry(long clientOrderIndex, int ordinal, DetailedAccount before, long sentAtMillis, boolean reported,
               StopLossKeeper.Journaling journaling) {
  }

  EntryFill(ExecutionParts parts, QueuedRequest queued, TradeContext context, RequestLog log, RequestReport report) {
    this.parts = parts;
    this.queued = queued;
    this.context = context;
    this.log = log;
    this.report = report;
  }

  /** The entry shows on the exchange but did not finish: the request fails unconfirmed, the stop-loss follows REST. */
  Future<Void> unconfirmed(Market market, Entry entry) {
    String problem = "order " + entry.clientOrderIndex() + " is on the exchange but did not finish within "
      + parts.settings().fillTimeout().toSeconds() + " s; the stop-loss follows the account";
    return parts.readAccount()
      .compose(after -> new TakeProfitKeeper(parts).align(context, entry.journaling(), market,
        entry.before() == null ? Position.in(after, market.marketId()) : Position.in(entry.before(), market.marketId()),
        Position.in(after, market.marketId())))
      .recover(failure -> JournalException.outOfReach(failure) ? Future.failedFuture(failure)
        : Future.succeededFuture(Optional.of(failure.getMessage())))
      .compose(stopLoss -> report.finish(new RequestReport.Outcome(RequestState.FAILED, OutcomeCode.FILL_UNCONFIRMED.name(),
          problem + stopLoss.map(text -> "; " + text).orElse("")),
        Notices.outcomeUnknown(context, queued.request().action(), problem)));
  }

  /** The entry ended as {@code order} shows: its fill journaled and notified, the stop-loss aligned, reported. */
  Future<Void> filled(Market market, OrderPlan plan, Order order, Entry entry) {
    if (entry.sentAtMillis() > 0) {
      parts.metrics().sentToFilled(Duration.ofMillis(System.currentTimeMillis() - entry.sentAtMillis()));
    }
    BigDecimal filled = order.filledBaseAmount() == null ? BigDecimal.ZERO : order.filledBaseAmount();
    if (filled.signum() == 0) {
      String reason = order.status();
      return recordFill(entry, OrderState.CANCELLED, filled, null, reason)
        .compose(recorded -> report.finish(new RequestReport.Outcome(RequestState.REJECTED, OutcomeCode.NOT_FILLED.name(),
          "order not filled: " + reason), Notices.rejected(context, queued.request().action(), "NOT_FILLED", reason)));
    }
    BigDecimal averagePrice = order.filledQuoteAmount().divide(filled, market.priceDecimals() + 4,
      RoundingMode.HALF_EVEN).stripTrailingZeros();
    BigDecimal requested = order.initialBaseAmount() != null ? order.initialBaseAmount()
      : plan != null ? plan.baseAmount() : filled;
    boolean complete = filled.compareTo(requested) >= 0;
    RequestState state = complete ? RequestState.FILLED : RequestState.PARTIALLY_FILLED;
    log.info("{} {} {} at {} ({})", order.isAsk() ? "sold" : "bought",
      filled.toPlainString(), market.symbol(), averagePrice.toPlainString(), order.status());
    Future<Boolean> recorded = entry.reported() ? Future.succeededFuture(false)
      : recordFill(entry, complete ? OrderState.FILLED : OrderState.PARTIALLY_FILLED, filled, averagePrice,
        order.status());
    return recorded
      .compose(recordedHere -> protect(market, order, filled, averagePrice, entry, recordedHere))
      .compose(stopLossProblem -> {
        String partial = complete ? null : "filled " + filled.toPlainString() + " of " + requested.toPlainString()
          + " (" + order.status() + ")";
        if (stopLossProblem.isPresent()) {
          return report.complete(new RequestReport.Outcome(state, OutcomeCode.STOP_LOSS_FAILED.name(),
            partial == null ? stopLossProblem.get() : partial + "; " + stopLossProblem.get()));
        }
        return report.complete(new RequestReport.Outcome(state, complete ? null : OutcomeCode.PARTIALLY_FILLED.name(), partial));
      });
  }

  /**
   * Notifies the fill when this run {@code recordedHere} it: a run that finds it recorded (before a restart, or by
   * the account's new owner while this node was paused) leaves the notice to the one that recorded it, unless this
   * node's record of it was in doubt ({@link HeldNotices#fillInDoubt}). Then aligns
   * the stop-loss and take-profit with the position holding the fill; answers what kept them from it.
   */
  private Future<Optional<String>> protect(Market market, Order order, BigDecimal filled, BigDecimal averagePrice,
                                           Entry entry, boolean recordedHere) {
    DetailedAccount before = entry.before();
    return (before != null ? parts.accountAfter(market, before, order, filled) : parts.readAccount())
      .compose(after -> {
        parts.view().settled(after);
        Optional<AccountPosition> held = after.position(market.marketId());
        if (parts.heldNotices().takeFillInDoubt(queued.requestId(), entry.ordinal()) || recordedHere) {
          report.publish(before != null
            ? FillNotices.of(context, order, filled, averagePrice, before.position(market.marketId()), held)
            : FillNotices.afterTheFact(context, order, filled, averagePrice, held));
        }
        Optional<Position> now = Position.in(after, market.marketId());
        Optional<Position> then = before != null ? Position.in(before, market.marketId())
          : Position.before(now, FillNotices.heldBefore(order, filled, held));
        return new TakeProfitKeeper(parts).align(context, entry.journaling(), market, then, now);
      });
  }

  private Future<Boolean> recordFill(Entry entry, OrderState state, BigDecimal filled, BigDecimal averagePrice,
                                     String status) {
    if (entry.ordinal() < 0) {
      return Future.succeededFuture(true);
    }
    return parts.journal().updateOrder(queued.requestId(), entry.ordinal(), OrderUpdate.fill(state, filled,
        averagePrice, status))
      .onSuccess(recorded -> {
        if (!recorded) {
          log.warn("the journal refused to record order {}'s fill as {}", entry.ordinal(), state.wire());
        }
      })
      .onFailure(failure -> {
        if (JournalException.outOfReach(failure)) {
          parts.heldNotices().fillInDoubt(queued.requestId(), entry.ordinal());
        }
      });
  }
}
