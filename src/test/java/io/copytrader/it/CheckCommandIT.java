package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperFixture;
import io.copytrader.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} against a paper exchange holding the accounts' registered keys and owner. */
class CheckCommandIT {

  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final TestAccount FIRST = TestAccount.of(2001, 0x31);
  private static final TestAccount SECOND = TestAccount.of(2002, 0x32);
  private static final String CHAIN_ID = String.valueOf(PaperConfig.defaults().chainId());

  @AutoClose
  private static PaperFixture exchange;

  @TempDir
  Path workingDirectory;

  @AutoClose
  private ServiceProcess check;

  @BeforeAll
  static void startExchange() {
    exchange = TestAccount.paperExchange(List.of(FIRST, SECOND));
  }

  @Test
  void passesWithTheRegisteredKeysAndTheirOwner() {
    int status = runCheck(List.of(FIRST, SECOND), TestAccount.OWNER);

    String output = check.output();
    assertThat(status).as(output).isZero();
    assertThat(output).contains("account #2001: API key 0 matches", "account #2002: API key 0 matches")
      .contains("account #2001: owner " + TestAccount.OWNER).doesNotContain("FAILED")
      .contains("account #2001: rails symbol_allowlist=* max_position_usd=5000 max_leverage=3");
  }

  @Test
  void printsTheNetworkAndTheChainIdItChecksOn() {
    runCheck(List.of(FIRST), TestAccount.OWNER);

    assertThat(check.output()).contains("Network custom, chain id " + CHAIN_ID);
  }

  @Test
  void failsNamingTheAccountWhoseKeyIsWrong() {
    TestAccount wrongKey = SECOND.withPrivateKey(0x99);

    int status = runCheck(List.of(FIRST, wrongKey), TestAccount.OWNER);

    String output = check.output();
    assertThat(status).as(output).isNotZero();
    assertThat(output.lines().filter(line -> line.startsWith("FAILED: ")))
      .singleElement().asString().contains("account #2002").contains("API key 0");
    assertThat(output).contains("account #2001: API key 0 matches");
  }

  @Test
  void failsNamingEveryAccountWhenL1AddressIsAnotherOwner() {
    int status = runCheck(List.of(FIRST, SECOND), TestAccount.OTHER_OWNER);

    String output = check.output();
    assertThat(status).as(output).isNotZero();
    assertThat(output.lines().filter(line -> line.startsWith("FAILED: ")))
      .satisfiesExactlyInAnyOrder(
        line -> assertThat(line).contains("account #2001").contains(TestAccount.OTHER_OWNER),
        line -> assertThat(line).contains("account #2002").contains(TestAccount.OTHER_OWNER));
  }

  @Test
  void failsNamingAnAccountTheExchangeDoesNotHave() {
    int status = runCheck(List.of(FIRST, TestAccount.of(2999, 0x33)), TestAccount.OWNER);

    String output = check.output();
    assertThat(status).as(output).isNotZero();
    assertThat(output.lines().filter(line -> line.startsWith("FAILED: ")))
      .isNotEmpty().allSatisfy(line -> assertThat(line).contains("account #2999"))
      .anySatisfy(line -> assertThat(line).contains("not found on Lighter"));
  }

  @Test
  void failsSayingLighterCannotBeReachedRatherThanThatTheAccountIsMissing() {
    Map<String, String> env = new HashMap<>();
    // Port 1 (tcpmux): nothing here listens on it, unlike a "free" port another process may take meanwhile.
    env.put("BASE_URL", "http://127.0.0.1:1");
    env.put("CHAIN_ID", CHAIN_ID);
    env.put("ACCOUNTS", TestAccount.accountsJson(List.of(FIRST)));
    check = ServiceProcess.start(workingDirectory, env, "check");

    int status = check.awaitExit(EXIT);

    String output = check.output();
    assertThat(status).as(output).isNotZero();
    assertThat(output.lines().filter(line -> line.startsWith("FAILED: ")))
      .isNotEmpty().allSatisfy(line -> assertThat(line).contains("account #2001").doesNotContain("not found"))
      .anySatisfy(line -> assertThat(line).contains("cannot read it from Lighter"));
  }

  @Test
  void neverPrintsAPrivateKey() {
    TestAccount wrongKey = SECOND.withPrivateKey(0x99);

    runCheck(List.of(FIRST, wrongKey), TestAccount.OWNER);

    assertThat(check.output().toLowerCase()).doesNotContain(FIRST.privateKeyDigits().substring(0, 16))
      .doesNotContain(wrongKey.privateKeyDigits().substring(0, 16));
  }

  private int runCheck(List<TestAccount> accounts, String l1Address) {
    Map<String, String> env = new HashMap<>();
    env.put("BASE_URL", exchange.baseUrl());
    env.put("CHAIN_ID", CHAIN_ID);
    env.put("ACCOUNTS", TestAccount.accountsJson(accounts));
    env.put("L1_ADDRESS", l1Address);
    env.put("DATA_DIR", workingDirectory.resolve("data").toString());
    check = ServiceProcess.start(workingDirectory, env, "check");
    return check.awaitExit(EXIT);
  }
}
