package io.copytrader.account;

/** A request the account has accepted and journaled, waiting for its turn. */
public record QueuedRequest(String requestId, TradeRequest request, long acceptedAtMillis) {
}
