package io.copytrader.config;

import io.copytrader.testing.Configs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  static final String KEY_A = "0x" + "ab".repeat(40);
  static final String KEY_B = "cd".repeat(40);

  @TempDir
  Path dir;

  private AppConfig load(Map<String, String> env) throws ConfigException {
    return load(env, dir);
  }

  private ConfigException problems(Map<String, String> env) {
    return problems(env, dir);
  }

  /** The configuration {@code env} gives with {@code dir} as the working directory. */
  static AppConfig load(Map<String, String> env, Path dir) throws ConfigException {
    return Configs.load(env, dir).config();
  }

  /**
   * An environment of one account (7, key index 3) with {@code field} set to the JSON {@code value} (null: left
   * out) and the global {@code setting} set to {@code global} (null: unset).
   */
  static Map<String, String> oneAccount(String setting, String global, String field, String value) {
    Map<String, String> env = new HashMap<>();
    if (global != null) {
      env.put(setting, global);
    }
    env.put("ACCOUNTS", "[{\"account_index\":7,\"api_key_index\":3,\"private_key\":\"" + "ab".repeat(40) + "\""
      + (value == null ? "" : ",\"" + field + "\":" + value) + "}]");
    return env;
  }

  /** The problems {@code env} has, with {@code dir} as the working directory. */
  static ConfigException problems(Map<String, String> env, Path dir) {
    return catchThrowableOfType(ConfigException.class, () -> Configs.load(env, dir));
  }

  /** Loading {@code env} fails as a configuration problem, one of whose lines contains {@code problem}. */
  static void assertProblem(Map<String, String> env, Path dir, String problem) {
    ConfigException refused = problems(env, dir);

    assertThat(refused).isNotNull();
    assertThat(refused.problems()).anySatisfy(line -> assertThat(line).contains(problem));
  }

  @Test
  void everyVariableHasItsDocumentedDefault() throws Exception {
    AppConfig config = load(Map.of());

    assertThat(config.lighter().baseUrl()).isEqualTo("https://mainnet.zklighter.elliot.ai");
    assertThat(config.lighter().chainId()).isEqualTo(304);
    assertThat(config.accounts().l1Address()).isNull();
    assertThat(config.accounts().list()).isEmpty();
    assertThat(config.mode()).isEqualTo(Mode.PAPER);
    assertThat(config.policy().trading().maxSlippage()).isEqualByComparingTo("0.01");
    assertThat(config.policy().trading().stopLossRatio()).isEqualByComparingTo("0.05");
    assertThat(config.policy().trading().scalingFactor()).isEqualByComparingTo("0.8");
    assertThat(config.policy().maxRetries()).isEqualTo(3);
    assertThat(config.policy().retryInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.telegram().enabled()).isFalse();
    assertThat(config.telegram().threadId()).isNull();
    assertThat(config.telegram().apiUrl()).isEqualTo("https://api.telegram.org");
    assertThat(config.http().apiKey()).isNull();
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(8000);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.journal()).isEqualTo(JournalSettings.SQLITE);
    assertThat(config.policy().maxQueuePerAccount()).isEqualTo(100);
    assertThat(config.paper().port()).isNull();
    assertThat(config.paper().balance()).isEqualByComparingTo("10000");
    assertThat(config.policy().maxSignalAge()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.logFormat()).isEqualTo(AppConfig.LogFormat.TEXT);
    assertThat(config.policy().protectionInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.policy().protectExternalPositions()).isEqualTo(ExternalPositions.REPORT);
  }

  static Stream<Arguments> variables() {
    return Stream.of(
      Arguments.of("BASE_URL", "https://testnet.zklighter.elliot.ai",
        (Function<AppConfig, Object>) c -> c.lighter().baseUrl(),
        "https://testnet.zklighter.elliot.ai"),
      Arguments.of("CHAIN_ID", "466324", (Function<AppConfig, Object>) c -> c.lighter().chainId(), 466324),
      Arguments.of("L1_ADDRESS", "0xA52458D77266a7b8566D0CCE608a0eCC72229A60",
        (Function<AppConfig, Object>) c -> c.accounts().l1Address(), "0xA52458D77266a7b8566D0CCE608a0eCC72229A60"),
      Arguments.of("MAX_SLIPPAGE", "0.02", (Function<AppConfig, Object>) c -> c.policy().trading().maxSlippage(),
        new BigDecimal("0.02")),
      Arguments.of("STOP_LOSS_RATIO", "0.1", (Function<AppConfig, Object>) c -> c.policy().trading().stopLossRatio(),
        new BigDecimal("0.1")),
      Arguments.of("SCALING_FACTOR", "1.5", (Function<AppConfig, Object>) c -> c.policy().trading().scalingFactor(),
        new BigDecimal("1.5")),
      Arguments.of("MAX_RETRIES", "0", (Function<AppConfig, Object>) c -> c.policy().maxRetries(), 0),
      Arguments.of("RETRY_INTERVAL", "2",
        (Function<AppConfig, Object>) c -> c.policy().retryInterval(), Duration.ofSeconds(2)),
      Arguments.of("TELEGRAM_THREAD_ID", "42", (Function<AppConfig, Object>) c -> c.telegram().threadId(), 42L),
      Arguments.of("TELEGRAM_API_URL", "http://127.0.0.1:9999",
        (Function<AppConfig, Object>) c -> c.telegram().apiUrl(),
        "http://127.0.0.1:9999"),
      Arguments.of("HTTP_HOST", "0.0.0.0", (Function<AppConfig, Object>) c -> c.http().host(), "0.0.0.0"),
      Arguments.of("HTTP_PORT", "9000", (Function<AppConfig, Object>) c -> c.http().port(), 9000),
      Arguments.of("DATA_DIR", "/var/lib/trader", (Function<AppConfig, Object>) AppConfig::dataDir,
        Path.of("/var/lib/trader")),
      Arguments.of("JOURNAL_URL", "postgresql://trader:pw@db.internal:5433/journal",
        (Function<AppConfig, Object>) c -> c.journal().shown(), "postgresql://trader@db.internal:5433/journal"),
      Arguments.of("MAX_QUEUE_PER_ACCOUNT", "5", (Function<AppConfig, Object>) c -> c.policy().maxQueuePerAccount(), 5),
      Arguments.of("MODE", "paper", (Function<AppConfig, Object>) AppConfig::mode, Mode.PAPER),
      Arguments.of("PAPER_PORT", "18080", (Function<AppConfig, Object>) c -> c.paper().port(), 18080),
      Arguments.of("PAPER_BALANCE", "2500.5", (Function<AppConfig, Object>) c -> c.paper().balance(),
        new BigDecimal("2500.5")),
      Arguments.of("PAPER_SEQUENCER_DELAY_MS", "40", (Function<AppConfig, Object>) c -> c.paper().sequencerDelay(),
        Duration.ofMillis(40)),
      Arguments.of("MAX_SIGNAL_AGE", "30",
        (Function<AppConfig, Object>) c -> c.policy().maxSignalAge(), Duration.ofSeconds(30)),
      Arguments.of("SHUTDOWN_GRACE", "5",
        (Function<AppConfig, Object>) AppConfig::shutdownGrace, Duration.ofSeconds(5)),
      Arguments.of("LOG_FORMAT", "json", (Function<AppConfig, Object>) AppConfig::logFormat, AppConfig.LogFormat.JSON),
      Arguments.of("PROTECTION_INTERVAL", "5", (Function<AppConfig, Object>) c -> c.policy().protectionInterval(),
        Duration.ofSeconds(5)),
      Arguments.of("PROTECT_EXTERNAL_POSITIONS", "Protect",
        (Function<AppConfig, Object>) c -> c.policy().protectExternalPositions(), ExternalPositions.PROTECT));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("variables")
  void eachVariableIsReadFromTheEnvironment(String name, String value, Function<AppConfig, Object> read,
                                            Object expected) throws Exception {
    Object actual = read.apply(load(Map.of(name, value)));

    if (expected instanceof BigDecimal decimal) {
      assertThat((BigDecimal) actual).isEqualByComparingTo(decimal);
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void telegramIsEnabledWithTokenAndChat() throws Exception {
    AppConfig config = load(Map.of("TELEGRAM_BOT_API_KEY", "123:secret-token", "TELEGRAM_GROUP_ID", "-100123"));

    assertThat(config.telegram().enabled()).isTrue();
    assertThat(config.telegram().botToken()).isEqualTo("123:secret-token");
    assertThat(config.telegram().chatId()).isEqualTo("-100123");
  }

  @Test
  void missingTelegramIsOnlyAWarning() throws Exception {
    LoadedConfig loaded = Configs.load(Map.of(), dir);

    assertThat(loaded.warnings()).anyMatch(w -> w.contains("Telegram is not configured"));
  }

  @Test
  void apiKeyIsKeptAsASecretAndOpensTheDefaultBindAddress() throws Exception {
    AppConfig config = load(Map.of("API_KEY", "s3cret"));

    assertThat(config.http().apiKey().matches("s3cret")).isTrue();
    assertThat(config.http().apiKey().matches("s3creT")).isFalse();
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void withoutApiKeyTheServiceBindsToLoopbackAndWarns() throws Exception {
    LoadedConfig loaded = Configs.load(Map.of(), dir);

    assertThat(loaded.config().http().host()).isEqualTo("127.0.0.1");
    assertThat(loaded.warnings()).filteredOn(w -> w.contains("API_KEY is not set")).hasSize(1);
  }

  @Test
  void chainIdIsDerivedFromATestnetBaseUrl() throws Exception {
    assertThat(load(Map.of("BASE_URL", "https://testnet.zklighter.elliot.ai")).lighter().chainId()).isEqualTo(300);
  }

  @Test
  void pythonAccountsFormatIsAccepted() throws Exception {
    AppConfig config = load(Map.of("ACCOUNTS",
      "[{\"index\":123,\"api_index\":2,\"private_key\":\"" + KEY_A + "\"}]"));

    assertThat(config.accounts().list()).singleElement().satisfies(account -> {
      assertThat(account.accountIndex()).isEqualTo(123);
      assertThat(account.apiKeyIndex()).isEqualTo(2);
      assertThat(account.privateKey().reveal()).isEqualTo("ab".repeat(40));
      assertThat(account.name()).isNull();
    });
    assertThat(config.mode()).isEqualTo(Mode.LIVE);
  }

  @Test
  void namedAccountsFormatWithOverridesIsAccepted() throws Exception {
    AppConfig config = load(Map.of("ACCOUNTS", "[{\"account_index\":7,\"api_key_index\":3,\"private_key\":\""
      + KEY_B + "\",\"name\":\"main\",\"scaling_factor\":2,\"max_slippage\":\"0.005\",\"stop_loss_ratio\":0.2}]"));

    AccountConfig account = config.accounts().list().get(0);
    assertThat(account.accountIndex()).isEqualTo(7);
    assertThat(account.apiKeyIndex()).isEqualTo(3);
    assertThat(account.name()).isEqualTo("main");
    TradingParameters effective = account.effective(config.policy().trading());
    assertThat(effective.scalingFactor()).isEqualByComparingTo("2");
    assertThat(effective.maxSlippage()).isEqualByComparingTo("0.005");
    assertThat(effective.stopLossRatio()).isEqualByComparingTo("0.2");
  }

  @Test
  void accountsWithoutOverridesUseTheServiceWideParameters() throws Exception {
    AppConfig config = load(Map.of("SCALING_FACTOR", "0.5", "ACCOUNTS",
      "[{\"index\":1,\"api_index\":0,\"private_key\":\"" + KEY_B + "\"}]"));

    assertThat(config.accounts().list().get(0).effective(config.policy().trading()).scalingFactor())
      .isEqualByComparingTo("0.5");
  }

  @Test
  void accountsFileSuppliesTheAccounts() throws Exception {
    Files.writeString(dir.resolve("accounts.json"),
      "[{\"account_index\":9,\"api_key_index\":1,\"private_key\":\"" + KEY_B + "\"}]");

    AppConfig config = load(Map.of("ACCOUNTS_FILE", "accounts.json"));

    assertThat(config.accounts().list()).extracting(AccountConfig::accountIndex).containsExactly(9L);
  }

  @Test
  void accountsFileAndAccountsTogetherAreRefused() throws IOException {
    Files.writeString(dir.resolve("accounts.json"), "[]");

    assertThat(problems(Map.of("ACCOUNTS_FILE", "accounts.json", "ACCOUNTS", "[]")).problems())
      .contains("ACCOUNTS_FILE and ACCOUNTS are both set: set only one of them");
  }

  @Test
  void envFileOverridesDefaultsAndEnvironmentOverridesEnvFile() throws Exception {
    Files.writeString(dir.resolve(".env"), "MAX_RETRIES=7\nRETRY_INTERVAL=9\n");

    AppConfig config = load(Map.of("RETRY_INTERVAL", "11"));

    assertThat(config.policy().maxRetries()).isEqualTo(7);
    assertThat(config.policy().retryInterval()).isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void workingDirectoryConfigJsonOverridesTheBundledDefaults() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/config.json"), "{\"HTTP_PORT\": 8123}");
    Files.writeString(dir.resolve(".env"), "MAX_RETRIES=1\n");

    AppConfig config = load(Map.of());

    assertThat(config.http().port()).isEqualTo(8123);
    assertThat(config.policy().maxRetries()).isEqualTo(1);
  }

  @Test
  void eachStoreOverridesTheStoresBeforeIt() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/config.json"),
      "{\"HTTP_PORT\": 8123, \"MAX_RETRIES\": 4, \"RETRY_INTERVAL\": 6}");
    Files.writeString(dir.resolve(".env"), "MAX_RETRIES=7\nRETRY_INTERVAL=9\n");

    AppConfig config = load(Map.of("RETRY_INTERVAL", "11"));

    assertThat(config.policy().maxQueuePerAccount()).as("bundled").isEqualTo(100);
    assertThat(config.http().port()).as("working-directory conf/config.json").isEqualTo(8123);
    assertThat(config.policy().maxRetries()).as(".env").isEqualTo(7);
    assertThat(config.policy().retryInterval()).as("environment").isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void workingDirectoryConfigJsonProblemsNameTheFile() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Path local = dir.resolve("conf/config.json");
    Files.writeString(local, "{\"NOT_A_SETTING\": 1, \"HTTP_PORT\": [1]}");

    assertThat(problems(Map.of()).problems()).containsExactly(
      local + ": unknown variable NOT_A_SETTING", local + ": HTTP_PORT must be a string or a number");
  }

  @Test
  void invalidWorkingDirectoryConfigJsonIsAProblem() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/config.json"), "{\"HTTP_PORT\": 80,}");

    assertThat(problems(Map.of()).problems()).singleElement().asString()
      .startsWith(dir.resolve("conf/config.json") + " is not valid JSON");
  }

  @Test
  void problemsOfEveryStoreAreReportedTogetherInStoreOrder() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/config.json"), "{\"NOT_A_SETTING\": 1}");
    Files.writeString(dir.resolve(".env"), "no equals sign\n");

    assertThat(problems(Map.of("MAX_RETRIES", "many")).problems()).containsExactly(
      dir.resolve("conf/config.json") + ": unknown variable NOT_A_SETTING",
      ".env line 1: expected KEY=VALUE",
      "MAX_RETRIES must be a whole number, got 'many'");
  }

  @Test
  void environmentVariablesThatAreNotSettingsAreIgnored() throws Exception {
    assertThat(load(Map.of("NOT_A_SETTING", "x", "PATH", "/usr/bin")).policy().maxRetries()).isEqualTo(3);
  }

  @Test
  void envFileNamedByEnvFileIsRead() throws Exception {
    Files.writeString(dir.resolve("prod.env"), "MAX_RETRIES=4\n");
    Files.writeString(dir.resolve(".env"), "MAX_RETRIES=8\n");

    assertThat(load(Map.of("ENV_FILE", "prod.env")).policy().maxRetries()).isEqualTo(4);
  }

  @Test
  void missingEnvFileNamedByEnvFileIsAProblem() {
    assertThat(problems(Map.of("ENV_FILE", "nope.env")).problems())
      .contains("ENV_FILE names nope.env, which does not exist or is not a file");
  }

  @Test
  void pythonEnvFileWithQuotedMultiLineAccountsIsRead() throws Exception {
    Files.writeString(dir.resolve(".env"), "# copied from the Python service\n"
      + "BASE_URL=https://mainnet.zklighter.elliot.ai  # mainnet\n"
      + "L1_ADDRESS=0xA52458D77266a7b8566D0CCE608a0eCC72229A60\n"
      + "ACCOUNTS='[\n  {\"index\": 5, \"api_index\": 1, \"private_key\": \"" + KEY_A + "\"}\n]'\n"
      + "export SCALING_FACTOR=\"0.8\"\n"
      + "TELEGRAM_THREAD_ID=\n");

    AppConfig config = load(Map.of());

    assertThat(config.accounts().list()).extracting(AccountConfig::accountIndex).containsExactly(5L);
    assertThat(config.policy().trading().scalingFactor()).isEqualByComparingTo("0.8");
    assertThat(config.telegram().threadId()).isNull();
  }

  @Test
  void liveModeWithoutAccountsIsAConfigurationError() {
    assertThat(problems(Map.of("MODE", "live")).problems())
      .contains("MODE=live needs at least one account in ACCOUNTS or ACCOUNTS_FILE");
  }

  @Test
  void paperModeKeepsConfiguredAccounts() throws Exception {
    AppConfig config = load(Map.of("MODE", "paper", "ACCOUNTS",
      "[{\"index\":1,\"api_index\":0,\"private_key\":\"" + KEY_B + "\"}]"));

    assertThat(config.mode()).isEqualTo(Mode.PAPER);
    assertThat(config.accounts().list()).hasSize(1);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("MAX_SLIPPAGE", "1.5");
    env.put("STOP_LOSS_RATIO", "-0.1");
    env.put("SCALING_FACTOR", "0");
    env.put("MAX_RETRIES", "-1");
    env.put("RETRY_INTERVAL", "0");

    assertThat(problems(env).problems()).hasSize(5);
  }
}
