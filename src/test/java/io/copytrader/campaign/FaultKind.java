package io.copytrader.campaign;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import java.util.function.Function;

/**
 * Every fault the campaign can inject, each one line: the paper exchange control it uses and a body drawn from
 * the schedule's random source. {@code /paper/faults} fields are documented in PaperExchange's class comment
 * (src/main/java/io/copytrader/paper/PaperExchange.java) and parsed by its FaultInjector. A kind whose field the
 * exchange does not list in {@code GET /paper/faults} (a control not there yet) is skipped and counted as
 * unsupported, so a control that lands later is used from then on without touching the campaign.
 *
 * <p>To add a control: one constant here. The generator draws kinds from {@link #values()}.
 */
enum FaultKind {

  /** The next sends are applied, then the connection closes unanswered: the service must look the order up. */
  DROP_RESPONSE(faults("drop_response_count", r -> new JsonObject().put("drop_response_count", 1 + r.nextInt(2)))),
  /** The next requests (any path) answer 5xx. */
  SERVER_ERROR(faults("error_count", r -> new JsonObject().put("error_count", 1 + r.nextInt(3))
    .putNull("error_path").put("error_status", r.nextBoolean() ? 503 : 500))),
  /** The next requests answer 429. */
  RATE_LIMIT(faults("rate_limit_count", r -> new JsonObject().put("rate_limit_count", 1 + r.nextInt(3))
    .putNull("error_path"))),
  /** Every request waits this long, until healed. */
  LATENCY(faults("latency_ms", r -> new JsonObject().put("latency_ms", 20 + r.nextInt(180)))),
  /** The next lookups of orders by client order index fail with 5xx (error_path). */
  LOOKUP_FAILURE(faults("error_count", r -> new JsonObject().put("error_count", 1 + r.nextInt(3))
    .put("error_path", "/api/v1/accountOrders"))),
  /** Orders become visible to lookups only after this lag (not on every exchange yet). */
  LOOKUP_LAG(faults("lookup_lag_ms", r -> new JsonObject().put("lookup_lag_ms", 50 + r.nextInt(450)))),
  /** The next order lookups fail with 5xx (not on every exchange yet). */
  LOOKUP_ERROR(faults("lookup_error_count", r -> new JsonObject().put("lookup_error_count", 1 + r.nextInt(3)))),
  /** Accepted transactions are applied this long after their answer (not on every exchange yet). */
  SEQUENCER_DELAY(faults("sequencer_delay_ms", r -> new JsonObject().put("sequencer_delay_ms", 5 + r.nextInt(60)))),
  /** The next sends are applied, then their answer is lost (not on every exchange yet). */
  DROP_AFTER_APPLY(faults("drop_after_apply_count",
    r -> new JsonObject().put("drop_after_apply_count", 1 + r.nextInt(2)))),
  /**
   * The exchange's clock off this host's until healed: mostly behind, by up to a minute (a lost answer's transaction
   * must not be taken for expired by this host's clock), sometimes a few seconds ahead (entries expire sooner).
   */
  CLOCK_SKEW(faults("clock_offset_ms", r -> new JsonObject().put("clock_offset_ms",
    r.nextInt(4) == 0 ? 1_000 + r.nextInt(7_000) : -(5_000 + r.nextInt(55_000))))),
  /** The next sends are refused with 21104 and change nothing. */
  INVALID_NONCE(faults("invalid_nonce_count", r -> new JsonObject().put("invalid_nonce_count", 1))),
  /** Every WebSocket connection is closed; the service reconnects and resubscribes. */
  STREAM_DISCONNECT(control("/paper/streams/disconnect", r -> new JsonObject())),
  /** Account channels publish nothing until healed: the stream stalls and the service falls back to REST. */
  STREAM_STALL(control("/paper/streams/hold-account-updates", r -> new JsonObject().put("held", true))),
  /** A market's next book update is lost, leaving a nonce gap. */
  BOOK_GAP(control("/paper/streams/drop-book-update", r -> new JsonObject().put("market_id", r.nextInt(2)))),
  /**
   * Grouped orders refused (21505) in one market or all, at intake or failed when applied, until healed: opens fall
   * back to two steps, and the service keeps sending that market's entries alone until it restarts.
   */
  GROUPS_REFUSED(control("/paper/grouped-orders", r -> {
    JsonObject refuse = new JsonObject().put("code", 21505).put("in_sequencer", r.nextBoolean());
    return new JsonObject().put("refuse", r.nextBoolean() ? refuse
      : refuse.put("markets", new JsonArray().add(r.nextInt(2))));
  })),
  /** An entry's attached stop-loss armed at its first fill rather than only at a full one, until healed. */
  CHILDREN_ARMED_AT_ANY_FILL(control("/paper/grouped-orders", r -> new JsonObject().put("children_armed", "any-fill")));

  /** How a kind reaches the exchange: a control path, the body, and the {@code /paper/faults} field it needs. */
  record Control(String path, String requiredField, Function<Random, JsonObject> body) {
  }

  final Control control;

  FaultKind(Control control) {
    this.control = control;
  }

  private static Control faults(String field, Function<Random, JsonObject> body) {
    return new Control("/paper/faults", field, body);
  }

  private static Control control(String path, Function<Random, JsonObject> body) {
    return new Control(path, null, body);
  }
}
