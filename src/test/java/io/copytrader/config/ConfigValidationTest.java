package io.copytrader.config;

import io.copytrader.testing.Configs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {

  private static final String KEY = "ab".repeat(40);

  @TempDir
  Path dir;

  private String onlyProblem(String name, String value) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> Configs.load(Map.of(name, value), dir));
    assertThat(e).as("a problem for %s", name).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
    MAX_SLIPPAGE          | 1.01        | MAX_SLIPPAGE must be between 0 and 1, got 1.01
    MAX_SLIPPAGE          | -0.01       | MAX_SLIPPAGE must be between 0 and 1, got -0.01
    MAX_SLIPPAGE          | abc         | MAX_SLIPPAGE must be a number, got 'abc'
    MAX_SLIPPAGE          | NaN         | MAX_SLIPPAGE must be a number, got 'NaN'
    STOP_LOSS_RATIO       | 2           | STOP_LOSS_RATIO must be between 0 and 1, got 2
    STOP_LOSS_RATIO       | 5%          | STOP_LOSS_RATIO must be a number, got '5%'
    SCALING_FACTOR        | 0           | SCALING_FACTOR must be greater than 0 and at most 100, got 0
    SCALING_FACTOR        | 100.5       | SCALING_FACTOR must be greater than 0 and at most 100, got 100.5
    SCALING_FACTOR        | Infinity    | SCALING_FACTOR must be a number, got 'Infinity'
    MAX_RETRIES           | -1          | MAX_RETRIES must be between 0 and 100, got -1
    MAX_RETRIES           | 2.5         | MAX_RETRIES must be a whole number, got '2.5'
    RETRY_INTERVAL        | 0           | RETRY_INTERVAL must be between 1 and 3600, got 0
    RETRY_INTERVAL        | five        | RETRY_INTERVAL must be a whole number, got 'five'
    HTTP_PORT             | 70000       | HTTP_PORT must be between 0 and 65535, got 70000
    CHAIN_ID              | x           | CHAIN_ID must be a whole number, got 'x'
    MAX_QUEUE_PER_ACCOUNT | 0           | MAX_QUEUE_PER_ACCOUNT must be between 1 and 100000, got 0
    PAPER_BALANCE         | -5          | PAPER_BALANCE must be greater than 0, got -5
    PAPER_SEQUENCER_DELAY_MS | -1       | PAPER_SEQUENCER_DELAY_MS must be between 0 and 600000, got -1
    MAX_SIGNAL_AGE        | 0           | MAX_SIGNAL_AGE must be between 1 and 86400, got 0
    SHUTDOWN_GRACE        | -1          | SHUTDOWN_GRACE must be between 0 and 3600, got -1
    TELEGRAM_THREAD_ID    | general     | TELEGRAM_THREAD_ID must be an integer, got 'general'
    TELEGRAM_BOT_API_KEY  | 123:abc     | TELEGRAM_BOT_API_KEY and TELEGRAM_GROUP_ID must be set together
    TELEGRAM_API_URL      | ftp://x     | TELEGRAM_API_URL must start with http:// or https://
    BASE_URL              | mainnet     | BASE_URL must start with http:// or https://
    MODE                  | demo        | MODE must be paper or live, got 'demo'
    LOG_FORMAT            | xml         | LOG_FORMAT must be text or json, got 'xml'
    PROTECTION_INTERVAL   | 0           | PROTECTION_INTERVAL must be between 1 and 86400, got 0
    PROTECT_EXTERNAL_POSITIONS | close  | PROTECT_EXTERNAL_POSITIONS must be protect or report, got 'close'
    L1_ADDRESS            | 0x1234      | L1_ADDRESS must be a 0x-prefixed 20-byte hex address with a valid EIP-55 checksum
    L1_ADDRESS            | 0xa52458D77266a7b8566D0CCE608a0eCC72229A60 | L1_ADDRESS must be a 0x-prefixed 20-byte hex address with a valid EIP-55 checksum
    """)
  void invalidVariableIsReportedByNameAndRule(String name, String value, String message) {
    assertThat(onlyProblem(name, value)).isEqualTo(message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
    `[{"index":1,"api_index":0,"private_key":"0x1234"}]` | ACCOUNTS[0].private_key must be 40 bytes of hex (80 hex digits, with or without 0x)
    `[{"index":1,"api_index":0,"private_key":"%s"},{"account_index":1,"api_key_index":1,"private_key":"%s"}]` | ACCOUNTS[1]: duplicate account index 1
    `[{"index":1,"api_index":0,"private_key":"%s"`       | ACCOUNTS is not valid JSON at line 1, column %d
    `{"index":1}`                                         | ACCOUNTS must be a JSON array of accounts
    `[{"api_index":0,"private_key":"%s"}]`                | ACCOUNTS[0].account_index is required (or index)
    `[{"index":"one","api_index":0,"private_key":"%s"}]`  | ACCOUNTS[0].index must be an integer
    `[{"index":1.5,"api_index":0,"private_key":"%s"}]`    | ACCOUNTS[0].index must be an integer
    `[{"index":-2,"api_index":0,"private_key":"%s"}]`     | ACCOUNTS[0].index must be between 0 and 281474976710654, got -2
    `[{"index":1,"api_index":255,"private_key":"%s"}]`    | ACCOUNTS[0].api_index must be between 0 and 254, got 255
    `[{"index":1,"index":2,"api_index":0,"private_key":"%s"}]` | ACCOUNTS is not valid JSON at line 1, column %d
    `[{"index":1,"account_index":1,"api_index":0,"private_key":"%s"}]` | ACCOUNTS[0]: set either index or account_index, not both
    `[{"index":1,"api_index":0,"private_key":"%s","colour":3}]` | ACCOUNTS[0]: unknown field 'colour'
    `[{"index":1,"api_index":0,"private_key":"%s","max_slippage":"lots"}]` | ACCOUNTS[0].max_slippage must be a number
    `[{"index":1,"api_index":0,"private_key":"%s","stop_loss_ratio":1.5}]` | ACCOUNTS[0].stop_loss_ratio must be between 0 and 1, got 1.5
    `[{"index":1,"api_index":0,"private_key":"%s","scaling_factor":0}]` | ACCOUNTS[0].scaling_factor must be greater than 0 and at most 100, got 0
    `[{"index":1,"api_index":0,"private_key":"%s","name":""}]` | ACCOUNTS[0].name must be a non-empty string of at most 64 characters
    """)
  void invalidAccountIsReportedByPositionAndRule(String json, String message) {
    String accounts = json.replace("%s", KEY);
    String problem = onlyProblem("ACCOUNTS", accounts);
    if (message.contains("%d")) {
      assertThat(problem).startsWith(message.substring(0, message.indexOf("%d"))).matches(".*column \\d+$");
    } else {
      assertThat(problem).isEqualTo(message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
    `[{"index":1,"api_index":0,"private_key":0x%s}]`
    `[{"index":1,"api_index":0,"private_key":"%s"`
    `[{"index":1,"api_index":0,"private_key":"%s", oops}]`
    """)
  void malformedAccountsNeverEchoThePrivateKey(String json) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
      () -> Configs.load(Map.of("ACCOUNTS", json.replace("%s", KEY)), dir));

    assertThat(e.getMessage()).contains("ACCOUNTS").doesNotContain(KEY).doesNotContain("abab");
  }
}
