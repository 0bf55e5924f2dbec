package io.copytrader.account;

import io.copytrader.journal.OrderRecord;
import io.copytrader.notify.Fanout;

/**
 * A request the account has accepted and journaled, waiting for its turn.
 *
 * @param recovery set when the request was already executing when the service stopped
 * @param signalNanos {@link System#nanoTime()} when the signal reached the HTTP API, 0 when unknown (resumed
 *   from the journal); only for measuring the service's own time to the send
 * @param fanout the signal this request is one of several of, for its notices; null when it stands alone or was
 *   resumed from the journal (the submit's headers carry it, the journal does not)
 * @param started the journal took it in already executing, its first attempt counted (the account had nothing
 *   else to run), so nothing is left to mark before it runs
 */
public record QueuedRequest(String requestId, TradeRequest request, long acceptedAtMillis, Recovery recovery,
                            long signalNanos, Fanout fanout, boolean started) {

  /**
   * What the journal knew of an interrupted request: the entry transaction that decides where its entry stands
   * ({@link EntryState#decisive}; null when none may have reached the exchange) and the next free order ordinal.
   */
  public record Recovery(OrderRecord entry, int nextOrdinal) {
  }

  public static QueuedRequest fresh(String requestId, TradeRequest request, long acceptedAtMillis) {
    return fresh(requestId, request, acceptedAtMillis, 0);
  }

  public static QueuedRequest fresh(String requestId, TradeRequest request, long acceptedAtMillis,
                                    long signalNanos) {
    return new QueuedRequest(requestId, request, acceptedAtMillis, null, signalNanos, null, false);
  }

  /** A request that was executing when the service stopped, as the journal tells it. */
  public static QueuedRequest resumed(String requestId, TradeRequest request, long acceptedAtMillis,
                                      Recovery recovery) {
    return new QueuedRequest(requestId, request, acceptedAtMillis, recovery, 0, null, false);
  }

  /** The same request as one of {@code signal}'s (null: standing alone). */
  public QueuedRequest inFanout(Fanout signal) {
    return new QueuedRequest(requestId, request, acceptedAtMillis, recovery, signalNanos, signal, started);
  }

  /** The same request, which the journal took in already executing. */
  public QueuedRequest startedAtIntake() {
    return new QueuedRequest(requestId, request, acceptedAtMillis, recovery, signalNanos, fanout, true);
  }
}
