package io.copytrader.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MembersTest {

  private static final Duration WINDOW = Duration.ofSeconds(6);
  private static final long SECOND = 1_000_000_000L;
  private static final Instant STARTED = Instant.parse("2026-12-06T10:00:00Z");

  private final Members members = new Members(WINDOW, 3);

  @Test
  void aNodeHeardWithinTheWindowIsAMemberWithHowLongAgo() {
    members.heard(beat("b", 7L), 10 * SECOND);
    members.heard(beat("a", 2L, 1L), 12 * SECOND);

    assertThat(members.alive(13 * SECOND)).extracting(member -> member.heartbeat().nodeId(),
      Members.Member::lastHeardMs).containsExactly(Tuple.tuple("a", 1000L),
      Tuple.tuple("b", 3000L));
  }

  @Test
  void aNodeSilentPastTheWindowIsNoLongerAMember() {
    members.heard(beat("a"), 10 * SECOND);
    members.heard(beat("b"), 11 * SECOND);

    assertThat(members.alive(16 * SECOND + 1)).extracting(member -> member.heartbeat().nodeId())
      .containsExactly("b");
  }

  @Test
  void aLaterHeartbeatReplacesTheNodesEarlierOne() {
    members.heard(beat("a", 1L), 10 * SECOND);
    members.heard(beat("a", 2L), 12 * SECOND);

    assertThat(members.alive(12 * SECOND)).singleElement()
      .satisfies(member -> assertThat(member.heartbeat().ownedAccounts()).containsExactly(2L));
  }

  @Test
  void aNodePastTheLimitIsDroppedUntilAnotherFallsSilent() {
    members.heard(beat("a"), 0);
    members.heard(beat("b"), 5 * SECOND);
    members.heard(beat("c"), 5 * SECOND);

    assertThat(members.heard(beat("d"), 6 * SECOND)).isFalse();
    assertThat(members.heard(beat("d"), 7 * SECOND)).isTrue();
    assertThat(members.alive(7 * SECOND)).extracting(member -> member.heartbeat().nodeId())
      .containsExactly("b", "c", "d");
  }

  @Test
  void aHeartbeatReadsBackFromItsJson() {
    Heartbeat heartbeat = beat("node-1:8000", 30L, 4L);

    assertThat(Heartbeat.fromJson(heartbeat.toJson())).contains(beat("node-1:8000", 4L, 30L));
    assertThat(heartbeat.toJson().getJsonArray("owned_accounts")).containsExactly(4L, 30L);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{}",
    "[]",
    "{\"node_id\":\"a b\",\"http_port\":1,\"owned_accounts\":[],\"started_at\":\"2026-12-06T10:00:00Z\"}",
    "{\"node_id\":\"a\",\"http_port\":65536,\"owned_accounts\":[],\"started_at\":\"2026-12-06T10:00:00Z\"}",
    "{\"node_id\":\"a\",\"http_port\":\"1\",\"owned_accounts\":[],\"started_at\":\"2026-12-06T10:00:00Z\"}",
    "{\"node_id\":\"a\",\"http_port\":1,\"owned_accounts\":[-1],\"started_at\":\"2026-12-06T10:00:00Z\"}",
    "{\"node_id\":\"a\",\"http_port\":1,\"owned_accounts\":[\"1\"],\"started_at\":\"2026-12-06T10:00:00Z\"}",
    "{\"node_id\":\"a\",\"http_port\":1,\"owned_accounts\":{},\"started_at\":\"2026-12-06T10:00:00Z\"}",
    "{\"node_id\":\"a\",\"http_port\":1,\"owned_accounts\":[],\"started_at\":\"yesterday\"}",
  })
  void aMalformedHeartbeatIsNone(String text) {
    Object body = text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);

    assertThat(Heartbeat.fromJson(body)).isEqualTo(Optional.empty());
  }

  private static Heartbeat beat(String nodeId, Long... accounts) {
    return new Heartbeat(nodeId, 8000, List.of(accounts), STARTED);
  }
}
