package io.copytrader.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes heard from within a window, by the last heartbeat of each; a node silent for longer is dropped. Times are
 * a monotonic clock's nanoseconds, handed in. Confined to one thread (the heartbeat verticle's).
 */
final class Members {

  private final Duration window;
  private final int maxMembers;
  private final Map<String, Heard> byNode = new HashMap<>();

  /** A member: its last heartbeat and how long ago it arrived. */
  record Member(Heartbeat heartbeat, long lastHeardMs) {

    JsonObject toJson() {
      return heartbeat.toJson().put("last_heard_ms", lastHeardMs);
    }
  }

  private record Heard(Heartbeat heartbeat, long atNanos) {
  }

  /** @param maxMembers the most nodes kept: a heartbeat from one more is dropped until another falls silent */
  Members(Duration window, int maxMembers) {
    this.window = window;
    this.maxMembers = maxMembers;
  }

  /** Records {@code heartbeat} as heard at {@code nowNanos}; answers false when dropped, the members being full. */
  boolean heard(Heartbeat heartbeat, long nowNanos) {
    forgetSilent(nowNanos);
    if (!byNode.containsKey(heartbeat.nodeId()) && byNode.size() >= maxMembers) {
      return false;
    }
    byNode.put(heartbeat.nodeId(), new Heard(heartbeat, nowNanos));
    return true;
  }

  /** The members heard within the window at {@code nowNanos}, by node id. */
  List<Member> alive(long nowNanos) {
    forgetSilent(nowNanos);
    return byNode.values().stream()
      .map(heard -> new Member(heard.heartbeat(), Duration.ofNanos(nowNanos - heard.atNanos()).toMillis()))
      .sorted(Comparator.comparing(member -> member.heartbeat().nodeId()))
      .toList();
  }

  /** {@link #alive} as JSON: {@code [{"node_id", "http_port", "owned_accounts", "started_at", "last_heard_ms"}]}. */
  JsonArray aliveJson(long nowNanos) {
    return new JsonArray(alive(nowNanos).stream().map(Member::toJson).toList());
  }

  private void forgetSilent(long nowNanos) {
    byNode.values().removeIf(heard -> nowNanos - heard.atNanos() > window.toNanos());
  }
}
