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
 * The paper exchange's fault controls: latency, HTTP 5xx (the next N requests or a fraction of them), 429,
 * sends applied but never answered, forced 21104 on the next N sends; and a request counter per path with
 * the paths in arrival order (the most recent {@value #LOG_LIMIT}).
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
  private final Map<String, Long> requests = new TreeMap<>();
  private final Deque<String> log = new ArrayDeque<>();

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
    Object pathValue = faults.containsKey("error_path") ? faults.getValue("error_path") : errorPath;
    if (pathValue != null && !(pathValue instanceof String path && path.startsWith("/") && path.length() <= 200)) {
      throw new IllegalArgumentException("error_path must be a path starting with /");
    }
    double newRate = faults.getDouble("error_rate", errorRate);
    int newRateLimitCount = (int) atLeastZero(faults, "rate_limit_count", rateLimitCount);
    int newDropCount = (int) atLeastZero(faults, "drop_response_count", dropResponseCount);
    int newNonceCount = (int) atLeastZero(faults, "invalid_nonce_count", invalidNonceCount);
    if (newStatus < 500 || newStatus > 599) {
      throw new IllegalArgumentException("error_status must be 500..599");
    }
    if (!(newRate >= 0 && newRate <= 1)) {
      throw new IllegalArgumentException("error_rate must be 0..1");
    }
    latencyMs = newLatency;
    errorStatus = newStatus;
    errorCount = newErrorCount;
    errorPath = (String) pathValue;
    errorRate = newRate;
    rateLimitCount = newRateLimitCount;
    dropResponseCount = newDropCount;
    invalidNonceCount = newNonceCount;
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
  }

  JsonObject describe() {
    return new JsonObject().put("latency_ms", latencyMs).put("error_status", errorStatus)
      .put("error_count", errorCount).put("error_path", errorPath).put("error_rate", errorRate).put("rate_limit_count", rateLimitCount)
      .put("drop_response_count", dropResponseCount).put("invalid_nonce_count", invalidNonceCount);
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

  Action next(String path) {
    if (rateLimitCount > 0) {
      rateLimitCount--;
      return Action.RATE_LIMIT;
    }
    if (errorCount > 0 && (errorPath == null || errorPath.equals(path))) {
      errorCount--;
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

  boolean takeDropResponse() {
    if (dropResponseCount > 0) {
      dropResponseCount--;
      return true;
    }
    return false;
  }
}
