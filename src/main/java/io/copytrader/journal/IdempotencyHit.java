package io.copytrader.journal;

/** The request an idempotency key names within its window: its id, current state and body fingerprint. */
public record IdempotencyHit(String requestId, RequestState state, String fingerprint) {
}
