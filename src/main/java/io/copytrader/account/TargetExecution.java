package io.copytrader.account;

import io.copytrader.journal.OrderPurpose;
import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.RequestDetail;
import io.copytrader.journal.RequestState;
import io.copytrader.journal.StepOutcome;
import io.copytrader.journal.TargetJournal;
import io.copytrader.journal.TargetRecord;
import io.copytrader.journal.TargetStepRecord;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.rails.TradeIntent;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target position request (README "Target positions") from start to final state: plans the steps from the
 * account's position to the target ({@link TargetPlanner}), journals the plan, and trades each step through a
 * {@link TargetOrder}: exits straight, entries only past the age limit, the no-chase check, the market's opening
 * refusal and the rails ({@link RailGate}). A step that does not end wholly filled ends the request. An order whose
 * outcome is unknown is settled before anything else is planned; an attempt after a retryable failure or a restart
 * plans again from the position the exchange shows, toward the target the first plan fixed, so the account moves
 * to the target once however often it is interrupted. {@link TargetOutcome} ends the request. Runs on the account's
 * context only.
 */
final class TargetExecution {

  private static final Logger LOG = LoggerFactory.getLogger(TargetExecution.class);
  /** How many seconds the market is waited for while an order of the request may be on the exchange. */
  private static final int MARKET_WAITS = 30;

  private final ExecutionParts parts;
  private final QueuedRequest queued;
  private final TargetPosition target;
  private final RequestLog log;
  private final TargetJournal targets;
  private final TargetOutcome outcome;
  private int nextOrdinal;
  private int nextStep;
  /** The target in base units and the position the request started from, as the first plan fixed them. */
  private BigDecimal targetBase;
  private BigDecimal positionBefore;
  /** The order that may be on the exchange: an attempt settles or follows it before planning anything. */
  private TargetOrder inFlight;
  private TargetStepRecord inFlightStep;
  /** Steps journaled as planned or sent that no order settled yet: a new plan supersedes them. */
  private final List<TargetStepRecord> open = new ArrayList<>();
  private Future<Boolean> started = Future.succeededFuture(true);
  private boolean signalTimed;

  TargetExecution(ExecutionParts parts, QueuedRequest queued) {
    this.parts = parts;
    this.queued = queued;
    this.target = queued.request().target();
    this.log = new RequestLog(LOG, parts.account().accountIndex(), queued.requestId());
    this.targets = new TargetJournal(parts.journal());
    this.outcome = new TargetOutcome(parts, queued, log, targets, () -> nextOrdinal++, open);
  }

  Future<Void> run() {
    if (queued.recovery() != null) {
      nextOrdinal = queued.recovery().nextOrdinal();
      return Future.all(targets.find(queued.requestId()), parts.journal().getRequest(queued.requestId()))
        .compose(read -> recover(read.resultAt(0), read.resultAt(1)));
    }
    started = RequestEvents.executing(parts, queued);
    log.info("executing position {} toward {}", queued.request().symbol(), describe(target));
    return attempt();
  }

  private static String describe(TargetPosition target) {
    return target.ratio() != null ? "ratio " + target.ratio().toPlainString()
      : "base " + target.base().toPlainString();
  }

  /**
   * Takes up a request a stop interrupted: its first plan, the steps that filled, and the last order it signed,
   * which is settled by evidence before anything else is sent when it may have reached the exchange.
   */
  private Future<Void> recover(Optional<TargetRecord> record, Optional<RequestDetail> detail) {
    record.ifPresent(plan -> {
      targetBase = plan.targetBase();
      positionBefore = plan.positionBefore();
      outcome.startedFrom(positionBefore);
      nextStep = plan.steps().size();
      plan.steps().forEach(step -> {
        if (step.outcome() == StepOutcome.FILLED || step.outcome() == StepOutcome.PARTIALLY_FILLED) {
          outcome.traded(step.kind() + " " + step.base().toPlainString());
        } else if (step.outcome() == StepOutcome.PLANNED || step.outcome() == StepOutcome.SENT) {
          open.add(step);
        }
      });
    });
    List<OrderRecord> entries = detail.map(RequestDetail::orders).orElse(List.of()).stream()
      .filter(row -> row.order().purpose().isEntry()).toList();
    Optional<Long> lastIndex = entries.stream().max(Comparator.comparingInt(row -> row.order().ordinal()))
      .map(row -> row.order().clientOrderIndex());
    Map<Long, List<OrderRecord>> byIndex = entries.stream()
      .collect(Collectors.groupingBy(row -> row.order().clientOrderIndex()));
    lastIndex.flatMap(index -> EntryState.decisive(byIndex.get(index)))
      .filter(row -> EntryState.of(row) == EntryState.IN_DOUBT)
      .ifPresent(row -> {
        inFlight = TargetOrder.recovered(parts, queued, log, () -> nextOrdinal++, row);
        inFlightStep = open.stream().filter(step -> Long.valueOf(row.order().clientOrderIndex())
          .equals(step.clientOrderIndex())).findFirst().orElse(null);
        open.remove(inFlightStep);
      });
    log.info("was interrupted; {}", inFlight == null ? "no order in doubt"
      : "order " + inFlight.clientOrderIndex() + " is settled first");
    return attempt();
  }

  /** True when the journal refused to start the request: it ran before, so nothing was or may be sent. */
  private boolean refusedToStart() {
    return started.isComplete() && started.succeeded() && !started.result();
  }

  private Future<Void> attempt() {
    return parts.retries().<Void>run(number -> {
        Future<?> counted = number == 1 && queued.recovery() == null ? Future.succeededFuture()
          : parts.journal().recordAttempt(queued.requestId());
        return counted.compose(recorded -> once(number > 1 || queued.recovery() != null));
      },
      failure -> failure instanceof RetryableFailure && !refusedToStart(),
      (number, failure) -> {
        log.warn("attempt {}/{} failed ({}: {}); retrying in {} s", number, parts.settings().attempts(),
          RetryableFailure.codeOf(failure), failure.getMessage(), parts.settings().retryInterval().toSeconds());
        dropUnsent(failure);
      })
      .recover(this::gaveUp);
  }

  /** Every attempt failed: an order that may be on the exchange leaves the outcome unknown. */
  private Future<Void> gaveUp(Throwable gaveUp) {
    Throwable failure = gaveUp.getCause();
    String code = RetryableFailure.codeOf(failure);
    if (RetryableFailure.leaseLost(failure)) {
      log.warn("stopped: this node lost the account's lease; its new owner resumes the request");
      return Future.succeededFuture();
    }
    if (refusedToStart()) {
      log.warn("no longer queued; not executing it again (nothing was sent)");
      return Future.succeededFuture();
    }
    if (RequestExecution.journalInterrupted(started, failure)) {
      return Future.failedFuture(failure);
    }
    if (OutcomeCode.INTERNAL.name().equals(code)) {
      log.error("failed unexpectedly", failure);
    }
    if (inFlight != null && inFlight.mayBeOnExchange()) {
      String problem = "order " + inFlight.clientOrderIndex() + " may have executed; " + code + ": "
        + failure.getMessage();
      return outcome.stop(inFlightStep, new TargetOutcome.Stop(StepOutcome.UNKNOWN, RequestState.FAILED,
        OutcomeCode.OUTCOME_UNKNOWN.name(), problem), Optional.empty());
    }
    dropUnsent(failure);
    return outcome.gaveUp(((Retries.GaveUp) gaveUp).attempts(), code, failure.getMessage());
  }

  /** An order the failure left unsent is not the step's any more: the next plan makes its own. */
  private void dropUnsent(Throwable failure) {
    if (inFlight == null || !inFlight.mayBeOnExchange()) {
      if (inFlightStep != null) {
        outcome.step(inFlightStep.with(inFlightStep.clientOrderIndex(), StepOutcome.REJECTED,
          RetryableFailure.codeOf(failure) + ": " + failure.getMessage()));
      }
      inFlight = null;
      inFlightStep = null;
    }
  }

  /** One attempt: settle or follow the order that may be on the exchange, then plan from the position and trade. */
  private Future<Void> once(boolean fromRest) {
    boolean resuming = inFlight != null && inFlight.mayBeOnExchange();
    int marketId = queued.request().marketId();
    Future<Market> market = resuming ? parts.marketWhileOrderOut(marketId, MARKET_WAITS) : parts.market(marketId);
    return market.compose(known -> {
      outcome.market(known);
      if (!resuming) {
        return plan(known, fromRest);
      }
      return inFlight.resume(known)
        .compose(result -> ended(known, inFlightStep, null, result))
        .compose(after -> after.isPresent() ? plan(known, true) : Future.succeededFuture());
    });
  }

  private Future<Void> plan(Market market, boolean fromRest) {
    Future<BookTop> book = parts.bookTop(market);
    Future<DetailedAccount> account = fromRest ? parts.readAccount() : parts.view()
      .account(parts.account().accountIndex()).recover(failure -> Future.failedFuture(RetryableFailure.of(failure)));
    return Future.all(book, account).compose(read -> mid(market, book.result())).compose(mid -> {
      BigDecimal current = account.result().position(market.marketId()).map(AccountPosition::signedPosition)
        .orElse(BigDecimal.ZERO);
      if (targetBase == null) {
        targetBase = TargetPlanner.targetBase(target, market, account.result().totalAssetValue(),
          parts.settings().trading().scalingFactor(), mid);
        positionBefore = current;
        targets.recordPlan(queued.requestId(), targetBase, current, mid).onFailure(failure -> log.warn(
          "the plan was not journaled: {}", failure.toString()));
      }
      outcome.startedFrom(positionBefore);
      TargetPlan plan = TargetPlanner.plan(current, targetBase, market, mid);
      log.info("position {} {}, target {}: {}", current.toPlainString(), market.symbol(), targetBase.toPlainString(),
        plan.noChange() ? "nothing to do" : plan.steps().size() + " step(s)");
      open.forEach(stale -> outcome.step(stale.with(stale.clientOrderIndex(), StepOutcome.NOT_REACHED,
        "planned again from the position the exchange shows")));
      open.clear();
      if (plan.noChange()) {
        return outcome.end(Optional.of(account.result()), RequestState.COMPLETED, null, "position already at the target "
          + targetBase.toPlainString() + " " + market.symbol());
      }
      for (TargetStep step : plan.steps()) {
        TargetStepRecord record = new TargetStepRecord(nextStep++, step.kind().wire(), step.side(), step.base(), null,
          StepOutcome.PLANNED, null);
        open.add(record);
        outcome.step(record);
      }
      return steps(market, plan.steps(), 0, account.result());
    });
  }

  /** Trades the steps from {@code index} on, {@code before} being the account read before the step. */
  private Future<Void> steps(Market market, List<TargetStep> steps, int index, DetailedAccount before) {
    if (index == steps.size()) {
      return outcome.end(Optional.of(before), RequestState.FILLED, null, null);
    }
    TargetStep step = steps.get(index);
    TargetStepRecord record = open.remove(0);
    if (!step.sendable()) {
      log.info("{} of {} {} skipped: {}", step.kind().wire(), step.base().toPlainString(), market.symbol(),
        step.skipped());
      outcome.step(record.with(null, StepOutcome.SKIPPED, step.skipped()));
      outcome.skipped(step.kind().wire() + " of " + step.base().toPlainString() + " skipped: " + step.skipped());
      return steps(market, steps, index + 1, before);
    }
    return parts.bookTop(market).compose(book -> mid(market, book).compose(mid -> {
      Optional<TargetOutcome.Stop> stop = entryStop(market, step, book);
      if (stop.isPresent()) {
        return outcome.stop(record, stop.get(), Optional.of(before));
      }
      SizingResult sized = parts.sizer().order(market, step.side(), step.base(), book, mid, step.reduceOnly(),
        step.kind() == TargetStep.Kind.CLOSE);
      if (sized instanceof Rejection rejection) {
        return outcome.stop(record, new TargetOutcome.Stop(StepOutcome.REJECTED, RequestState.REJECTED,
          rejection.code().name(), rejection.message()), Optional.of(before));
      }
      OrderPlan plan = (OrderPlan) sized;
      Supplier<Future<Void>> checkAndSend = () -> parts.rails().check(queued, market, before, plan, intent(step.kind()))
        .compose(checked -> checked.refused() ? outcome.refused(record, checked, before)
          : send(market, record, RailGate.sized(market, plan, checked.size()), step, before)
            .compose(after -> after.isPresent() ? steps(market, steps, index + 1, after.get())
              : Future.succeededFuture()));
      return step.kind().addsExposure() ? withLeverage(market, record, before, checkAndSend) : checkAndSend.get();
    }));
  }

  /**
   * Runs an entry step once the market's leverage is the configured one ({@link LeverageKeeper#ahead}). A leverage
   * the keeper refuses ends the request there ({@code LEVERAGE_REFUSED}); what this request traded before keeps its
   * stop-loss in line.
   */
  private Future<Void> withLeverage(Market market, TargetStepRecord record, DetailedAccount before,
                                    Supplier<Future<Void>> entry) {
    boolean[] entered = {false};
    return parts.leverage().ahead(queued, market, outcome.report(), outcome.context(), () -> {
      entered[0] = true;
      return entry.get();
    }).compose(done -> entered[0] ? Future.succeededFuture() : outcome.leverageRefused(record, before));
  }

  /** The book's mid; a book with no bid and no ask is worth another attempt. */
  private static Future<BigDecimal> mid(Market market, BookTop book) {
    return book.mid().map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(new RetryableFailure(
      RejectionCode.NO_PRICE.name(), "the " + market.symbol() + " order book has no bid and no ask")));
  }

  /** Why an entry may not be sent now: too late, chasing the leader, or a market that takes only exits. */
  private Optional<TargetOutcome.Stop> entryStop(Market market, TargetStep step, BookTop book) {
    if (!step.kind().addsExposure()) {
      return Optional.empty();
    }
    Optional<Duration> late = parts.settings().lateness(queued, System.currentTimeMillis());
    if (late.isPresent()) {
      return Optional.of(new TargetOutcome.Stop(StepOutcome.EXPIRED, RequestState.EXPIRED,
        OutcomeCode.SIGNAL_EXPIRED.name(), "waited " + late.get().toMillis() + " ms, longer than allowed; the "
        + step.kind().wire() + " was not sent"));
    }
    Optional<String> chase = TargetPlanner.chase(target.follow(), step.side(), book);
    if (chase.isPresent()) {
      return Optional.of(new TargetOutcome.Stop(StepOutcome.NO_CHASE, RequestState.REJECTED,
        TargetOutcome.NO_CHASE, chase.get()));
    }
    return market.access().openingRefusal().map(closed -> new TargetOutcome.Stop(StepOutcome.REJECTED,
      RequestState.REJECTED, RejectionCode.MARKET_REDUCE_ONLY.name(), "market " + market.symbol() + " " + closed
      + "; it takes only exits now"));
  }

  private static TradeIntent intent(TargetStep.Kind kind) {
    return switch (kind) {
      case OPEN -> TradeIntent.OPEN;
      case INCREASE -> TradeIntent.INCREASE;
      case DECREASE -> TradeIntent.DECREASE;
      case CLOSE -> TradeIntent.CLOSE;
    };
  }

  private Future<Optional<DetailedAccount>> send(Market market, TargetStepRecord record, OrderPlan plan,
                                                 TargetStep step, DetailedAccount before) {
    long clientOrderIndex = parts.orderIndexes().next();
    inFlight = new TargetOrder(parts, queued, log, () -> nextOrdinal++, clientOrderIndex);
    inFlightStep = record.with(clientOrderIndex, StepOutcome.SENT, null);
    outcome.step(inFlightStep);
    OrderPurpose purpose = step.kind() == TargetStep.Kind.CLOSE ? OrderPurpose.CLOSE
      : step.reduceOnly() ? OrderPurpose.REDUCE : OrderPurpose.ENTRY;
    // The service's own time from the signal ends at the request's first order; a flip's open is not counted again.
    boolean first = !signalTimed;
    signalTimed = true;
    return inFlight.send(market, plan, purpose, () -> {
        if (first && queued.signalNanos() != 0) {
          parts.metrics().signalToSend(queued.request().clientRequestId(), parts.account().accountIndex(),
            System.nanoTime() - queued.signalNanos());
        }
      })
      .compose(result -> ended(market, inFlightStep, before, result));
  }

  /**
   * What an order's end means for the request: a whole fill lets it go on with the account as it now is; anything
   * else ends it. {@code before} is null for an order a restart or an earlier attempt left.
   */
  private Future<Optional<DetailedAccount>> ended(Market market, TargetStepRecord record, DetailedAccount before,
                                                  TargetOrder.Result result) {
    TargetOrder order = inFlight;
    inFlight = null;
    inFlightStep = null;
    if (result instanceof TargetOrder.Ended ended) {
      StepOutcome stepOutcome = OutcomeCode.NOT_FILLED.name().equals(ended.code()) ? StepOutcome.NOT_FILLED
        : ended.state() == RequestState.FAILED ? StepOutcome.UNKNOWN : StepOutcome.REJECTED;
      return outcome.stop(record, new TargetOutcome.Stop(stepOutcome, ended.state(), ended.code(), ended.message()),
        Optional.empty()).map(done -> Optional.empty());
    }
    TargetOrder.Filled filled = (TargetOrder.Filled) result;
    // A copied leader change is announced once for all its followers (LeaderNotices.copied), not once per fill;
    // what went wrong for one follower is still notified by the request's end.
    return outcome.filled(market, record, before, filled, order.fillNew() && target.follow() == null)
      .compose(after -> filled.complete() ? Future.succeededFuture(Optional.of(after))
        : outcome.end(Optional.of(after), RequestState.PARTIALLY_FILLED, OutcomeCode.PARTIALLY_FILLED.name(),
          "filled " + filled.filled().toPlainString() + " of " + (record == null ? "the order"
            : record.base().toPlainString()) + " (" + filled.order().status() + ")").map(done -> Optional.empty()));
  }
}
