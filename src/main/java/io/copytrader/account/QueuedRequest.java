package io.copytrader.account;

/**
 * A request the account has accepted and journaled, waiting for its turn.
 *
 * @param recovery set when the request was already executing when the service stopped
 * @param signalNanos {@link System#nanoTime()} when the signal reached the HTTP API, 0 when unknown (resumed
 *   from the journal); only for measuring the service's own time to the send
 */
public record QueuedRequest(String requestId, TradeRequest request, long acceptedAtMillis, Recovery recovery,
                            long signalNanos) {

  /**
   * What the journal knew of an interrupted request: its latest entry order's client order index and ordinal
   * (null and -1 when none was signed) and the next free order ordinal.
   */
  public record Recovery(Long entryClientOrderIndex, int entryOrdinal, int nextOrdinal) {
  }

  public static QueuedRequest fresh(String requestId, TradeRequest request, long acceptedAtMillis) {
    return fresh(requestId, request, acceptedAtMillis, 0);
  }

  public static QueuedRequest fresh(String requestId, TradeRequest request, long acceptedAtMillis,
                                    long signalNanos) {
    return new QueuedRequest(requestId, request, acceptedAtMillis, null, signalNanos);
  }
}
