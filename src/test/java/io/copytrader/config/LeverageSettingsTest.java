package io.copytrader.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeverageSettingsTest {

  @TempDir
  Path dir;

  private static Map<String, String> env(String global, String accountLeverage) {
    return ConfigLoaderTest.oneAccount("LEVERAGE", global, "leverage", accountLeverage);
  }

  private LeverageSetting effective(String global, String accountLeverage) throws ConfigException {
    return ConfigLoaderTest.load(env(global, accountLeverage), dir).accounts().list().get(0).leverage();
  }

  private static Optional<String> shown(LeverageSetting setting, String symbol) {
    return setting.forSymbol(symbol).map(BigDecimal::toPlainString);
  }

  @Test
  void withoutAnySettingEveryMarketKeepsTheExchangesLeverage() throws Exception {
    LeverageSetting leverage = effective(null, null);

    assertThat(leverage.isEmpty()).isTrue();
    assertThat(leverage.forSymbol("ETH")).isEmpty();
  }

  /** global LEVERAGE | account leverage | symbol | leverage set ("-" none). */
  @ParameterizedTest(name = "LEVERAGE={0} account={1}: {2} at {3}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
    "5                    | null                 | ETH | 5",
    "2.5                  | null                 | btc | 2.5",
    "'{\"ETH\":10}'       | null                 | ETH | 10",
    "'{\"ETH\":10}'       | null                 | BTC | -",
    "'{\"eth\":\"10\"}'   | null                 | ETH | 10",
    "5                    | 3                    | ETH | 3",
    "'{\"ETH\":10}'       | 3                    | ETH | 3",
    "5                    | '{\"BTC\":2}'        | BTC | 2",
    "5                    | '{\"BTC\":2}'        | ETH | 5",
    "'{\"ETH\":10,\"BTC\":4}' | '{\"BTC\":2}'    | ETH | 10",
    "'{\"ETH\":10,\"BTC\":4}' | '{\"BTC\":2}'    | BTC | 2",
    "null                 | '\"7\"'              | SOL | 7",
    "1                    | null                 | ETH | 1",
    "10000                | null                 | ETH | 10000",
  })
  void theAccountsOwnOverridesTheGlobalAndASymbolsOwnTheNumber(String global, String account, String symbol,
                                                                 String expected) throws Exception {
    LeverageSetting leverage = effective(global, account);

    assertThat(shown(leverage, symbol)).isEqualTo(expected.equals("-") ? Optional.empty() : Optional.of(expected));
  }

  /** global LEVERAGE | account leverage | a fragment of the one problem. */
  @ParameterizedTest(name = "LEVERAGE={0} account={1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
    "0             | null              | LEVERAGE must be from 1 to 10000",
    "-3            | null              | LEVERAGE must be from 1 to 10000",
    "0.5           | null              | LEVERAGE must be from 1 to 10000",
    "10001         | null              | got 10001",
    "high          | null              | LEVERAGE must be a number",
    "1e3           | null              | LEVERAGE must be a number",
    "'{\"ETH\":0}' | null              | LEVERAGE.ETH must be from 1 to 10000",
    "'{\"ETH\":true}' | null           | LEVERAGE.ETH must be a number",
    "'{}'          | null              | LEVERAGE must be a number or a non-empty JSON object",
    "'{\"ETH\":5'  | null              | LEVERAGE is not valid JSON",
    "'{\"ETH\":5,\"eth\":6}' | null    | LEVERAGE: symbol ETH is given twice",
    "'{\"\":5}'    | null              | LEVERAGE: a symbol is 1 to 32 printable characters",
    "null          | 0                 | ACCOUNTS[0].leverage must be from 1 to 10000",
    "null          | true              | ACCOUNTS[0].leverage must be a number or a JSON object",
    "null          | '[5]'             | ACCOUNTS[0].leverage must be a number or a JSON object",
    "null          | '{\"ETH\":-2}'    | ACCOUNTS[0].leverage.ETH must be from 1 to 10000",
  })
  void nonsenseIsAConfigurationProblem(String global, String account, String problem) {
    ConfigLoaderTest.assertProblem(env(global, account), dir, problem);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException refused = ConfigLoaderTest.problems(env("'{\"ETH\":0,\"BTC\":20000}'".replace("'", ""),
      "{\"SOL\":-1}"), dir);

    assertThat(refused.problems()).filteredOn(line -> line.contains("leverage") || line.contains("LEVERAGE"))
      .hasSize(3);
  }

  @Test
  void theSettingIsShownPlainly() throws Exception {
    assertThat(effective("5", "{\"ETH\":10,\"BTC\":2.50}").text()).isEqualTo("5, BTC=2.5 ETH=10");
    assertThat(effective("{\"ETH\":10}", null).text()).isEqualTo("ETH=10");
    assertThat(effective("4", null).text()).isEqualTo("4");
    assertThat(effective(null, null).text()).isEqualTo("none (as the exchange has it)");
  }

  @Test
  void demoAccountsOfPaperModeTakeTheGlobalSetting() throws Exception {
    AppConfig config = ConfigLoaderTest.load(Map.of("LEVERAGE", "{\"ETH\":4}"), dir);

    assertThat(config.policy().leverage().forSymbol("ETH")).hasValueSatisfying(
      leverage -> assertThat(leverage).isEqualByComparingTo("4"));
  }
}
