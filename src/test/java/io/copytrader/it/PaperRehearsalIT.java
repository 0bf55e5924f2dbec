package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code MODE=paper} with accounts configured: exactly those accounts, owned and funded as configured. */
class PaperRehearsalIT {

  private static final TestAccount ACCOUNT = TestAccount.of(7001, 0x81);
  private static final String BALANCE = "3000";

  @TempDir
  Path workingDirectory;

  @AutoClose
  private ServiceProcess service;
  private ServiceApi api;

  @BeforeEach
  void startRehearsal() {
    int port = Http.freePort();
    service = ServiceProcess.start(workingDirectory, Map.of("MODE", "paper",
      "ACCOUNTS", TestAccount.accountsJson(List.of(ACCOUNT)), "PAPER_BALANCE", BALANCE,
      "L1_ADDRESS", TestAccount.OWNER, "HTTP_PORT", String.valueOf(port),
      "DATA_DIR", workingDirectory.resolve("data").toString()));
    service.awaitReady();
    api = new ServiceApi(port);
  }

  @Test
  void tradesOnlyTheConfiguredAccounts() {
    assertThat(service.awaitLine(Pattern.compile("Paper mode: .* with accounts (\\[.*\\])"), Duration.ofSeconds(5))
      .group(1)).isEqualTo("[" + ACCOUNT.accountIndex() + "]");
    Http.Reply demo = Http.postJson(api.baseUrl() + "/api/trade", ServiceApi.open(1001, "ETH", 0.1));
    assertThat(demo.status()).as(demo.body()).isEqualTo(404);
    assertThat(demo.json().getString("code")).isEqualTo("UNKNOWN_ACCOUNT");
  }

  @Test
  void fundsTheAccountWithPaperBalanceUnderL1Address() {
    Http.Reply account = Http.get(api.baseUrl() + "/api/account/" + ACCOUNT.accountIndex());

    assertThat(account.status()).as(account.body()).isEqualTo(200);
    JsonObject body = account.json();
    assertThat(new BigDecimal(body.getValue("collateral").toString())).isEqualByComparingTo(BALANCE);
    assertThat(body.getString("l1_address")).isEqualToIgnoringCase(TestAccount.OWNER);
  }

  @Test
  void aTradeForTheConfiguredAccountFills() {
    JsonObject detail = api.awaitFinal(api.accept(ServiceApi.open(ACCOUNT.accountIndex(), "ETH", 0.5)),
      Duration.ofSeconds(20));

    assertThat(detail.getString("state")).as(detail.encodePrettily()).isEqualTo("filled");
  }
}
