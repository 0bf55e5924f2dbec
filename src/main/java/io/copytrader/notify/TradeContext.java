package io.copytrader.notify;

import java.util.Objects;

/**
 * What a trade executor knows about the request a notice is about. The market may be unknown when a
 * request is rejected before its symbol resolves, so {@code marketId} and {@code symbol} are nullable.
 *
 * @param requestId the service's request id, shown so an operator can find the request in the journal
 * @param accountName the configured account name, or null when the account has none
 */
public record TradeContext(String requestId, long accountIndex, String accountName, Integer marketId,
                           String symbol) {

  public TradeContext {
    Objects.requireNonNull(requestId, "requestId");
  }

  /** A context for a request whose market is known. */
  public static TradeContext of(String requestId, long accountIndex, String accountName, int marketId,
                                String symbol) {
    return new TradeContext(requestId, accountIndex, accountName, marketId, symbol);
  }
}
