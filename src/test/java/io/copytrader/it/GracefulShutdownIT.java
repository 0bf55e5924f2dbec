package io.copytrader.it;

import static io.copytrader.testing.Polling.pause;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.paper.PaperFixture;
import io.copytrader.paper.PaperTrader;
import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a live service while its first request executes (every exchange call slowed by the paper
 * exchange's {@code latency_ms} fault) and three more wait. One stop and one restart for the class; each test
 * reads one consequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownIT {

  private static final List<String> SYMBOLS = List.of("ETH", "BTC", "SOL", "RESOLV");
  private static final Map<String, Integer> MARKETS = Map.of("ETH", 0, "BTC", 1, "SOL", 2, "RESOLV", 51);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration LATENCY = Duration.ofMillis(300);
  private static final TestAccount ACCOUNT = TestAccount.of(4001, 0x51);

  private Path workingDirectory;
  @AutoClose
  private PaperFixture exchange;
  @AutoClose
  private ServiceProcess service;
  private int port;
  private final Map<String, String> requestBySymbol = new LinkedHashMap<>();
  /** What intake answered between the stop and the exit: a status, or empty when no connection was made. */
  private final List<Optional<Http.Reply>> intakeWhileStopping = new ArrayList<>();
  private int exitStatus;
  private String stoppedOutput;
  private Map<String, String> journalAtTheExit;
  private final Map<String, JsonObject> afterTheRestart = new LinkedHashMap<>();

  @BeforeAll
  void stopWhileExecutingThenRestart(@TempDir Path temporaryDirectory) {
    workingDirectory = temporaryDirectory;
    exchange = TestAccount.paperExchange(List.of(ACCOUNT));
    port = Http.freePort();
    startService();
    ServiceApi api = new ServiceApi(port);
    exchange.faults(new JsonObject().put("latency_ms", LATENCY.toMillis()));
    SYMBOLS.forEach(symbol -> requestBySymbol.put(symbol,
      api.accept(ServiceApi.open(ACCOUNT.accountIndex(), symbol, 0.1))));
    api.awaitState(requestBySymbol.get("ETH"), Set.of("executing"), WAIT);

    service.terminate();
    service.awaitLine(Pattern.compile("Shutting down"), WAIT);
    while (service.isAlive()) {
      intakeWhileStopping.add(Http.tryPostJson(api.baseUrl() + "/api/trade",
        ServiceApi.open(ACCOUNT.accountIndex(), "ETH", 0.1)));
      pause(Duration.ofMillis(100));
    }
    exitStatus = service.awaitExit(WAIT);
    stoppedOutput = service.output();
    journalAtTheExit = JournalFile.requestStates(workingDirectory.resolve("data"));

    exchange.clearFaults();
    startService();
    requestBySymbol.forEach((symbol, id) -> afterTheRestart.put(symbol, api.awaitFinal(id, WAIT)));
  }

  @Test
  void exitsWith0Or143() {
    assertThat(exitStatus).as(stoppedOutput).isIn(0, 143);
  }

  @Test
  void intakeAnswers503OrIsClosedWhileStopping() {
    assertThat(intakeWhileStopping).as("intake between the stop and the exit").isNotEmpty()
      .allSatisfy(reply -> reply.ifPresent(answered -> {
        assertThat(answered.status()).as(answered.body()).isEqualTo(503);
        assertThat(answered.json().getString("code")).isEqualTo("SHUTTING_DOWN");
      }));
  }

  @Test
  void theRunningRequestFinishesBeforeTheExit() {
    assertThat(journalAtTheExit).containsEntry(requestBySymbol.get("ETH"), "filled");
    assertThat(stoppedOutput).doesNotContain("did not finish within", "did not complete cleanly");
  }

  @Test
  void queuedRequestsStayQueuedInTheJournal() {
    assertThat(journalAtTheExit).containsEntry(requestBySymbol.get("BTC"), "queued")
      .containsEntry(requestBySymbol.get("SOL"), "queued").containsEntry(requestBySymbol.get("RESOLV"), "queued")
      .hasSize(SYMBOLS.size());
  }

  @Test
  void theQueuedRequestsResumeAfterARestartAndFill() {
    assertThat(afterTheRestart.values()).allSatisfy(detail ->
      assertThat(detail.getString("state")).as(detail.encodePrettily()).isEqualTo("filled"));
  }

  @Test
  void noOrderExecutesTwiceAcrossTheRestart() {
    List<JsonObject> filled = ACCOUNT.on(exchange).filledOrders();

    assertThat(PaperTrader.fillsPerClientOrderIndex(filled).values()).containsOnly(1L);
    assertThat(filled).extracting(order -> order.getInteger("market_index"))
      .containsExactlyInAnyOrderElementsOf(MARKETS.values());
  }

  private void startService() {
    service = ServiceProcess.start(workingDirectory, ServiceEnvironment.live(exchange.baseUrl(), List.of(ACCOUNT),
      port, workingDirectory.resolve("data")));
    service.awaitReady();
  }
}
