package io.copytrader.account;

/**
 * A request the account has accepted and journaled, waiting for its turn.
 *
 * @param recovery set when the request was already executing when the service stopped
 */
public record QueuedRequest(String requestId, TradeRequest request, long acceptedAtMillis, Recovery recovery) {

  /**
   * What the journal knew of an interrupted request: its latest entry order's client order index and ordinal
   * (null and -1 when none was signed) and the next free order ordinal.
   */
  public record Recovery(Long entryClientOrderIndex, int entryOrdinal, int nextOrdinal) {
  }

  public static QueuedRequest fresh(String requestId, TradeRequest request, long acceptedAtMillis) {
    return new QueuedRequest(requestId, request, acceptedAtMillis, null);
  }
}
