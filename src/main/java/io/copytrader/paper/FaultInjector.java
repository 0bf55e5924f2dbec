package io.copytrader.paper;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The paper exchange's fault controls: latency, HTTP 5xx (the next N requests, the next N lookups or a fraction of
 * all requests), 429, sends whose answer is lost (at once, or once the tx is applied), forced 21104 on the next N
 * sends, the sequencer's delay and the lag of lookups; and a request counter per path with the paths in arrival
 * order (the most recent {@value #LOG_LIMIT}).
 */
final class FaultInjector {

  private static final int LOG_LIMIT = 10_000;

  private long latencyMs;
  private int errorStatus = 503;
  private int errorCount;
  /** When set, {@code errorCount} spends only on requests to this path. */
  private String errorPath;
  private double errorRate;
  private int rateLimitCount;
  private int dropResponseCount;
  private int invalidNonceCount;
  private final long defaultSequencerDelayMs;
  private long sequencerDelayMs;
  private long lookupLagMs;
  private int lookupErrorCount;
  /** When set, {@code lookupErrorCount} spends only on lookups of this path. */
  private String lookupErrorPath;
  private int dropAfterApplyCount;
  private final Map<String, Long> requests = new TreeMap<>();
  private final Deque<String> log = new ArrayDeque<>();

  FaultInjector(long defaultSequencerDelayMs) {
    this.defaultSequencerDelayMs = defaultSequencerDelayMs;
    this.sequencerDelayMs = defaultSequencerDelayMs;
  }

  /** What to do with one exchange request. */
  enum Action { PASS, RATE_LIMIT, SERVER_ERROR }

  /**
   * Sets the faults named in {@code faults}, leaving the others as they are. All or nothing: an invalid value
   * (negative, a rate outside 0..1, a status outside 500..599) changes nothing and throws.
   */
  void configure(JsonObject faults) {
    long newLatency = atLeastZero(faults, "latency_ms", latencyMs);
    int newStatus = faults.getInteger("error_status", errorStatus);
    int newErrorCount = (int) atLeastZero(faults, "error_count", errorCount);
    String pathValue = path(faults, "error_path", errorPath);
    String lookupPathValue = path(faults, "lookup_error_path", lookupErrorPath);
    double newRate = faults.getDouble("error_rate", errorRate);
    int newRateLimitCount = (int) atLeastZero(faults, "rate_limit_count", rateLimitCount);
    int newDropCount = (int) atLeastZero(faults, "drop_response_count", dropResponseCount);
    int newNonceCount = (int) atLeastZero(faults, "invalid_nonce_count", invalidNonceCount);
    long newDelay = atLeastZero(faults, "sequencer_delay_ms", sequencerDelayMs);
    long newLag = atLeastZero(faults, "lookup_lag_ms", lookupLagMs);
    int newLookupErrors = (int) atLeastZero(faults, "lookup_error_count", lookupErrorCount);
    int newDropAfterApply = (int) atLeastZero(faults, "drop_after_apply_count", dropAfterApplyCount);
    if (newStatus < 500 || newStatus > 599) {
      throw new IllegalArgumentException("error_status must be 500..599");
    }
    if (!(newRate >= 0 && newRate <= 1)) {
      throw new IllegalArgumentException("error_rate must be 0..1");
    }
    latencyMs = newLatency;
    errorStatus = newStatus;
    errorCount = newErrorCount;
    errorPath = pathValue;
    errorRate = newRate;
    rateLimitCount = newRateLimitCount;
    dropResponseCount = newDropCount;
    invalidNonceCount = newNonceCount;
    sequencerDelayMs = newDelay;
    lookupLagMs = newLag;
    lookupErrorCount = newLookupErrors;
    lookupErrorPath = lookupPathValue;
    dropAfterApplyCount = newDropAfterApply;
  }

  private static String path(JsonObject faults, String name, String current) {
    Object value = faults.containsKey(name) ? faults.getValue(name) : current;
    if (value != null && !(value instanceof String path && path.startsWith("/") && path.length() <= 200)) {
      throw new IllegalArgumentException(name + " must be a path starting with /");
    }
    return (String) value;
  }

  private static long atLeastZero(JsonObject faults, String name, long current) {
    long value = faults.getLong(name, current);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be 0.." + Integer.MAX_VALUE);
    }
    return value;
  }

  void clear() {
    latencyMs = 0;
    errorStatus = 503;
    errorCount = 0;
    errorPath = null;
    errorRate = 0;
    rateLimitCount = 0;
    dropResponseCount = 0;
    invalidNonceCount = 0;
    sequencerDelayMs = defaultSequencerDelayMs;
    lookupLagMs = 0;
    lookupErrorCount = 0;
    lookupErrorPath = null;
    dropAfterApplyCount = 0;
  }

  JsonObject describe() {
    return new JsonObject().put("latency_ms", latencyMs).put("error_status", errorStatus)
      .put("error_count", errorCount).put("error_path", errorPath).put("error_rate", errorRate)
      .put("rate_limit_count", rateLimitCount)
      .put("drop_response_count", dropResponseCount).put("invalid_nonce_count", invalidNonceCount)
      .put("sequencer_delay_ms", sequencerDelayMs).put("lookup_lag_ms", lookupLagMs)
      .put("lookup_error_count", lookupErrorCount).put("lookup_error_path", lookupErrorPath)
      .put("drop_after_apply_count", dropAfterApplyCount);
  }

  long sequencerDelayMs() {
    return sequencerDelayMs;
  }

  long lookupLagMs() {
    return lookupLagMs;
  }

  long latencyMs() {
    return latencyMs;
  }

  int errorStatus() {
    return errorStatus;
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
    if (rateLimitCount > 0) {
      rateLimitCount--;
      return Action.RATE_LIMIT;
    }
    if (errorCount > 0 && (errorPath == null || errorPath.equals(path))) {
      errorCount--;
      return Action.SERVER_ERROR;
    }
    if (lookupErrorCount > 0 && lookup(method, path) && (lookupErrorPath == null || lookupErrorPath.equals(path))) {
      lookupErrorCount--;
      return Action.SERVER_ERROR;
    }
    if (errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate) {
      return Action.SERVER_ERROR;
    }
    return Action.PASS;
  }

  boolean takeInvalidNonce() {
    if (invalidNonceCount > 0) {
      invalidNonceCount--;
      return true;
    }
    return false;
  }

  boolean takeDropAfterApply() {
    if (dropAfterApplyCount > 0) {
      dropAfterApplyCount--;
      return true;
    }
    return false;
  }

  boolean takeDropResponse() {
    if (dropResponseCount > 0) {
      dropResponseCount--;
      return true;
    }
    return false;
  }
}
