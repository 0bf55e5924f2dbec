package io.copytrader.journal;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A request to journal before it is acknowledged. The body is kept in canonical form and fingerprinted,
 * so that a repeat with the same idempotency key can be told apart from a different request under a
 * reused key.
 *
 * @param body the normalized request body (any JSON object text; it is re-spelled canonically)
 * @param idempotencyKey the caller's key, or null when the request carries none
 * @param signalTimestamp when the signal was produced, epoch ms, or null
 * @param maxLagMs how long after {@code signalTimestamp} the request may still start, or null
 */
public record NewRequest(
  String requestId,
  long accountIndex,
  RequestKind kind,
  String body,
  String idempotencyKey,
  Long signalTimestamp,
  Long maxLagMs) {

  public NewRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(body, "body");
    if (requestId.isBlank()) {
      throw new IllegalArgumentException("requestId is blank");
    }
    if (idempotencyKey != null && idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey is blank");
    }
    body = CanonicalJson.normalize(body);
  }

  public static NewRequest of(String requestId, long accountIndex, RequestKind kind, JsonObject body,
                              String idempotencyKey, Long signalTimestamp, Long maxLagMs) {
    return new NewRequest(requestId, accountIndex, kind, CanonicalJson.normalize(body), idempotencyKey,
      signalTimestamp, maxLagMs);
  }

  public String fingerprint() {
    return CanonicalJson.fingerprint(body);
  }
}
