package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An invalid {@code .env} in the working directory: every problem printed, exit status 2, no key echoed. */
class ConfigErrorIT {

  private static final Duration EXIT = Duration.ofSeconds(20);
  /** 40 bytes of 0xa7: easy to spot in output, in whole or in part. */
  private static final String KEY = "a7".repeat(40);
  private static final String KEY_FRAGMENT = "a7a7a7a7";

  @TempDir
  Path workingDirectory;

  @AutoClose
  private ServiceProcess service;

  @Test
  void printsEveryProblemOnItsOwnLineAndExitsWith2() throws IOException {
    writeEnv("""
      MAX_SLIPPAGE=2
      HTTP_PORT=abc
      RETRY_INTERVAL=0
      L1_ADDRESS=0xnotanaddress
      ACCOUNTS=[{"index":1,"api_index":0,"private_key":"0x%s","scaling_factor":500},{"index":2,"api_index":0,"private_key":"0x1234"}]
      """.formatted(KEY));

    int status = run();

    String output = service.output();
    assertThat(status).as(output).isEqualTo(2);
    assertThat(output.lines().filter(line -> line.startsWith("  - ")))
      .anySatisfy(line -> assertThat(line).contains("MAX_SLIPPAGE"))
      .anySatisfy(line -> assertThat(line).contains("HTTP_PORT"))
      .anySatisfy(line -> assertThat(line).contains("RETRY_INTERVAL"))
      .anySatisfy(line -> assertThat(line).contains("L1_ADDRESS"))
      .anySatisfy(line -> assertThat(line).contains("ACCOUNTS[0].scaling_factor"))
      .anySatisfy(line -> assertThat(line).contains("ACCOUNTS[1].private_key"))
      .hasSize(6);
    assertThat(output).doesNotContain("Ready:");
  }

  @Test
  void aLiveServiceOnAnUnknownHostWithoutChainIdExitsWith2NamingChainId() throws IOException {
    writeEnv("BASE_URL=http://127.0.0.1:9\nACCOUNTS=[{\"index\":1,\"api_index\":0,\"private_key\":\"0x%s\"}]\n"
      .formatted(KEY));

    int status = run();

    String output = service.output();
    assertThat(status).as(output).isEqualTo(2);
    assertThat(output.lines().filter(line -> line.startsWith("  - "))).containsExactly("  - CHAIN_ID must be set: "
      + "BASE_URL's host 127.0.0.1 is none of the known networks (lighter, lighter-testnet, robinhood, "
      + "robinhood-testnet) and NETWORK is not set");
  }

  @Test
  void aLeverageForASymbolTheExchangeDoesNotListExitsWith2OnceTheMarketsAreRead() throws IOException {
    writeEnv("LEVERAGE={\"NOPE\":5}\nHTTP_PORT=0\n");

    int status = run();

    String output = service.output();
    assertThat(status).as(output).isEqualTo(2);
    assertThat(output.lines().filter(line -> line.startsWith("  - "))).hasSize(2).allSatisfy(line -> assertThat(line)
      .startsWith("  - account demo-").endsWith(": leverage is set for NOPE, which is not a market of the exchange"));
    assertThat(output).doesNotContain("Ready:");
  }

  @Test
  void aFollowerOfAnUnknownLeaderExitsWith2NamingEachProblemAndNotTheKey() throws IOException {
    writeEnv(("LEADERS=[{\"name\":\"whale\",\"account_index\":900}]\nLEADER_DEBOUNCE_MS=-1\n"
      + "ACCOUNTS=[{\"index\":1,\"api_index\":0,\"private_key\":\"0x%s\",\"follow\":\"shark\","
      + "\"sizing\":\"kelly\"}]\n").formatted(KEY));

    int status = run();

    String output = service.output();
    assertThat(status).as(output).isEqualTo(2);
    assertThat(output.lines().filter(line -> line.startsWith("  - "))).containsExactlyInAnyOrder(
      "  - ACCOUNTS[0].follow must name a leader of LEADERS",
      "  - ACCOUNTS[0].sizing must be equity_ratio, fixed_ratio or fixed_notional",
      "  - LEADER_DEBOUNCE_MS must be a whole number of milliseconds, got '-1'");
    assertThat(output).doesNotContain(KEY_FRAGMENT);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "[{\"index\":1,\"api_index\":0,\"private_key\":\"0x%s\",\"scaling_factor\":500}]",
    "[{\"index\":1,\"api_index\":0,\"private_key\":\"0x%s00\"}]",
    "[{\"index\":1,\"api_index\":0,\"private_key\":\"0x%szz\"}]",
    "[{\"index\":1,\"api_index\":0,\"private_key\":0x%s}]",
    "[{\"index\":1,\"api_index\":0,\"private_key\":%s}]",
    "[{\"index\":1,\"api_index\":0,\"private_key\":\"0x%s\" \"name\":\"main\"}]",
    "[{\"index\":1,\"api_index\":0,\"privat_key\":\"0x%s\"}]",
    "[{\"index\":\"one\",\"api_index\":0,\"private_key\":\"0x%s\"}]",
    "{\"index\":1,\"api_index\":0,\"private_key\":\"0x%s\"}",
    "[[\"0x%s\"]]"
  })
  void neverEchoesThePrivateKeyOfAnInvalidAccount(String accounts) throws IOException {
    writeEnv("ACCOUNTS=" + accounts.formatted(KEY) + "\n");

    int status = run();

    String output = service.output();
    assertThat(status).isEqualTo(2);
    assertThat(output).contains("ACCOUNTS");
    assertThat(output.toLowerCase()).doesNotContain(KEY_FRAGMENT);
  }

  private void writeEnv(String content) throws IOException {
    Files.writeString(workingDirectory.resolve(".env"), content);
  }

  private int run() {
    service = ServiceProcess.start(workingDirectory, Map.of("DATA_DIR", workingDirectory.resolve("data").toString()));
    return service.awaitExit(EXIT);
  }
}
