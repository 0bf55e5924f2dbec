package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.webhook.SignalSource;
import io.copytrader.webhook.SignalSources;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalSourceSettingsTest {

  private static final String KEY = "ab".repeat(40);
  private static final String ACCOUNTS = "[{\"account_index\":7,\"api_key_index\":0,\"private_key\":\"" + KEY + "\"},"
    + "{\"account_index\":8,\"api_key_index\":0,\"private_key\":\"" + KEY + "\"}]";
  private static final String TOKEN = "tv-token-0123456789abcdef";
  private static final String HMAC = "hmac-secret-0123456789";

  @TempDir
  Path dir;

  private static String source(String fields) {
    return "[{\"name\":\"tv\",\"token\":\"" + TOKEN + "\",\"accounts\":[7,8]" + fields + "}]";
  }

  private SignalSources load(String sources, String proxies) throws ConfigException {
    Map<String, String> env = proxies == null ? Map.of("ACCOUNTS", ACCOUNTS, "SIGNAL_SOURCES", sources)
      : Map.of("ACCOUNTS", ACCOUNTS, "SIGNAL_SOURCES", sources, "WEBHOOK_TRUSTED_PROXIES", proxies);
    return ConfigLoaderTest.load(env, dir).http().signalSources();
  }

  private List<String> problems(String sources) {
    return ConfigLoaderTest.problems(Map.of("ACCOUNTS", ACCOUNTS, "SIGNAL_SOURCES", sources), dir).problems();
  }

  @Test
  void withoutSignalSourcesNoTokenOpensTheWebhook() throws Exception {
    SignalSources sources = ConfigLoaderTest.load(Map.of("ACCOUNTS", ACCOUNTS), dir).http().signalSources();

    assertThat(sources.isEmpty()).isTrue();
    assertThat(sources.byToken(TOKEN)).isEmpty();
  }

  @Test
  void aSourceIsReadWithEverySetting() throws Exception {
    SignalSources sources = load(source(",\"hmac_secret\":\"" + HMAC + "\",\"ip_allowlist\":[\"tradingview\","
      + "\"10.0.0.0/8\",\"::1\"],\"defaults\":{\"ratio\":\"0.25\",\"symbols\":{\"xbtusd\":\"BTC\"}}"), "127.0.0.1");

    SignalSource source = sources.byToken(TOKEN).orElseThrow();
    assertThat(source.name()).isEqualTo("tv");
    assertThat(source.accounts()).containsExactly(7L, 8L);
    assertThat(source.hmacSecret().reveal()).isEqualTo(HMAC);
    assertThat(source.allows("52.89.214.238")).isTrue();
    assertThat(source.allows("10.1.2.3")).isTrue();
    assertThat(source.allows("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(source.allows("127.0.0.1")).isFalse();
    assertThat(source.defaultRatio()).isEqualByComparingTo(new BigDecimal("0.25"));
    assertThat(source.symbols()).containsExactly(Map.entry("XBTUSD", "BTC"));
    assertThat(sources.trustedProxies().contains("127.0.0.1")).isTrue();
    assertThat(source.summary()).isEqualTo("tv: accounts [7, 8], signed, from its ip_allowlist, default ratio 0.25,"
      + " symbols {XBTUSD=BTC}");
  }

  @Test
  void theConfigurationPrintsNeitherTokenNorHmacSecret() throws Exception {
    AppConfig config = ConfigLoaderTest.load(Map.of("ACCOUNTS", ACCOUNTS, "SIGNAL_SOURCES",
      source(",\"hmac_secret\":\"" + HMAC + "\"")), dir);

    assertThat(config.toString()).contains("name=tv").doesNotContain(TOKEN).doesNotContain(HMAC);
  }

  @Test
  void aTokenFindsOnlyItsOwnSource() throws Exception {
    SignalSources sources = load("[{\"name\":\"a\",\"token\":\"" + TOKEN + "\",\"accounts\":[7]},"
      + "{\"name\":\"b\",\"token\":\"" + TOKEN + "x\",\"accounts\":[8]}]", null);

    assertThat(sources.byToken(TOKEN).orElseThrow().name()).isEqualTo("a");
    assertThat(sources.byToken(TOKEN + "x").orElseThrow().name()).isEqualTo("b");
    assertThat(sources.byToken(TOKEN.substring(1))).isEmpty();
    assertThat(sources.byToken("")).isEmpty();
    assertThat(sources.byToken(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "not json                                        | SIGNAL_SOURCES is not valid JSON at line 1",
    "{}                                              | SIGNAL_SOURCES must be a JSON array of sources",
    "[1]                                             | SIGNAL_SOURCES[0] must be a JSON object",
    "[{'token':'TOKEN','accounts':[7]}]              | SIGNAL_SOURCES[0].name is required",
    "[{'name':'a b','token':'TOKEN','accounts':[7]}] | SIGNAL_SOURCES[0].name must be 1 to 32 characters of A-Z a-z 0-9 _ . -",
    "[{'name':'a','accounts':[7]}]                   | SIGNAL_SOURCES[0].token is required",
    "[{'name':'a','token':'short-token-15c','accounts':[7]}] | SIGNAL_SOURCES[0].token must be a string of 16 to 128 characters of A-Z a-z 0-9 . _ ~ - (it goes in a URL)",
    "[{'name':'a','token':'a token with spaces','accounts':[7]}] | SIGNAL_SOURCES[0].token must be a string of 16 to 128 characters",
    "[{'name':'a','token':'TOKEN'}]                  | SIGNAL_SOURCES[0].accounts must be a non-empty array of account indexes",
    "[{'name':'a','token':'TOKEN','accounts':[]}]    | SIGNAL_SOURCES[0].accounts must be a non-empty array of account indexes",
    "[{'name':'a','token':'TOKEN','accounts':['7']}] | SIGNAL_SOURCES[0].accounts must hold account indexes (integers from 0 to 281474976710654)",
    "[{'name':'a','token':'TOKEN','accounts':[9]}]   | SIGNAL_SOURCES[0].accounts: account 9 is not in ACCOUNTS",
    "[{'name':'a','token':'TOKEN','accounts':[7,7]}] | SIGNAL_SOURCES[0].accounts: account 7 is listed twice",
    "[{'name':'a','token':'TOKEN','accounts':[7],'hmac_secret':'short'}] | SIGNAL_SOURCES[0].hmac_secret must be a string of 16 to 256 characters of printable ASCII",
    "[{'name':'a','token':'TOKEN','accounts':[7],'ip_allowlist':[]}] | SIGNAL_SOURCES[0].ip_allowlist must be \"tradingview\" or a non-empty array",
    "[{'name':'a','token':'TOKEN','accounts':[7],'ip_allowlist':['example.com']}] | SIGNAL_SOURCES[0].ip_allowlist: 'example.com' is not an IP address, a CIDR range or tradingview",
    "[{'name':'a','token':'TOKEN','accounts':[7],'ip_allowlist':['10.0.0.0/40']}] | SIGNAL_SOURCES[0].ip_allowlist: '10.0.0.0/40' has a prefix length that is not 0 to 32",
    "[{'name':'a','token':'TOKEN','accounts':[7],'defaults':{'ratio':0}}] | SIGNAL_SOURCES[0].defaults.ratio must be a number greater than 0 and at most 1",
    "[{'name':'a','token':'TOKEN','accounts':[7],'defaults':{'ratio':'1.5'}}] | SIGNAL_SOURCES[0].defaults.ratio must be a number greater than 0 and at most 1",
    "[{'name':'a','token':'TOKEN','accounts':[7],'defaults':{'symbols':{'X':5}}}] | SIGNAL_SOURCES[0].defaults.symbols must map each ticker",
    "[{'name':'a','token':'TOKEN','accounts':[7],'defaults':{'leverage':2}}] | SIGNAL_SOURCES[0].defaults: unknown field 'leverage'",
    "[{'name':'a','token':'TOKEN','accounts':[7],'tokn':1}] | SIGNAL_SOURCES[0]: unknown field 'tokn'",
    "[{'name':'a','token':'TOKEN','accounts':[7]},{'name':'a','token':'TOKENx','accounts':[8]}] | SIGNAL_SOURCES[1].name is also SIGNAL_SOURCES[0]'s",
    "[{'name':'a','token':'TOKEN','accounts':[7]},{'name':'b','token':'TOKEN','accounts':[8]}] | SIGNAL_SOURCES[1].token is also SIGNAL_SOURCES[0]'s: each source needs its own"})
  void aBadSourceIsAProblemNamingTheEntryAndField(String sources, String problem) {
    List<String> problems = problems(sources.replace('\'', '"').replace("TOKEN", TOKEN));

    assertThat(problems).singleElement().asString().startsWith(problem);
    assertThat(String.join("\n", problems)).doesNotContain(TOKEN);
  }

  @Test
  void aBadTrustedProxyIsAProblem() {
    assertThat(ConfigLoaderTest.problems(Map.of("WEBHOOK_TRUSTED_PROXIES", "127.0.0.1, proxy.local"), dir)
      .problems()).containsExactly(
        "WEBHOOK_TRUSTED_PROXIES: 'proxy.local' is not an IP address, a CIDR range or tradingview");
  }

  @Test
  void noProblemShowsATokenOrAnHmacSecretWhateverIsWrongWithIt() {
    String longToken = "t".repeat(200);
    String badSecret = "secret with spaces and more than sixteen";
    List<String> problems = problems("[{\"name\":\"a\",\"token\":\"" + longToken + "\",\"accounts\":[7],"
      + "\"hmac_secret\":\"" + badSecret + "\"},{\"name\":\"b\",\"token\":\"" + TOKEN + " \",\"accounts\":[8]}]");

    assertThat(problems).hasSize(3);
    assertThat(String.join("\n", problems)).doesNotContain(longToken).doesNotContain(badSecret)
      .doesNotContain(TOKEN);
  }

  @Test
  void signalSourcesAreASecretThatNoConfigJsonMayHold() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("conf"));
    java.nio.file.Files.writeString(dir.resolve("conf/config.json"), "{\"SIGNAL_SOURCES\": \"" + TOKEN + "\"}");

    List<String> problems = ConfigLoaderTest.problems(Map.of(), dir).problems();

    assertThat(problems).singleElement().asString()
      .endsWith("SIGNAL_SOURCES is a secret and belongs in .env or the environment").doesNotContain(TOKEN);
  }
}
