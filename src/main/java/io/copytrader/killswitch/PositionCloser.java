package io.copytrader.killswitch;

import io.copytrader.account.AccountRequests;
import io.copytrader.Addresses;
import io.copytrader.account.TradeAction;
import io.copytrader.account.TradeRequest;
import io.copytrader.journal.Journal;
import io.copytrader.journal.RequestRecord;
import io.copytrader.journal.RequestState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.concurrent.TimeUnit;

/**
 * Closes one position for a flatten through the account's own queue, as a {@code close} request like any other
 * (reduce-only, journaled, retried, reported), and waits for its final state.
 *
 * <p>Its idempotency key is fixed by the flatten (when the kill switch was set to flatten), the market and a round:
 * a flatten repeated or resumed after a restart finds the close it already asked for instead of asking again. Only
 * when that close has ended and the position is still open does the next round ask for another, up to
 * {@value #MAX_ROUNDS} rounds per flatten.
 */
final class PositionCloser {

  static final int MAX_ROUNDS = 3;
  private static final long SUBMIT_TIMEOUT_MS = 10_000;
  private static final long POLL_MS = 250;
  /** Longer than a close's whole retry budget (README, "Guarantees": always final). */
  private static final long FINAL_TIMEOUT_MS = 10 * 60_000;

  /** How one close ended: a final state and its error code, or why it never got one. */
  record Outcome(OpenPosition position, String requestId, String state, String problem) {

    String describe() {
      return position.symbol() + ": " + (requestId == null ? "" : "request " + requestId + " ") + state
        + (problem == null ? "" : " (" + problem + ")");
    }
  }

  private final Vertx vertx;
  private final Journal journal;

  PositionCloser(Vertx vertx, Journal journal) {
    this.vertx = vertx;
    this.journal = journal;
  }

  /** @param flattenId when the flatten that closes it was set, epoch ms: it names the flatten in the keys */
  Future<Outcome> close(long accountIndex, OpenPosition position, long flattenId) {
    return close(accountIndex, position, flattenId, 1);
  }

  static String idempotencyKey(long flattenId, int marketId, int round) {
    return "flatten-" + flattenId + "-" + marketId + "-" + round;
  }

  private Future<Outcome> close(long accountIndex, OpenPosition position, long flattenId, int round) {
    TradeRequest request = new TradeRequest(accountIndex, position.marketId(), position.symbol(), TradeAction.CLOSE,
      null, null, idempotencyKey(flattenId, position.marketId(), round), null, null);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(SUBMIT_TIMEOUT_MS)
      .addHeader(Addresses.RECEIVED_NANOS, Long.toString(System.nanoTime()));
    return AccountRequests.submit(vertx.eventBus(), accountIndex, request.toJson(), options)
      .compose(reply -> {
        String requestId = reply.body().getString("request_id");
        boolean earlier = reply.body().getBoolean("duplicate", false);
        if (earlier && RequestState.fromWire(reply.body().getString("state")).isFinal() && round < MAX_ROUNDS) {
          return close(accountIndex, position, flattenId, round + 1);
        }
        return awaitFinal(position, requestId, System.currentTimeMillis() + FINAL_TIMEOUT_MS);
      }, failure -> Future.succeededFuture(new Outcome(position, null, "not accepted", failure.getMessage())));
  }

  private Future<Outcome> awaitFinal(OpenPosition position, String requestId, long deadline) {
    return journal.getRequest(requestId).compose(found -> {
      RequestRecord record = found.orElseThrow().request();
      if (record.state().isFinal()) {
        return Future.succeededFuture(new Outcome(position, requestId, record.state().wire(), record.errorCode()));
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.succeededFuture(new Outcome(position, requestId, record.state().wire(),
          "not final after " + FINAL_TIMEOUT_MS / 60_000 + " min"));
      }
      return vertx.timer(POLL_MS, TimeUnit.MILLISECONDS).compose(tick -> awaitFinal(position, requestId, deadline));
    });
  }
}
