package io.copytrader.notify;

import java.util.Objects;

/**
 * What a trade executor knows about the request a notice is about. The market may be unknown when a
 * request is rejected before its symbol resolves, so {@code marketId} and {@code symbol} are nullable.
 *
 * @param requestId the service's request id, shown so an operator can find the request in the journal
 * @param accountName the configured account name, or null when the account has none
 * @param fanout the signal the request is one of several of, or null when it stands alone
 */
public record TradeContext(String requestId, long accountIndex, String accountName, Integer marketId,
                           String symbol, Fanout fanout) {

  public TradeContext {
    Objects.requireNonNull(requestId, "requestId");
  }

  /** A request standing alone. */
  public TradeContext(String requestId, long accountIndex, String accountName, Integer marketId, String symbol) {
    this(requestId, accountIndex, accountName, marketId, symbol, null);
  }

  /** A context for a request whose market is known. */
  public static TradeContext of(String requestId, long accountIndex, String accountName, int marketId,
                                String symbol) {
    return new TradeContext(requestId, accountIndex, accountName, marketId, symbol);
  }

  /** The same request as one of {@code signal}'s (null: standing alone). */
  public TradeContext inFanout(Fanout signal) {
    return new TradeContext(requestId, accountIndex, accountName, marketId, symbol, signal);
  }
}
