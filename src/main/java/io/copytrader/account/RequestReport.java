package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.journal.JournalException;
import io.copytrader.journal.RequestState;
import io.copytrader.rails.RailOutcome;
import io.copytrader.notify.Notice;
import io.copytrader.notify.Notices;
import io.copytrader.notify.TradeContext;
import io.vertx.core.Future;
import java.time.Instant;

/** Records a request's final state in the journal and reports it once to operators. */
final class RequestReport {

  /** A request's final state, with the code and message of anything short of a clean fill. */
  record Outcome(RequestState state, String code, String message) {
  }

  private final ExecutionParts parts;
  private final QueuedRequest queued;
  private final RequestLog log;

  RequestReport(ExecutionParts parts, QueuedRequest queued, RequestLog log) {
    this.parts = parts;
    this.queued = queued;
    this.log = log;
  }

  /**
   * Reports the outcome once the journal has it: execution starts before the request's insert is committed,
   * and a request the journal turns out not to know was never accepted, so nothing may be said of it. A
   * journal that fails does not silence the report of what happened on the exchange, except when it refused
   * because this node lost the account (the request is then the new owner's to finish and to report) and when it
   * went out of reach: the end may have been recorded or not, so the notice waits in {@link HeldNotices} for the
   * journal's word rather than be said twice, once now and once by whoever ends the request after all.
   */
  Future<Void> finish(Outcome outcome, Notice notice) {
    return reported(record(outcome), notice);
  }

  /** Ends the request {@code refused} by the rail that refused it, with every verdict, and reports it once. */
  Future<Void> refuse(RailOutcome outcome, TradeContext context) {
    log.info("refused ({}: {})", outcome.errorCode(), outcome.refusal());
    TradeAction action = queued.request().action();
    parts.metrics().requestFinished(action.wireName(), RequestState.REFUSED.wire());
    int unnotified = parts.rails().refusalNotice(outcome.refusedBy(), Instant.now());
    Future<Boolean> refused = parts.journal().refuse(queued.requestId(), outcome).onSuccess(moved -> ended(moved,
      RequestState.REFUSED));
    return unnotified < 0 ? refused.mapEmpty() : reported(refused, Notices.refused(context, action,
      outcome.errorCode(), outcome.refusal(), unnotified));
  }

  private Future<Void> reported(Future<Boolean> recorded, Notice notice) {
    return recorded
      .onComplete(done -> {
        if (done.succeeded()) {
          if (done.result()) {
            publish(notice);
          }
        } else if (JournalException.outOfReach(done.cause())) {
          parts.heldNotices().hold(queued.requestId(), notice);
        } else if (!RetryableFailure.leaseLost(done.cause())) {
          publish(notice);
        }
      })
      .mapEmpty();
  }

  Future<Void> complete(Outcome outcome) {
    return record(outcome).mapEmpty();
  }

  Future<Boolean> record(Outcome outcome) {
    log.info("{}{}", outcome.state().wire(),
      outcome.code() == null ? "" : " (" + outcome.code() + ": " + outcome.message() + ")");
    parts.metrics().requestFinished(queued.request().action().wireName(), outcome.state().wire());
    return parts.journal().finish(queued.requestId(), outcome.state(), outcome.code(), outcome.message())
      .onSuccess(moved -> ended(moved, outcome.state()));
  }

  private void ended(boolean moved, RequestState state) {
    if (moved) {
      RequestEvents.publish(parts.vertx().eventBus(), queued.requestId(), queued.request().accountIndex(), state);
    }
  }

  void publish(Notice notice) {
    parts.vertx().eventBus().publish(Addresses.NOTIFY, notice.toJson());
  }
}
