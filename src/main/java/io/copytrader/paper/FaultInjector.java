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

  private long latencyMs;
  private int errorStatus = 503;
  private int errorCount;
  private double errorRate;
  private int rateLimitCount;
  private int dropResponseCount;
  private int invalidNonceCount;
  private static final int LOG_LIMIT = 10_000;

  private final Map<String, Long> requests = new TreeMap<>();
  private final Deque<String> log = new ArrayDeque<>();

  /** What to do with one exchange request. */
  enum Action { PASS, RATE_LIMIT, SERVER_ERROR }

  void configure(JsonObject faults) {
    latencyMs = faults.getLong("latency_ms", latencyMs);
    errorStatus = faults.getInteger("error_status", errorStatus);
    errorCount = faults.getInteger("error_count", errorCount);
    errorRate = faults.getDouble("error_rate", errorRate);
    rateLimitCount = faults.getInteger("rate_limit_count", rateLimitCount);
    dropResponseCount = faults.getInteger("drop_response_count", dropResponseCount);
    invalidNonceCount = faults.getInteger("invalid_nonce_count", invalidNonceCount);
  }

  void clear() {
    latencyMs = 0;
    errorStatus = 503;
    errorCount = 0;
    errorRate = 0;
    rateLimitCount = 0;
    dropResponseCount = 0;
    invalidNonceCount = 0;
  }

  JsonObject describe() {
    return new JsonObject().put("latency_ms", latencyMs).put("error_status", errorStatus)
      .put("error_count", errorCount).put("error_rate", errorRate).put("rate_limit_count", rateLimitCount)
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

  Action next() {
    if (rateLimitCount > 0) {
      rateLimitCount--;
      return Action.RATE_LIMIT;
    }
    if (errorCount > 0) {
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
