package io.copytrader.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * While a stop-loss change whose answer was lost (a 5xx, a dropped connection) is waited for on the exchange, sends
 * the very bytes of its transaction again, each {@link #EVERY_MS}, until the change shows, the exchange says it has
 * the transaction (queued now, or its nonce used) or the transaction's deadline passes. The exchange applies a nonce
 * once, so a copy can only get a transaction there that never arrived, never apply it twice; without copies, a
 * change refused before it was taken waited the whole watch (15 s) before it was tried again, its position's
 * stop-loss still the old one meanwhile. Used from the account's context only.
 */
final class LostAnswerCopies {

  static final long EVERY_MS = 1_000;

  private final Vertx vertx;
  private final ExchangeSession session;

  LostAnswerCopies(Vertx vertx, ExchangeSession session) {
    this.vertx = vertx;
    this.session = session;
  }

  /** {@code waiting}, with copies of {@code lost} sent meanwhile; {@code waiting} alone when nothing was lost. */
  <T> Future<T> during(Optional<InDoubtTx> lost, Future<T> waiting) {
    lost.ifPresent(tx -> copyLater(tx, waiting));
    return waiting;
  }

  /** One copy after {@link #EVERY_MS}, and the next one after its answer, while nothing says it is there. */
  private void copyLater(InDoubtTx tx, Future<?> waiting) {
    vertx.setTimer(EVERY_MS, id -> {
      if (waiting.isComplete() || System.currentTimeMillis() >= tx.expiredAtMillis()) {
        return;
      }
      session.rebroadcast(tx).onComplete(copy -> {
        if (copy.succeeded() && copy.result() == ExchangeSession.Rebroadcast.NO_EVIDENCE) {
          copyLater(tx, waiting);
        }
      });
    });
  }
}
