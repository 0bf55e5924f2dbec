package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TakeProfitSettingsTest {

  @TempDir
  Path dir;

  private static Map<String, String> env(String global, String account) {
    return ConfigLoaderTest.oneAccount("TAKE_PROFIT_RATIO", global, "take_profit_ratio", account);
  }

  /** global TAKE_PROFIT_RATIO | account take_profit_ratio | effective ratio | take-profit on. */
  @ParameterizedTest(name = "TAKE_PROFIT_RATIO={0} account={1}: {2}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
    "null  | null    | 0    | false",
    "''    | null    | 0    | false",
    "0.5   | null    | 0.5  | true",
    "0     | null    | 0    | false",
    "10    | null    | 10   | true",
    "0.5   | 0       | 0    | false",
    "null  | 0.25    | 0.25 | true",
    "0.5   | '\"2\"' | 2    | true",
  })
  void offByDefaultAndTheAccountsOwnReplacesTheGlobal(String global, String account, String ratio,
                                                      boolean on) throws Exception {
    AppConfig config = ConfigLoaderTest.load(env(global, account), dir);
    TradingParameters effective = config.accounts().list().get(0).effective(config.policy().trading());

    assertThat(effective.takeProfitRatio()).isEqualByComparingTo(ratio);
    assertThat(effective.takeProfitOn()).isEqualTo(on);
  }

  /** global TAKE_PROFIT_RATIO | account take_profit_ratio | a fragment of the one problem. */
  @ParameterizedTest(name = "TAKE_PROFIT_RATIO={0} account={1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
    "-0.1  | null   | TAKE_PROFIT_RATIO must be from 0 (off) to 10, got -0.1",
    "10.5  | null   | TAKE_PROFIT_RATIO must be from 0 (off) to 10, got 10.5",
    "lots  | null   | TAKE_PROFIT_RATIO must be a number",
    "1e3   | null   | TAKE_PROFIT_RATIO must be a number",
    "null  | -1     | ACCOUNTS[0].take_profit_ratio must be from 0 (off) to 10",
    "null  | true   | ACCOUNTS[0].take_profit_ratio must be a number",
    "null  | '[1]'  | ACCOUNTS[0].take_profit_ratio must be a number",
  })
  void nonsenseIsAConfigurationProblem(String global, String account, String problem) {
    ConfigLoaderTest.assertProblem(env(global, account), dir, problem);
  }
}
