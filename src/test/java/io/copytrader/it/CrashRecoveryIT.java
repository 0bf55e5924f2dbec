package io.copytrader.it;

import static io.copytrader.testing.Polling.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.paper.PaperFixture;
import io.copytrader.paper.PaperTrader;
import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a live service while one request executes and three wait, against a paper exchange in this JVM
 * that outlives it (every call slowed by its {@code latency_ms} fault, so the requests queue up). Each nested
 * class kills at another point of the first request, restarts the service once, and checks: every acknowledged
 * request is filled, no order executed twice, each position carries one stop-loss, the journal tells the truth.
 */
class CrashRecoveryIT {

  /** One open per market, so each market's position is exactly one request's fill. */
  private static final Map<String, Integer> MARKETS = Map.of("ETH", 0, "BTC", 1, "SOL", 2, "RESOLV", 51);
  private static final List<String> SYMBOLS = List.of("ETH", "BTC", "SOL", "RESOLV");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration LATENCY = Duration.ofMillis(300);
  private static final String SEND_TX = "/api/v1/sendTx";
  private static final TestAccount ACCOUNT = TestAccount.of(3001, 0x41);

  enum KillPoint {
    /** The first request's entry order was signed and sent, and lost on the way: the exchange never saw it. */
    ENTRY_LOST_IN_TRANSIT,
    /** The first request's entry order is on its way; the exchange fills it after the service is gone. */
    ENTRY_ANSWER_LOST,
    /**
     * The first position's stop-loss, placed alone after the fill because the exchange refuses grouped orders (an
     * entry otherwise carries its stop-loss in its own transaction), is on its way; the exchange rests it after the
     * service is gone.
     */
    STOP_LOSS_ANSWER_LOST
  }

  @Nested
  class KilledWhileTheEntryOrderIsLostInTransit extends KilledAndRestarted {
    KilledWhileTheEntryOrderIsLostInTransit() {
      super(KillPoint.ENTRY_LOST_IN_TRANSIT);
    }
  }

  @Nested
  class KilledBeforeTheEntryOrderIsAnswered extends KilledAndRestarted {
    KilledBeforeTheEntryOrderIsAnswered() {
      super(KillPoint.ENTRY_ANSWER_LOST);
    }
  }

  @Nested
  class KilledBeforeTheStopLossIsAnswered extends KilledAndRestarted {
    KilledBeforeTheStopLossIsAnswered() {
      super(KillPoint.STOP_LOSS_ANSWER_LOST);
    }
  }

  /** One crash and one restart per class; the tests read what they left. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class KilledAndRestarted {

    private final KillPoint killPoint;
    private Path workingDirectory;
    @AutoClose
    private PaperFixture exchange;
    @AutoClose
    private ServiceProcess service;
    private int port;
    private Map<String, String> requestBySymbol;
    private Map<String, String> journalAtTheKill;
    private final Map<String, JsonObject> finals = new LinkedHashMap<>();

    KilledAndRestarted(KillPoint killPoint) {
      this.killPoint = killPoint;
    }

    @BeforeAll
    void crashAndRestart(@TempDir Path temporaryDirectory) {
      workingDirectory = temporaryDirectory;
      exchange = TestAccount.paperExchange(List.of(ACCOUNT));
      port = Http.freePort();
      postAndKill();
      startService(false);
      ServiceApi api = new ServiceApi(port);
      requestBySymbol.forEach((symbol, id) -> finals.put(symbol, api.awaitFinal(id, WAIT)));
    }

    @Test
    void theKilledServiceLeftTheFirstRequestExecutingAndTheOthersQueued() {
      Map<String, String> expected = new LinkedHashMap<>();
      requestBySymbol.forEach((symbol, id) -> expected.put(id, symbol.equals("ETH") ? "executing" : "queued"));

      assertThat(journalAtTheKill).isEqualTo(expected);
    }

    @Test
    void everyAcknowledgedRequestIsFilled() {
      assertThat(finals.values()).allSatisfy(detail ->
        assertThat(detail.getString("state")).as(detail.encodePrettily()).isEqualTo("filled"));
    }

    @Test
    void noOrderExecutedTwice() {
      List<JsonObject> filled = ACCOUNT.on(exchange).filledOrders();

      assertThat(PaperTrader.fillsPerClientOrderIndex(filled).values()).as("fills per client order index")
        .containsOnly(1L);
      assertThat(countPerMarket(filled)).as("filled orders per market").isEqualTo(onePerMarket());
    }

    @Test
    void eachPositionIsExactlyItsOneFill() {
      List<JsonObject> filled = ACCOUNT.on(exchange).filledOrders();

      assertThat(filled).hasSize(MARKETS.size()).allSatisfy(order ->
        assertThat(ACCOUNT.on(exchange).positionSize(order.getInteger("market_index"))).as("position of %s", order)
          .isEqualByComparingTo(order.getString("filled_base_amount")));
    }

    @Test
    void eachPositionCarriesExactlyOneStopLoss() {
      List<JsonObject> stopLosses = ACCOUNT.on(exchange).activeOrdersInEveryMarket().stream()
        .filter(order -> order.getString("type").startsWith("stop-loss")).toList();

      assertThat(countPerMarket(stopLosses)).as("resting stop-losses per market: %s", stopLosses)
        .isEqualTo(onePerMarket());
    }

    @Test
    void theJournalRecordsWhatEachEntryOrderFilled() {
      for (String symbol : SYMBOLS) {
        JsonObject detail = finals.get(symbol);
        assertThat(journaledEntryFill(detail)).as("%s entry fill in %s", symbol, detail.encodePrettily())
          .isEqualByComparingTo(ACCOUNT.on(exchange).positionSize(MARKETS.get(symbol)));
      }
    }

    /**
     * Starts the service, posts one open per market, kills the service at the kill point of the first and
     * reads the journal it left; on the exchange, exactly what the kill point promises.
     */
    private void postAndKill() {
      startService(killPoint == KillPoint.ENTRY_LOST_IN_TRANSIT);
      ServiceApi api = new ServiceApi(port);
      exchange.faults(new JsonObject().put("latency_ms", LATENCY.toMillis()));
      exchange.lossyLink().loseSends(killPoint == KillPoint.ENTRY_LOST_IN_TRANSIT);
      exchange.refuseGroups(killPoint == KillPoint.STOP_LOSS_ANSWER_LOST);
      requestBySymbol = new LinkedHashMap<>();
      SYMBOLS.forEach(symbol -> requestBySymbol.put(symbol,
        api.accept(ServiceApi.open(ACCOUNT.accountIndex(), symbol, 0.1))));

      switch (killPoint) {
        case ENTRY_LOST_IN_TRANSIT -> await("a send", () -> exchange.lossyLink().receivedSends(), 1);
        case ENTRY_ANSWER_LOST -> await("a send", () -> exchange.requests(SEND_TX), 1);
        // the refused group, the entry alone, its stop-loss
        case STOP_LOSS_ANSWER_LOST -> await("a third send", () -> exchange.requests(SEND_TX), 3);
      }
      service.kill();

      switch (killPoint) {
        case ENTRY_LOST_IN_TRANSIT -> assertThat(exchange.requests(SEND_TX)).as("sends on the exchange").isZero();
        case ENTRY_ANSWER_LOST -> await("the entry order filled", () -> ACCOUNT.on(exchange).filledOrders().size(), 1);
        case STOP_LOSS_ANSWER_LOST -> await("the stop-loss resting",
          () -> ACCOUNT.on(exchange).activeOrdersInEveryMarket().size(), 1);
      }
      exchange.clearFaults();
      exchange.refuseGroups(false);
      exchange.lossyLink().loseSends(false);
      journalAtTheKill = JournalFile.requestStates(workingDirectory.resolve("data"));
    }

    /**
     * Only a run that must lose a send goes through the lossy link, which carries REST alone: every other run
     * talks to the exchange directly, its stream included.
     */
    private void startService(boolean losingSends) {
      String baseUrl = losingSends ? exchange.lossyLink().baseUrl() : exchange.baseUrl();
      service = ServiceProcess.start(workingDirectory, ServiceEnvironment.live(baseUrl, List.of(ACCOUNT), port,
        workingDirectory.resolve("data")));
      service.awaitReady();
    }

    private void await(String what, LongSupplier count, long atLeast) {
      if (until(WAIT, count::getAsLong, seen -> seen >= atLeast) < atLeast) {
        throw new AssertionError("no " + what + " within " + WAIT + "; output:\n" + service.output());
      }
    }
  }

  private static Map<Integer, Long> countPerMarket(List<JsonObject> orders) {
    return orders.stream().collect(Collectors.groupingBy(order -> order.getInteger("market_index"),
      Collectors.counting()));
  }

  private static Map<Integer, Long> onePerMarket() {
    return MARKETS.values().stream().collect(Collectors.toMap(id -> id, id -> 1L));
  }

  /** The base amount the request's entry orders filled, as its journal detail tells it. */
  private static BigDecimal journaledEntryFill(JsonObject detail) {
    return detail.getJsonArray("orders").stream().map(JsonObject.class::cast)
      .filter(order -> order.getString("purpose").equals("entry") && order.getString("filled_base") != null)
      .map(order -> new BigDecimal(order.getString("filled_base")))
      .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
