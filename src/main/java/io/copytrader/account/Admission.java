package io.copytrader.account;

import io.copytrader.FailureCode;
import io.copytrader.ServiceFailure;
import io.copytrader.journal.JournalException;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestKind;
import io.copytrader.journal.RequestState;
import io.copytrader.lighter.TradingApi;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request's acceptance is made of, the same on the owner's path ({@link AccountVerticle}) and on a node that
 * does not own the account ({@link RemoteIntake}): its journal entry, the answer to a repeat of its
 * idempotency key and the open-position check of an adjustment.
 */
final class Admission {

  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  private Admission() {
  }

  /** The request as it is journaled, under a new request id. */
  static NewRequest entry(TradeRequest request, long accountIndex) {
    return NewRequest.of(RequestIds.next(System.currentTimeMillis()), accountIndex, kind(request), request.toJson(),
      request.clientRequestId(), request.signalTimestamp(), request.maxLagMs());
  }

  private static RequestKind kind(TradeRequest request) {
    if (request.target() != null) {
      return request.target().follow() != null ? RequestKind.FOLLOW : RequestKind.POSITION;
    }
    return request.action().isAdjust() ? RequestKind.ADJUST : RequestKind.TRADE;
  }

  /** A repeat is answered with its original's id and state; a different body under the same key is a conflict. */
  static void answerRepeat(Message<JsonObject> msg, TradeRequest request, String originalId,
                                  RequestState state, boolean sameBody) {
    if (!sameBody) {
      msg.fail(FailureCode.IDEMPOTENCY_CONFLICT.code(), "idempotency key " + request.clientRequestId()
        + " was used for a different request (" + originalId + ")");
      return;
    }
    msg.reply(new JsonObject().put("request_id", originalId).put("duplicate", true).put("state", state.wire()));
  }

  /** An adjustment needs a position to adjust; refuse it at intake rather than fail it in the background. */
  static Future<Void> positionCheck(TradingApi lighter, long accountIndex, TradeRequest request) {
    if (!request.action().isAdjust()) {
      return Future.succeededFuture();
    }
    return lighter.account(accountIndex).compose(details -> {
      boolean open = details.position(request.marketId()).map(row -> row.open()).orElse(false);
      return open ? Future.succeededFuture() : Future.failedFuture(new ServiceFailure(FailureCode.NO_POSITION,
        "no open position in " + request.symbol() + " to " + request.action().wireName()));
    });
  }

  /** A refusal with its own code as it is; anything else as the exchange or the journal being unavailable. */
  static void fail(Message<?> msg, Throwable failure) {
    if (failure instanceof ServiceFailure service) {
      msg.fail(service.code().code(), service.getMessage());
    } else {
      LOG.warn("Account request failed: {}", failure.toString());
      msg.fail(FailureCode.EXCHANGE_UNAVAILABLE.code(), JournalException.outOfReach(failure)
        ? "the journal is unavailable: retry shortly" : "Lighter or the journal is unavailable: retry shortly");
    }
  }
}
