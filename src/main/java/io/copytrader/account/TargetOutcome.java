package io.copytrader.account;

import io.copytrader.journal.RequestState;
import io.copytrader.journal.StepOutcome;
import io.copytrader.journal.TargetJournal;
import io.copytrader.journal.TargetStepRecord;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.market.Market;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.notify.TradeContext;
import io.copytrader.rails.RailOutcome;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * What a target position request did, step by step, and how it ends: each step's outcome journaled, each fill
 * notified, the stop-loss brought in line with the position the request left (when it traded), and one final state.
 * A request that traded and then stopped (a flip whose open a rail refused) ends {@code partially_filled} with the
 * stopping code; one that had nothing to trade ends {@code completed}. Runs on the account's context only.
 */
final class TargetOutcome {

  /** An entry that would add exposure at a price worse than the leader's entry by more than the tolerance. */
  static final String NO_CHASE = "NO_CHASE";

  private static final Set<RequestState> NOT_TRADED = Set.of(RequestState.REJECTED, RequestState.REFUSED,
    RequestState.EXPIRED, RequestState.COMPLETED);

  /**
   * Why the request stops at a step.
   *
   * @param state the request's final state when nothing was traded before
   */
  record Stop(StepOutcome step, RequestState state, String code, String message) {
  }

  private final ExecutionParts parts;
  private final QueuedRequest queued;
  private final RequestLog log;
  private final TargetJournal targets;
  private final IntSupplier ordinals;
  private final RequestReport report;
  private final List<TargetStepRecord> open;
  private final List<String> traded = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private TradeContext context;
  private Market market;
  private BigDecimal positionBefore = BigDecimal.ZERO;

  /** @param open the steps planned and not reached yet, which the end marks not reached */
  TargetOutcome(ExecutionParts parts, QueuedRequest queued, RequestLog log, TargetJournal targets,
                IntSupplier ordinals, List<TargetStepRecord> open) {
    this.parts = parts;
    this.queued = queued;
    this.log = log;
    this.targets = targets;
    this.ordinals = ordinals;
    this.open = open;
    this.report = new RequestReport(parts, queued, log);
    TradeRequest request = queued.request();
    this.context = new TradeContext(queued.requestId(), parts.account().accountIndex(), parts.account().name(),
      request.marketId(), request.symbol(), queued.fanout());
  }

  void market(Market known) {
    market = known;
    context = TradeContext.of(queued.requestId(), parts.account().accountIndex(), parts.account().name(),
      known.marketId(), known.symbol()).inFanout(queued.fanout());
  }

  void startedFrom(BigDecimal signedPosition) {
    positionBefore = signedPosition;
  }

  /** A step that filled before this run (a restart): the request has traded. */
  void traded(String what) {
    traded.add(what);
  }

  void skipped(String what) {
    skipped.add(what);
  }

  /** Journals the step as it now stands; the journal writes in order, so it lands before the request's end. */
  void step(TargetStepRecord step) {
    if (step != null) {
      targets.recordStep(queued.requestId(), step).onFailure(failure -> log.warn("step {} was not journaled: {}",
        step.step(), failure.toString()));
    }
  }

  /** The step's order filled: journals and notifies it, and answers the account holding the fill. */
  Future<DetailedAccount> filled(Market traded, TargetStepRecord record, DetailedAccount before,
                                 TargetOrder.Filled fill, boolean notify) {
    Future<DetailedAccount> after = before != null
      ? parts.accountAfter(traded, before, fill.order(), fill.filled()) : parts.readAccount();
    return after.map(now -> {
      parts.view().settled(now);
      if (notify) {
        report.publish(before != null
          ? FillNotices.of(context, fill.order(), fill.filled(), fill.averagePrice(),
            before.position(traded.marketId()), now.position(traded.marketId()))
          : FillNotices.afterTheFact(context, fill.order(), fill.filled(), fill.averagePrice(),
            now.position(traded.marketId())));
      }
      String what = (record == null ? "order" : record.kind()) + " " + fill.filled().toPlainString() + " at "
        + fill.averagePrice().toPlainString();
      this.traded.add(what);
      if (record != null) {
        step(record.with(record.clientOrderIndex(), fill.complete() ? StepOutcome.FILLED
          : StepOutcome.PARTIALLY_FILLED, fill.complete() ? null : "filled " + fill.filled().toPlainString()));
      }
      return now;
    });
  }

  /** The request stops at {@code record}'s step for {@code stop}'s reason. */
  Future<Void> stop(TargetStepRecord record, Stop stop, Optional<DetailedAccount> now) {
    if (record != null) {
      step(record.with(record.clientOrderIndex(), stop.step(), stop.message()));
    }
    return end(now, stop.state(), stop.code(), stop.message());
  }

  /**
   * A rail refused the step's order. With nothing traded, the request ends {@code refused} as any refused request
   * does; after a step that traded, it ends {@code partially_filled}, the verdicts journaled all the same.
   */
  Future<Void> refused(TargetStepRecord record, RailOutcome refusal, DetailedAccount before) {
    step(record.with(null, StepOutcome.REFUSED, refusal.errorCode() + ": " + refusal.refusal()));
    if (traded.isEmpty()) {
      notReached();
      return report.refuse(refusal, context);
    }
    return parts.journal().recordRailVerdicts(queued.requestId(), refusal.verdicts())
      .compose(recorded -> end(Optional.of(before), RequestState.REFUSED, refusal.errorCode(), record.kind()
        + " refused: " + refusal.refusal()));
  }

  RequestReport report() {
    return report;
  }

  TradeContext context() {
    return context;
  }

  /**
   * The market's leverage could not be set for the step, and the leverage keeper ended the request
   * ({@code LEVERAGE_REFUSED}): the step is journaled as rejected and the stop-loss follows what was traded before.
   */
  Future<Void> leverageRefused(TargetStepRecord record, DetailedAccount before) {
    step(record.with(null, StepOutcome.REJECTED, "LEVERAGE_REFUSED: the market's leverage could not be set"));
    notReached();
    return protect(Optional.of(before), !traded.isEmpty()).mapEmpty();
  }

  /** Every attempt failed; nothing of the last one is on the exchange. */
  Future<Void> gaveUp(int attempts, String code, String message) {
    return end(Optional.empty(), RequestState.FAILED, code, message, Notices.failedAfterRetries(context,
      TradeAction.POSITION, attempts, code + ": " + message));
  }

  /**
   * Ends the request in {@code state} (the state had nothing been traded), with the stop-loss in line with the
   * position it leaves when it traded or may have; {@code now} is the account as last read, when it holds that.
   */
  Future<Void> end(Optional<DetailedAccount> now, RequestState state, String code, String message) {
    return end(now, state, code, message, notice(state, code, message));
  }

  private Future<Void> end(Optional<DetailedAccount> now, RequestState state, String code, String message,
                           Notice notice) {
    notReached();
    RequestState finalState = state;
    String finalCode = code;
    String finalMessage = message;
    if (!traded.isEmpty() && NOT_TRADED.contains(state)) {
      finalState = state == RequestState.COMPLETED ? RequestState.FILLED : RequestState.PARTIALLY_FILLED;
    }
    if (traded.isEmpty() && state == RequestState.FILLED) {
      // Every step was below the market's minimum: the account is as near the target as an order can take it.
      finalState = RequestState.COMPLETED;
    }
    if (!skipped.isEmpty() && finalCode == null) {
      finalCode = RejectionCode.SIZE_BELOW_MINIMUM.name();
      finalMessage = String.join("; ", skipped);
    }
    if (!traded.isEmpty()) {
      finalMessage = "traded " + String.join(", ", traded) + (finalMessage == null ? "" : "; " + finalMessage);
    }
    boolean mayHaveTraded = !traded.isEmpty() || state == RequestState.FAILED
      && (OutcomeCode.FILL_UNCONFIRMED.name().equals(code) || OutcomeCode.OUTCOME_UNKNOWN.name().equals(code));
    RequestState ending = finalState;
    String endingCode = finalCode;
    String endingMessage = finalMessage;
    return protect(now, mayHaveTraded).compose(problem -> {
      RequestReport.Outcome outcome = problem.isEmpty()
        ? new RequestReport.Outcome(ending, endingCode, endingMessage)
        : new RequestReport.Outcome(ending, OutcomeCode.STOP_LOSS_FAILED.name(),
          (endingMessage == null ? "" : endingMessage + "; ") + problem.get());
      return notice == null ? report.complete(outcome) : report.finish(outcome, notice);
    });
  }

  private void notReached() {
    open.forEach(pending -> step(pending.with(null, StepOutcome.NOT_REACHED, "an earlier step did not end filled")));
    open.clear();
  }

  /** The stop-loss in line with the position the request leaves, from the position it started from. */
  private Future<Optional<String>> protect(Optional<DetailedAccount> now, boolean mayHaveTraded) {
    if (!mayHaveTraded || market == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Future<DetailedAccount> read = now.map(Future::succeededFuture).orElseGet(parts::readAccount);
    return read.compose(after -> {
        Optional<Position> held = Position.in(after, market.marketId());
        return new TakeProfitKeeper(parts).align(context, new StopLossKeeper.Journaling(queued.requestId(), ordinals), market,
          Position.before(held, positionBefore), held);
      })
      .recover(failure -> Future.succeededFuture(Optional.of(failure.getMessage())));
  }

  /** Operators hear of a request that did not do what it asked; fills were notified as they came. */
  private Notice notice(RequestState state, String code, String message) {
    if (state == RequestState.FAILED) {
      return Notices.outcomeUnknown(context, TradeAction.POSITION, message);
    }
    if (state == RequestState.EXPIRED) {
      return Notices.expired(context, TradeAction.POSITION, null);
    }
    if (state == RequestState.REJECTED && !NO_CHASE.equals(code) || state == RequestState.REFUSED) {
      return Notices.rejected(context, TradeAction.POSITION, code, message);
    }
    return null;
  }
}
