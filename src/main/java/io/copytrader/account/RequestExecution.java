package io.copytrader.account;

import io.copytrader.journal.JournalException;
import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.OrderUpdate;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.signer.CreateGroupedOrdersTx;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.notify.Notices;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted request from start to final state, across its attempts: sizes the order from fresh market and
 * account data, sends it through {@link OrderSender}, settles it by evidence when its outcome is unknown
 * ({@link DoubtSettler}), follows it to its end and hands it to {@link EntryFill}, which journals the fill, brings
 * the stop-loss in line and reports the outcome once. The entry's {@link EntryState} decides what an attempt may
 * do. Runs on the account's context only.
 */
final class RequestExecution {

  private static final Logger LOG = LoggerFactory.getLogger(RequestExecution.class);
  private static final int MARKET_WAITS = 30;
  private static final long MARKET_WAIT_MS = 1_000;

  private final QueuedRequest queued;
  private final TradeRequest request;
  private final TradeContext context;
  private final RequestLog log;
  private final RequestReport report;
  private final ExecutionParts parts;
  private final EntryFill fill;
  private int nextOrdinal;
  private EntryState entry = EntryState.NOT_SENT;
  private Long entryOrderIndex;
  /** The client order index of the stop-loss attached to the entry, kept across attempts as the entry's is. */
  private Long stopOrderIndex;
  /** The client order index of the take-profit attached beside the stop-loss, kept across attempts as the entry's. */
  private Long takeProfitOrderIndex;
  /** Why the exchange refused the entry with its stop-loss attached (at once, or in the sequencer): it goes alone. */
  private AttachedStopLoss.Refusal groupRefusal;
  /** The journal ordinal of the entry transaction that decides the entry's state, or -1 before one is signed. */
  private int entryOrdinal = -1;
  /** The latest entry transaction that may have reached the exchange: what settling it looks for. */
  private InDoubtTx entryTx;
  /** Whether the journal moved the request from queued to executing; set for fresh requests. */
  private Future<Boolean> started = Future.succeededFuture(true);
  /** The account as read before the entry order was sent, for the notice and stop-loss of a later attempt. */
  private DetailedAccount entryBefore;
  private long sentAtMillis;
  /** The fill was journaled, and so reported, before a restart: it is not reported again. */
  private boolean fillReported;

  RequestExecution(ExecutionParts parts, QueuedRequest queued) {
    this.parts = parts;
    this.queued = queued;
    this.request = queued.request();
    this.log = new RequestLog(LOG, parts.account().accountIndex(), queued.requestId());
    this.report = new RequestReport(parts, queued, log);
    this.context = new TradeContext(queued.requestId(), parts.account().accountIndex(), parts.account().name(), request.marketId(),
      request.symbol(), queued.fanout());
    this.fill = new EntryFill(parts, queued, context, log, report);
  }

  Future<Void> run() {
    if (queued.recovery() != null) {
      return recover(queued.recovery());
    }
    Optional<Duration> late = lateness();
    if (late.isPresent()) {
      return expire(late.get());
    }
    // Not awaited: the journal writes in order, so the entry order's insert (which must succeed before the
    // order is sent, and only can for an executing request) commits with or after this change; planning
    // meanwhile saves a commit on the way to the exchange.
    started = RequestEvents.executing(parts, queued);
    log.info("executing {} {}", request.action().wireName(), request.symbol());
    return attempt();
  }

  /** Exits are never dropped for their age: the position they would leave is the larger risk. */
  private Optional<Duration> lateness() {
    return request.action().isExit() ? Optional.empty()
      : parts.settings().lateness(queued, System.currentTimeMillis());
  }

  /** True when the journal refused to start the request: it ran before, so nothing was or may be sent. */
  private boolean refusedToStart() {
    return started.isComplete() && started.succeeded() && !started.result();
  }

  /**
   * Whether the journal went out of reach during the request (its start not recorded, or {@code failure} its
   * unavailability): what the request did is then the journal's to tell once it is back, and the account takes it
   * up again from there ({@code AccountVerticle}); nothing may be reported as its outcome meanwhile.
   */
  static boolean journalInterrupted(Future<Boolean> started, Throwable failure) {
    return started.failed() || JournalException.outOfReach(failure);
  }

  /**
   * A request that was executing when the service stopped: an entry transaction that may have reached the
   * exchange is settled by evidence before anything is sent, with its own nonce signed next; only a request
   * with nothing on the exchange may expire.
   */
  private Future<Void> recover(QueuedRequest.Recovery recovery) {
    nextOrdinal = recovery.nextOrdinal();
    if (recovery.entry() != null) {
      OrderRecord row = recovery.entry();
      entryOrderIndex = row.order().clientOrderIndex();
      entryOrdinal = row.order().ordinal();
      entry = EntryState.of(row);
      fillReported = entry == EntryState.ON_EXCHANGE;
      entryTx = InDoubtTx.of(row);
      if (entry == EntryState.IN_DOUBT) {
        parts.session().adoptDoubt(entryTx);
      }
    }
    log.info("was interrupted; entry order {} is {}", entryOrderIndex, entry.name().toLowerCase(Locale.ROOT));
    Optional<Duration> late = lateness();
    if (entry == EntryState.NOT_SENT && late.isPresent()) {
      return expire(late.get());
    }
    return attempt();
  }

  private Future<Void> expire(Duration late) {
    return report.finish(new RequestReport.Outcome(RequestState.EXPIRED, OutcomeCode.SIGNAL_EXPIRED.name(), "waited "
      + late.toMillis() + " ms, longer than allowed; not executed"), Notices.expired(context, request.action(), late));
  }

  private Future<Void> attempt() {
    return parts.retries().<Void>run(number -> {
        // Marking a fresh request executing already counted its first attempt.
        Future<?> counted = number == 1 && queued.recovery() == null ? Future.succeededFuture()
          : parts.journal().recordAttempt(queued.requestId());
        return counted.compose(recorded -> once());
      },
      failure -> failure instanceof RetryableFailure && !refusedToStart(),
      (number, failure) -> log.warn("attempt {}/{} failed ({}: {}); retrying in {} s", number, parts.settings().attempts(),
        RetryableFailure.codeOf(failure), failure.getMessage(), parts.settings().retryInterval().toSeconds()))
      .recover(gaveUp -> {
        if (RetryableFailure.leaseLost(gaveUp)) {
          log.warn("stopped: this node lost the account's lease; its new owner resumes the request");
          return Future.succeededFuture();
        }
        if (refusedToStart()) {
          log.warn("no longer queued; not executing it again (nothing was sent)");
          return Future.succeededFuture();
        }
        Throwable failure = gaveUp.getCause();
        if (journalInterrupted(started, failure)) {
          return Future.failedFuture(failure);
        }
        String code = RetryableFailure.codeOf(failure);
        if (code.equals(OutcomeCode.INTERNAL.name())) {
          log.error("failed unexpectedly", failure);
        }
        if (entry != EntryState.NOT_SENT) {
          // An order is out there: whatever stopped the request, it must not be reported as not traded.
          String reason = "entry order " + entryOrderIndex + " may have executed; " + code + ": "
            + failure.getMessage();
          return report.finish(new RequestReport.Outcome(RequestState.FAILED, OutcomeCode.OUTCOME_UNKNOWN.name(),
            reason), Notices.outcomeUnknown(context, request.action(), reason));
        }
        int attempts = ((Retries.GaveUp) gaveUp).attempts();
        return report.finish(new RequestReport.Outcome(RequestState.FAILED, code, failure.getMessage()),
          Notices.failedAfterRetries(context, request.action(), attempts, code + ": " + failure.getMessage()));
      });
  }

  /** One attempt: follow an order the exchange has, settle one in doubt, else plan and send. */
  private Future<Void> once() {
    Future<Market> market = entry == EntryState.NOT_SENT ? parts.market(request.marketId())
      : marketOnceKnown(MARKET_WAITS);
    return market.compose(known -> switch (entry) {
      case ON_EXCHANGE -> confirm(known, null);
      case IN_DOUBT -> settle(known);
      case NOT_SENT -> parts.leverage().ahead(queued, known, report, context, () -> planAndSend(known));
    });
  }

  /**
   * The market, waited for while an order may be on the exchange (after a restart the market cache may still be
   * loading): the order is followed as soon as it can be, rather than the request failing around it.
   */
  private Future<Market> marketOnceKnown(int tries) {
    return parts.market(request.marketId()).recover(failure -> tries <= 1 ? Future.failedFuture(failure)
      : Pause.of(parts.vertx(), MARKET_WAIT_MS).compose(waited -> marketOnceKnown(tries - 1)));
  }

  private Future<Void> settle(Market market) {
    log.info("settling entry order {} (tx {}) by evidence from the exchange", entryOrderIndex, entryTx.txHash());
    return parts.settler().settle(entryTx).compose(settlement -> {
      if (settlement instanceof Settlement.Landed) {
        log.info("entry order {} is on the exchange; following it", entryOrderIndex);
        entry = EntryState.ON_EXCHANGE;
        return confirm(market, null);
      }
      if (settlement instanceof Settlement.NeverApplied never) {
        log.info("entry order {} never executed: {}", entryOrderIndex, never.evidence());
        entry = EntryState.NOT_SENT;
        if (never.nonceConsumed() && entryTx.txType() == CreateGroupedOrdersTx.TX_TYPE) {
          // The exchange took the group in and failed it: the next attempt sends the entry alone, as for a group
          // refused at once.
          groupRefusal = new AttachedStopLoss.Refusal("NEVER_APPLIED", never.evidence());
        }
        return parts.journal().updateOrder(queued.requestId(), entryOrdinal,
            OrderUpdate.rejected("NEVER_APPLIED", never.evidence()))
          .compose(recorded -> {
            // Nothing executed: an opening signal that has grown too old meanwhile is not sent late.
            Optional<Duration> late = lateness();
            return late.isPresent() ? expire(late.get()) : Future.failedFuture(new RetryableFailure(
              OutcomeCode.EXCHANGE_NO_ANSWER.name(), never.evidence()));
          });
      }
      String reason = ((Settlement.Unresolved) settlement).reason();
      return report.finish(new RequestReport.Outcome(RequestState.FAILED, OutcomeCode.OUTCOME_UNKNOWN.name(), reason),
        Notices.outcomeUnknown(context, request.action(), reason));
    });
  }

  private Future<Void> planAndSend(Market market) {
    Future<BookTop> book = parts.bookTop(market);
    Future<DetailedAccount> before = parts.view().account(parts.account().accountIndex())
      .recover(failure -> Future.failedFuture(RetryableFailure.of(failure)));
    return Future.all(book, before).compose(read -> plan(market, book.result(), before.result(), false));
  }

  /**
   * Sizes, has the {@link RailGate} check the order (only here: nothing of the request is on the exchange) and sends
   * what it lets through. A stream's view may lag: a refusal for want of a position waits for REST to confirm it.
   */
  private Future<Void> plan(Market market, BookTop book, DetailedAccount before, boolean fromRest) {
    SizingResult sizing = parts.sizer().plan(request.withMarket(market.marketId(), market.symbol()), market,
      before.totalAssetValue(), book, Position.in(before, market.marketId()));
    if (sizing instanceof Rejection rejection) {
      if (rejection.code() == RejectionCode.NO_POSITION && !fromRest) {
        return parts.readAccount().compose(read -> plan(market, book, read, true));
      }
      if (rejection.retryable()) {
        return Future.failedFuture(new RetryableFailure(rejection.code().name(), rejection.message()));
      }
      return report.finish(new RequestReport.Outcome(RequestState.REJECTED, rejection.code().name(), rejection.message()),
        Notices.rejected(context, request.action(), rejection.code().name(), rejection.message()));
    }
    return parts.rails().check(queued, market, before, (OrderPlan) sizing).compose(checked -> checked.refused()
      ? report.refuse(checked, context)
      : send(market, before, RailGate.sized(market, (OrderPlan) sizing, checked.size()), book, groupRefusal != null));
  }

  private Future<Void> send(Market market, DetailedAccount before, OrderPlan plan, BookTop book, boolean alone) {
    entryBefore = before;
    if (entryOrderIndex == null) {
      entryOrderIndex = parts.orderIndexes().next();
    }
    long clientOrderIndex = entryOrderIndex;
    OrderPurpose purpose = plan.closesPosition() ? OrderPurpose.CLOSE
      : plan.reduceOnly() ? OrderPurpose.REDUCE : OrderPurpose.ENTRY;
    long expiredAt = System.currentTimeMillis() + parts.settings().entryTxExpiry().toMillis();
    AttachedStopLoss.Prepared prepared = prepare(market, before, plan, book, alone, purpose, clientOrderIndex,
      expiredAt);
    return parts.sender().send(queued.requestId(), () -> nextOrdinal++, prepared.drafts(), prepared.build(),
        // Journaled means the send leaves next: the service's own time from the signal ends here.
        () -> {
          if (queued.signalNanos() != 0) {
            parts.metrics().signalToSend(queued.request().clientRequestId(), parts.account().accountIndex(),
              System.nanoTime() - queued.signalNanos());
          }
        })
      // A nonce that could not be fetched: nothing was signed or sent, so it is retried like a failed read.
      .recover(failure -> Future.failedFuture(failure instanceof LighterException error
        ? RetryableFailure.of(error) : failure))
      .compose(sent -> prepared.grouped() && sent.outcome() instanceof SendOutcome.Rejected refused
        && !refused.orderExists() ? sendAlone(market, before, plan, book, new AttachedStopLoss.Refusal(
          OrderSender.errorCode(refused.error()), refused.error().getMessage()))
        : sent(market, plan, clientOrderIndex, expiredAt, sent));
  }

  /** The entry's transaction: with its stop-loss attached ({@link AttachedStopLoss}) unless it must go alone. */
  private AttachedStopLoss.Prepared prepare(Market market, DetailedAccount before, OrderPlan plan, BookTop book,
                                            boolean alone, OrderPurpose purpose, long clientOrderIndex,
                                            long expiredAt) {
    Optional<StopLossPlan> stop = alone ? Optional.empty()
      : parts.attached().plan(market, plan, purpose, book, Position.in(before, market.marketId()));
    if (stop.isEmpty()) {
      return AttachedStopLoss.single(parts.session(), market, plan, purpose, clientOrderIndex, expiredAt);
    }
    if (stopOrderIndex == null) {
      stopOrderIndex = parts.orderIndexes().next();
    }
    long childExpiry = System.currentTimeMillis() + StopLossKeeper.STOP_LOSS_EXPIRY.toMillis();
    Optional<TakeProfitPlan> takeProfit = parts.attached().takeProfit().plan(market, plan, book, stop.get());
    if (takeProfit.isPresent()) {
      takeProfitOrderIndex = takeProfitOrderIndex == null ? parts.orderIndexes().next() : takeProfitOrderIndex;
      return AttachedTakeProfit.grouped(parts.session(), market, plan, clientOrderIndex, stop.get(), stopOrderIndex,
        takeProfit.get(), takeProfitOrderIndex, expiredAt, childExpiry);
    }
    return AttachedStopLoss.grouped(parts.session(), market, plan, clientOrderIndex, stop.get(), stopOrderIndex,
      expiredAt, childExpiry);
  }

  /**
   * The exchange refused the entry with its stop-loss attached, applying nothing of it: the entry goes alone now,
   * its stop-loss after the fill (the two-step path). Whether the exchange refused the group or the entry shows
   * when the entry alone is taken ({@link #groupRefusal}).
   */
  private Future<Void> sendAlone(Market market, DetailedAccount before, OrderPlan plan, BookTop book,
                                 AttachedStopLoss.Refusal refusal) {
    groupRefusal = refusal;
    log.warn("the exchange refused entry order {} with its stop-loss attached ({}: {}); sending it alone",
      entryOrderIndex, refusal.code(), refusal.reason());
    return send(market, before, plan, book, true);
  }

  /** The entry alone was taken where its group was refused: the market goes two-step from now on, noticed once. */
  private void rememberGroupRefusal(Market market) {
    if (groupRefusal != null && parts.attached().refused(market.marketId())) {
      log.warn("{} refuses entries with their stop-loss attached ({}: {}); entries there go in two steps",
        market.symbol(), groupRefusal.code(), groupRefusal.reason());
      report.publish(Notices.stopLossNotAttached(context, groupRefusal.code(), groupRefusal.reason()));
    }
  }

  private Future<Void> sent(Market market, OrderPlan plan, long clientOrderIndex, long expiredAt,
                            OrderSender.Sent sent) {
    SendOutcome outcome = sent.outcome();
    if (outcome instanceof SendOutcome.NonceConsumed) {
      log.warn("the nonce of entry order {} is used: its earlier transaction reached the exchange", clientOrderIndex);
      entry = EntryState.IN_DOUBT;
      return settle(market);
    }
    if (outcome instanceof SendOutcome.NotSent notSent) {
      return Future.failedFuture(new RetryableFailure(OrderSender.errorCode(notSent.error()),
        notSent.error().getMessage()));
    }
    if (outcome instanceof SendOutcome.Rejected rejected && !rejected.orderExists()) {
      String code = OrderSender.errorCode(rejected.error());
      return report.finish(new RequestReport.Outcome(RequestState.REJECTED, code, rejected.error().getMessage()),
        Notices.rejected(context, request.action(), code, rejected.error().getMessage()));
    }
    entryOrdinal = sent.ordinal();
    if (outcome instanceof SendOutcome.Unknown unknown) {
      entry = EntryState.IN_DOUBT;
      entryTx = new InDoubtTx(clientOrderIndex, unknown.nonce(), unknown.tx().txType(), unknown.tx().txHashHex(),
        unknown.tx().txInfo(), expiredAt);
      log.warn("no answer for entry order {} ({})", clientOrderIndex, unknown.error().getMessage());
      return settle(market);
    }
    entry = EntryState.ON_EXCHANGE;
    rememberGroupRefusal(market);
    if (outcome instanceof SendOutcome.Accepted accepted) {
      entryTx = new InDoubtTx(clientOrderIndex, accepted.nonce(), accepted.tx().txType(),
        accepted.tx().txHashHex(), accepted.tx().txInfo(), expiredAt);
      sentAtMillis = System.currentTimeMillis();
      parts.metrics().acceptedToSent(Duration.ofMillis(sentAtMillis - queued.acceptedAtMillis()));
      log.info("order {} accepted as tx {}", clientOrderIndex, accepted.tx().txHashHex());
    } else {
      log.info("order {} already exists on the exchange; following it", clientOrderIndex);
    }
    return confirm(market, plan);
  }

  /**
   * Follows the entry order to its final state, then records the fill and brings the stop-loss in line. An
   * order that does not show is settled by evidence; one that shows but does not finish leaves the request
   * unconfirmed, with the stop-loss following the account as REST reports it.
   */
  private Future<Void> confirm(Market market, OrderPlan plan) {
    return parts.watcher().await(entryOrderIndex, OrderWatcher::finished, parts.settings().fillTimeout()).compose(found -> {
      if (found.isPresent()) {
        return fill.filled(market, plan, found.get(), entrySoFar());
      }
      return parts.watcher().find(entryOrderIndex).recover(failure -> Future.succeededFuture(Optional.empty()))
        .compose(live -> live.isEmpty() && entryTx != null ? settleUnseen(market)
          : fill.unconfirmed(market, entrySoFar()));
    });
  }

  private Future<Void> settleUnseen(Market market) {
    log.warn("entry order {} does not show on the exchange; settling it", entryOrderIndex);
    entry = EntryState.IN_DOUBT;
    return settle(market);
  }

  private EntryFill.Entry entrySoFar() {
    return new EntryFill.Entry(entryOrderIndex, entryOrdinal, entryBefore, sentAtMillis, fillReported,
      new StopLossKeeper.Journaling(queued.requestId(), () -> nextOrdinal++));
  }
}
