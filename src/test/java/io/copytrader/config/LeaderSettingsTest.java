package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaderSettingsTest {

  private static final String KEY = "ab".repeat(40);
  private static final String LEADERS = "[{\"name\":\"whale\",\"account_index\":900}]";

  @TempDir
  Path dir;

  private static String follower(String fields) {
    return "[{\"account_index\":7,\"api_key_index\":3,\"private_key\":\"" + KEY + "\",\"follow\":\"whale\"" + fields
      + "}]";
  }

  @Test
  void aFollowerTakesTheDefaults() throws Exception {
    AppConfig config = ConfigLoaderTest.load(Map.of("LEADERS", LEADERS, "ACCOUNTS", follower("")), dir);

    assertThat(config.leaders().leaders()).containsExactly(new LeaderConfig("whale", 900));
    assertThat(config.leaders().followersOf("whale")).containsExactly(new FollowerConfig(7, "whale",
      Sizing.EQUITY_RATIO, BigDecimal.ONE, null, null, false, new BigDecimal("0.01"), new BigDecimal("0.005")));
    assertThat(config.leaders().feed()).isEqualTo(new LeaderFeedSettings(Duration.ofSeconds(2),
      Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMillis(300)));
    assertThat(config.leaders().paperDemoLeader()).isFalse();
  }

  @Test
  void aFollowerSetsEveryField() throws Exception {
    AppConfig config = ConfigLoaderTest.load(Map.of("LEADERS", LEADERS, "ACCOUNTS", follower(
      ",\"sizing\":\"fixed_notional\",\"copy_notional\":\"250\",\"copy_ratio\":0.5,\"markets\":[\"eth\",\"BTC\"],"
        + "\"copy_existing\":true,\"drift_tolerance\":\"0.02\",\"no_chase_tolerance\":0"),
      "LEADER_DEBOUNCE_MS", "0"), dir);

    assertThat(config.leaders().followers()).containsExactly(new FollowerConfig(7, "whale", Sizing.FIXED_NOTIONAL,
      new BigDecimal("0.5"), new BigDecimal("250"), Set.of("ETH", "BTC"), true, new BigDecimal("0.02"),
      BigDecimal.ZERO));
    assertThat(config.leaders().feed().debounce()).isZero();
  }

  @Test
  void withoutLeadersNothingIsFollowed() throws Exception {
    AppConfig config = ConfigLoaderTest.load(Map.of("ACCOUNTS", follower("").replace(",\"follow\":\"whale\"", "")),
      dir);

    assertThat(config.leaders().leaders()).isEmpty();
    assertThat(config.leaders().followers()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
    "LEADERS not JSON | {\"LEADERS\":\"[\"} | LEADERS is not valid JSON",
    "LEADERS not an array | {\"LEADERS\":\"{}\"} | LEADERS must be a JSON array",
    "leader name with a colon | {\"LEADERS\":\"[{\\\"name\\\":\\\"a:b\\\",\\\"account_index\\\":1}]\"} | LEADERS[0].name must be",
    "leader index negative | {\"LEADERS\":\"[{\\\"name\\\":\\\"a\\\",\\\"account_index\\\":-1}]\"} | LEADERS[0].account_index must be",
    "leader unknown field | {\"LEADERS\":\"[{\\\"name\\\":\\\"a\\\",\\\"account_index\\\":1,\\\"x\\\":1}]\"} | LEADERS[0]: unknown field 'x'",
    "two leaders, one name | {\"LEADERS\":\"[{\\\"name\\\":\\\"a\\\",\\\"account_index\\\":1},{\\\"name\\\":\\\"a\\\",\\\"account_index\\\":2}]\"} | LEADERS[1]: duplicate leader",
    "follow of nobody | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"nobody\\\"}]\"} | ACCOUNTS[0].follow must name a leader",
    "follower field without follow | {\"ACCOUNTS\":\"FOLLOWER,\\\"copy_ratio\\\":2}]\"} | ACCOUNTS[0].copy_ratio needs follow",
    "unknown sizing | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"sizing\\\":\\\"kelly\\\"}]\"} | ACCOUNTS[0].sizing must be",
    "copy_ratio zero | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"copy_ratio\\\":0}]\"} | ACCOUNTS[0].copy_ratio must be greater than 0",
    "copy_ratio above 100 | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"copy_ratio\\\":101}]\"} | ACCOUNTS[0].copy_ratio must be greater than 0",
    "fixed_notional without notional | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"sizing\\\":\\\"fixed_notional\\\"}]\"} | ACCOUNTS[0].copy_notional is required",
    "notional without fixed_notional | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"copy_notional\\\":10}]\"} | ACCOUNTS[0].copy_notional applies only",
    "markets empty | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"markets\\\":[]}]\"} | ACCOUNTS[0].markets must be",
    "copy_existing a string | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"copy_existing\\\":\\\"yes\\\"}]\"} | ACCOUNTS[0].copy_existing must be true or false",
    "drift_tolerance above 1 | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"drift_tolerance\\\":2}]\"} | ACCOUNTS[0].drift_tolerance must be",
    "no_chase_tolerance negative | {\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"whale\\\",\\\"no_chase_tolerance\\\":-1}]\"} | ACCOUNTS[0].no_chase_tolerance must be",
    "an account follows itself | {\"LEADERS\":\"[{\\\"name\\\":\\\"me\\\",\\\"account_index\\\":7}]\",\"ACCOUNTS\":\"FOLLOWER,\\\"follow\\\":\\\"me\\\"}]\"} | cannot follow itself",
    "poll interval too short | {\"LEADER_POLL_INTERVAL_MS\":\"10\"} | LEADER_POLL_INTERVAL_MS must be between 100",
    "stale bound not a number | {\"LEADER_STALE_AFTER_MS\":\"soon\"} | LEADER_STALE_AFTER_MS must be a whole number",
    "demo leader not a boolean | {\"PAPER_DEMO_LEADER\":\"maybe\"} | PAPER_DEMO_LEADER must be true or false",
  })
  void aBadValueIsOneProblemNamingIt(String what, String json, String expected) {
    Map<String, String> env = new HashMap<>(Map.of("LEADERS", LEADERS));
    new JsonObject(json).forEach(entry -> env.put(entry.getKey(),
      ((String) entry.getValue()).replace("FOLLOWER", "[{\"account_index\":7,\"api_key_index\":3,\"private_key\":\""
        + KEY + "\"")));

    assertThat(ConfigLoaderTest.problems(env, dir).problems()).as(what).anyMatch(line -> line.contains(expected));
  }
}
