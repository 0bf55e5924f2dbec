package io.copytrader.paper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The paper exchange's fault controls: latency, HTTP 5xx (the next N requests, the next N lookups or a fraction of
 * all requests), 429, sends whose answer is lost (at once, or once the tx is applied), forced 21104 on the next N
 * sends, the sequencer's delay, the lag of lookups, how late the WebSocket answers client frames and how far the
 * exchange's clock is off; and a request counter per path with the paths in arrival order (the most recent
 * {@value #LOG_LIMIT}).
 */
final class FaultInjector {

  private static final int LOG_LIMIT = 10_000;
  private static final long MAX_CLOCK_OFFSET_MS = 3_600_000;
  /** Durations and counts: whole numbers from 0 to {@code Integer.MAX_VALUE}. */
  private static final List<String> COUNTS = List.of("latency_ms", "error_count", "rate_limit_count",
    "drop_response_count", "invalid_nonce_count", "sequencer_delay_ms", "lookup_lag_ms", "lookup_error_count",
    "drop_after_apply_count", "stream_ack_delay_ms");

  /** The faults in force, under the names {@code POST /paper/faults} takes; counts are spent by the take methods. */
  private JsonObject settings;
  private final long defaultSequencerDelayMs;
  private final Map<String, Long> requests = new TreeMap<>();
  private final Deque<String> log = new ArrayDeque<>();

  FaultInjector(long defaultSequencerDelayMs) {
    this.defaultSequencerDelayMs = defaultSequencerDelayMs;
    this.settings = defaults(defaultSequencerDelayMs);
  }

  /** What to do with one exchange request. */
  enum Action { PASS, RATE_LIMIT, SERVER_ERROR }

  private static JsonObject defaults(long sequencerDelayMs) {
    JsonObject defaults = new JsonObject();
    COUNTS.forEach(name -> defaults.put(name, 0L));
    return defaults.put("error_status", 503).put("error_path", null).put("error_rate", 0.0)
      .put("sequencer_delay_ms", sequencerDelayMs).put("lookup_error_path", null).put("clock_offset_ms", 0L);
  }

  /**
   * Sets the faults named in {@code faults}, leaving the others as they are; other names are ignored. All or
   * nothing: an invalid value (negative, a rate outside 0..1, a status outside 500..599) changes nothing and throws.
   */
  void configure(JsonObject faults) {
    JsonObject merged = settings.copy();
    for (String name : settings.fieldNames()) {
      if (faults.containsKey(name)) {
        merged.put(name, faults.getValue(name));
      }
    }
    COUNTS.forEach(name -> merged.put(name, atLeastZero(merged, name)));
    path(merged, "error_path");
    path(merged, "lookup_error_path");
    int status = merged.getInteger("error_status");
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("error_status must be 500..599");
    }
    long offset = merged.getLong("clock_offset_ms");
    if (Math.abs(offset) > MAX_CLOCK_OFFSET_MS) {
      throw new IllegalArgumentException("clock_offset_ms must be -" + MAX_CLOCK_OFFSET_MS + ".." + MAX_CLOCK_OFFSET_MS);
    }
    double rate = merged.getDouble("error_rate");
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("error_rate must be 0..1");
    }
    settings = merged;
  }

  private static void path(JsonObject faults, String name) {
    Object value = faults.getValue(name);
    if (value != null && !(value instanceof String path && path.startsWith("/") && path.length() <= 200)) {
      throw new IllegalArgumentException(name + " must be a path starting with /");
    }
  }

  private static long atLeastZero(JsonObject faults, String name) {
    long value = faults.getLong(name);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be 0.." + Integer.MAX_VALUE);
    }
    return value;
  }

  void clear() {
    settings = defaults(defaultSequencerDelayMs);
  }

  JsonObject describe() {
    return settings.copy();
  }

  /**
   * The exchange's time: this host's, moved by {@code clock_offset_ms}. It judges every transaction's
   * {@code ExpiredAt} and every order's expiry, times the sequencer and the lookups' lag, and is the time
   * {@code GET /} reports.
   */
  long now() {
    return System.currentTimeMillis() + settings.getLong("clock_offset_ms");
  }

  long sequencerDelayMs() {
    return settings.getLong("sequencer_delay_ms");
  }

  long lookupLagMs() {
    return settings.getLong("lookup_lag_ms");
  }

  /** How long the WebSocket takes to answer a subscribe, an unsubscribe or another counted client frame. */
  long streamAckDelayMs() {
    return settings.getLong("stream_ack_delay_ms");
  }

  long latencyMs() {
    return settings.getLong("latency_ms");
  }

  int errorStatus() {
    return settings.getInteger("error_status");
  }

  void count(String path) {
    requests.merge(path, 1L, Long::sum);
    log.addLast(path);
    if (log.size() > LOG_LIMIT) {
      log.removeFirst();
    }
  }

  JsonArray log() {
    return new JsonArray(new ArrayList<>(log));
  }

  JsonObject counts() {
    JsonObject counts = new JsonObject();
    requests.forEach(counts::put);
    return counts;
  }

  void resetCounts() {
    requests.clear();
    log.clear();
  }

  /** A lookup: a GET of the exchange's REST API, the requests a client reads state with. */
  static boolean lookup(String method, String path) {
    return "GET".equals(method) && path.startsWith("/api/v1/");
  }

  Action next(String method, String path) {
    if (onPath("error_path", path) && take("rate_limit_count")) {
      return Action.RATE_LIMIT;
    }
    if (onPath("error_path", path) && take("error_count")) {
      return Action.SERVER_ERROR;
    }
    if (lookup(method, path) && onPath("lookup_error_path", path) && take("lookup_error_count")) {
      return Action.SERVER_ERROR;
    }
    double errorRate = settings.getDouble("error_rate");
    if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
      return Action.SERVER_ERROR;
    }
    return Action.PASS;
  }

  /** Whether a count limited to the path under {@code pathSetting} (when set) may spend on {@code path}. */
  private boolean onPath(String pathSetting, String path) {
    String only = settings.getString(pathSetting);
    return only == null || only.equals(path);
  }

  boolean takeInvalidNonce() {
    return take("invalid_nonce_count");
  }

  boolean takeDropAfterApply() {
    return take("drop_after_apply_count");
  }

  boolean takeDropResponse() {
    return take("drop_response_count");
  }

  /** Spends one of the count {@code name}: true when there was one. */
  private boolean take(String name) {
    long left = settings.getLong(name);
    if (left > 0) {
      settings.put(name, left - 1);
      return true;
    }
    return false;
  }
}
