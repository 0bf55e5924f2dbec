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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code paper-exchange} as its own process, and a live service process trading on it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaperExchangeCommandIT {

  private static final TestAccount ACCOUNT = TestAccount.of(5001, 0x61);
  private static final String BALANCE = "2500";

  @AutoClose
  private ServiceProcess paperExchange;
  /** Started by some tests; closed after each, since the class's instance (and its fields) lives for all of them. */
  private ServiceProcess service;
  private String exchangeUrl;

  @BeforeAll
  void startPaperExchange(@TempDir Path workingDirectory) {
    int paperPort = Http.freePort();
    paperExchange = ServiceProcess.start(workingDirectory, Map.of("ACCOUNTS", TestAccount.accountsJson(List.of(ACCOUNT)),
      "PAPER_PORT", String.valueOf(paperPort), "PAPER_BALANCE", BALANCE), "paper-exchange");
    paperExchange.awaitLine(Pattern.compile("Paper exchange listening on"), ServiceProcess.STARTUP);
    exchangeUrl = "http://127.0.0.1:" + paperPort;
  }

  @AfterEach
  void stopService() {
    if (service != null) {
      service.close();
      service = null;
    }
  }

  @Test
  void servesLighterMarketsOnPaperPort() {
    Http.Reply books = Http.get(exchangeUrl + "/api/v1/orderBooks");

    assertThat(books.status()).as(books.body()).isEqualTo(200);
    assertThat(books.json().getJsonArray("order_books").stream().map(JsonObject.class::cast)
      .map(book -> book.getString("symbol"))).contains("ETH", "BTC");
  }

  @Test
  void aLiveServiceProcessFollowsItsStream(@TempDir Path workingDirectory) {
    service = ServiceProcess.start(workingDirectory, ServiceEnvironment.live(exchangeUrl, List.of(ACCOUNT),
      Http.freePort(), workingDirectory.resolve("data")));
    service.awaitReady();

    assertThat(service.awaitLine(Pattern.compile("Lighter stream: connected to ([^ ]+)"), Duration.ofSeconds(10))
      .group(1)).isEqualTo(exchangeUrl.substring("http://".length()));
  }

  @Test
  void registersTheConfiguredAccountWithItsKeyAndBalance() {
    Http.Reply account = Http.get(exchangeUrl + "/api/v1/account?by=index&value=" + ACCOUNT.accountIndex());
    Http.Reply keys = Http.get(exchangeUrl + "/api/v1/apikeys?account_index=" + ACCOUNT.accountIndex()
      + "&api_key_index=" + ACCOUNT.apiKeyIndex());

    assertThat(account.status()).as(account.body()).isEqualTo(200);
    assertThat(new BigDecimal(account.json().getJsonArray("accounts").getJsonObject(0).getString("collateral")))
      .isEqualByComparingTo(BALANCE);
    assertThat(keys.json().getJsonArray("api_keys").getJsonObject(0).getString("public_key"))
      .isEqualToIgnoringCase(ACCOUNT.apiKey().publicKeyHex());
  }

  @Test
  void aLiveServiceProcessTradesOnIt(@TempDir Path workingDirectory) {
    int port = Http.freePort();
    service = ServiceProcess.start(workingDirectory, ServiceEnvironment.live(exchangeUrl, List.of(ACCOUNT), port,
      workingDirectory.resolve("data")));
    service.awaitReady();
    ServiceApi api = new ServiceApi(port);

    JsonObject detail = api.awaitFinal(api.accept(ServiceApi.open(ACCOUNT.accountIndex(), "SOL", 0.2)),
      Duration.ofSeconds(20));

    assertThat(detail.getString("state")).as(detail.encodePrettily()).isEqualTo("filled");
    JsonObject account = Http.get(exchangeUrl + "/api/v1/account?by=index&value=" + ACCOUNT.accountIndex()).json()
      .getJsonArray("accounts").getJsonObject(0);
    JsonObject solana = account.getJsonArray("positions").stream().map(JsonObject.class::cast)
      .filter(position -> position.getInteger("market_id") == 2).findFirst().orElseThrow();
    assertThat(new BigDecimal(solana.getString("position")))
      .isEqualByComparingTo(detail.getJsonArray("orders").getJsonObject(0).getString("filled_base"));
  }

  @Test
  void refusesToStartWithoutAccounts(@TempDir Path workingDirectory) {
    service = ServiceProcess.start(workingDirectory, Map.of("PAPER_PORT", String.valueOf(Http.freePort())),
      "paper-exchange");

    int status = service.awaitExit(Duration.ofSeconds(20));

    assertThat(status).as(service.output()).isEqualTo(2);
    assertThat(service.output()).contains("ACCOUNTS");
  }
}
