package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterSettingsTest {

  private static final int HTTP_PORT = 8000;

  @Test
  void unsetRunsOneNodeWithoutAClusterManagerNamedByHostAndPort() {
    List<String> problems = new ArrayList<>();

    ClusterSettings settings = parse(Map.of(), false, problems);

    assertThat(problems).isEmpty();
    assertThat(settings.clustered()).isFalse();
    assertThat(settings.clusterPort()).isZero();
    assertThat(settings.members()).isEmpty();
    assertThat(settings.nodeId()).endsWith(":" + HTTP_PORT);
    assertThat(settings.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.renewEvery()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.sendWithin()).isEqualTo(Duration.ofSeconds(7));
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
    # NODE_ID | CLUSTER_PORT | CLUSTER_MEMBERS                    | LEASE_TTL_MS | members                    | ttl ms
    node-a    | 5701         | 10.0.0.2:5701,10.0.0.3:5701        | -            | 10.0.0.2:5701 10.0.0.3:5701 | 10000
    node_b.1  | 1            | ' db-2.internal:65535 , '          | 3000         | db-2.internal:65535         | 3000
    a:8000    | 65535        | -                                  | 600000       | -                           | 600000
    n         | 5702         | 127.0.0.1:5701                     | 15000        | 127.0.0.1:5701              | 15000
    """)
  void validSettingsAreRead(String nodeId, String port, String members, String ttl, String expectedMembers,
                            long expectedTtlMs) {
    List<String> problems = new ArrayList<>();
    Map<Setting, String> texts = texts(nodeId, port, members, ttl);

    ClusterSettings settings = parse(texts, true, problems);

    assertThat(problems).isEmpty();
    assertThat(settings.nodeId()).isEqualTo(nodeId);
    assertThat(settings.clustered()).isTrue();
    assertThat(settings.clusterPort()).isEqualTo(Integer.parseInt(port));
    assertThat(settings.members()).containsExactlyElementsOf(
      expectedMembers == null ? List.of() : List.of(expectedMembers.split(" ")));
    assertThat(settings.leaseTtl()).isEqualTo(Duration.ofMillis(expectedTtlMs));
    assertThat(settings.renewEvery()).isEqualTo(Duration.ofMillis(expectedTtlMs / 5));
    assertThat(settings.sendWithin()).isEqualTo(Duration.ofMillis(expectedTtlMs * 7 / 10));
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} (PostgreSQL {4})")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
    # NODE_ID       | CLUSTER_PORT | CLUSTER_MEMBERS  | LEASE_TTL_MS | PostgreSQL | problem
    'node a'        | -            | -                | -            | true       | NODE_ID must be 1 to 64
    node/a          | -            | -                | -            | true       | NODE_ID must be 1 to 64
    -               | 0            | -                | -            | true       | CLUSTER_PORT must be a port number
    -               | 65536        | -                | -            | true       | CLUSTER_PORT must be a port number
    -               | -5701        | -                | -            | true       | CLUSTER_PORT must be a port number
    -               | 5701x        | -                | -            | true       | CLUSTER_PORT must be a port number
    -               | 5701         | -                | -            | false      | CLUSTER_PORT needs JOURNAL_URL
    -               | -            | 10.0.0.2:5701    | -            | true       | CLUSTER_MEMBERS needs CLUSTER_PORT
    -               | 5701         | 10.0.0.2         | -            | true       | CLUSTER_MEMBERS must list host:port
    -               | 5701         | 'a:1;b:2'        | -            | true       | CLUSTER_MEMBERS must list host:port
    -               | 5701         | 'http://a:1'     | -            | true       | CLUSTER_MEMBERS must list host:port
    -               | -            | -                | 2999         | true       | LEASE_TTL_MS must be a whole number
    -               | -            | -                | 600001       | true       | LEASE_TTL_MS must be a whole number
    -               | -            | -                | 10s          | true       | LEASE_TTL_MS must be a whole number
    -               | -            | -                | 1e4          | true       | LEASE_TTL_MS must be a whole number
    """)
  void eachBadSettingIsRefusedAlone(String nodeId, String port, String members, String ttl, boolean postgresql,
                                    String problem) {
    List<String> problems = new ArrayList<>();

    parse(texts(nodeId, port, members, ttl), postgresql, problems);

    assertThat(problems).singleElement().asString().startsWith(problem);
  }

  @Test
  void moreMembersThanTheLimitIsRefused() {
    List<String> problems = new ArrayList<>();
    String members = IntStream.rangeClosed(1, ClusterSettings.MAX_MEMBERS + 1)
      .mapToObj(i -> "10.0." + i / 256 + "." + i % 256 + ":5701").collect(Collectors.joining(","));

    ClusterSettings settings = parse(texts(null, "5701", members, null), true, problems);

    assertThat(problems).singleElement().asString().startsWith("CLUSTER_MEMBERS lists 65 members; at most 64");
    assertThat(settings.members()).isEmpty();
  }

  private static Map<Setting, String> texts(String nodeId, String port, String members, String ttl) {
    Map<Setting, String> texts = new EnumMap<>(Setting.class);
    put(texts, Setting.NODE_ID, nodeId);
    put(texts, Setting.CLUSTER_PORT, port);
    put(texts, Setting.CLUSTER_MEMBERS, members);
    put(texts, Setting.LEASE_TTL_MS, ttl);
    return texts;
  }

  private static void put(Map<Setting, String> texts, Setting setting, String text) {
    if (text != null) {
      texts.put(setting, text);
    }
  }

  private static ClusterSettings parse(Map<Setting, String> texts, boolean postgresql, List<String> problems) {
    return ClusterSettings.parse(texts::get, HTTP_PORT, postgresql, problems);
  }
}
