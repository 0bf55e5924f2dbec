package io.copytrader.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a node tells the others every {@link NodeHeartbeats#INTERVAL}: its name, the port of its HTTP API, the
 * accounts it owns (sorted) and when it started.
 */
record Heartbeat(String nodeId, int httpPort, List<Long> ownedAccounts, Instant startedAt) {

  /** More than any node holds; a heartbeat listing more is not one of ours. */
  static final int MAX_ACCOUNTS = 100_000;
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  Heartbeat {
    ownedAccounts = ownedAccounts.stream().sorted().toList();
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("node_id", nodeId)
      .put("http_port", httpPort)
      .put("owned_accounts", new JsonArray(List.copyOf(ownedAccounts)))
      .put("started_at", startedAt.toString());
  }

  /** The heartbeat in {@code json}, or empty when it is not a well-formed one. */
  static Optional<Heartbeat> fromJson(Object body) {
    if (!(body instanceof JsonObject json)
      || !(json.getValue("node_id") instanceof String nodeId) || !NODE_ID.matcher(nodeId).matches()
      || !(json.getValue("http_port") instanceof Integer port) || port < 0 || port > 65_535
      || !(json.getValue("owned_accounts") instanceof JsonArray accounts) || accounts.size() > MAX_ACCOUNTS
      || !(json.getValue("started_at") instanceof String started)) {
      return Optional.empty();
    }
    if (!accounts.stream().allMatch(index -> (index instanceof Integer || index instanceof Long)
      && ((Number) index).longValue() >= 0)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Heartbeat(nodeId, port,
        accounts.stream().map(index -> ((Number) index).longValue()).toList(), Instant.parse(started)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
