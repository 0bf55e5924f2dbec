package io.copytrader.journal;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A journaled request as stored.
 *
 * @param body the canonical request body JSON
 * @param fingerprint SHA-256 (hex) of {@code body}
 * @param startedAt when it started executing, or null
 * @param finishedAt when it reached a final state, or null
 * @param errorCode why it was rejected, failed, expired or refused (a failure, exchange or {@code RAIL_} code), or
 *   null
 * @param attempts how many execution attempts were made
 */
public record RequestRecord(
  String requestId,
  long accountIndex,
  RequestKind kind,
  String body,
  String idempotencyKey,
  String fingerprint,
  RequestState state,
  Instant createdAt,
  Instant startedAt,
  Instant finishedAt,
  String errorCode,
  String errorMessage,
  Long signalTimestamp,
  Long maxLagMs,
  int attempts) {

  public JsonObject bodyJson() {
    return new JsonObject(body);
  }

  /** The HTTP shape: snake_case keys, ISO-8601 instants, absent values as null. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("request_id", requestId)
      .put("account_index", accountIndex)
      .put("kind", kind.wire())
      .put("state", state.wire())
      .put("request", bodyJson())
      .put("idempotency_key", idempotencyKey)
      .put("created_at", iso(createdAt))
      .put("started_at", iso(startedAt))
      .put("finished_at", iso(finishedAt))
      .put("error_code", errorCode)
      .put("error_message", errorMessage)
      .put("signal_timestamp", signalTimestamp)
      .put("max_lag_ms", maxLagMs)
      .put("attempts", attempts);
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
