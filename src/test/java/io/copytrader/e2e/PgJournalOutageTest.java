package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.copytrader.testing.Polling;
import io.copytrader.testing.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a PostgreSQL journal while PostgreSQL restarts under a burst of trades: requests are refused with
 * the 503 error body while it is down and {@code /health} says the journal is down; once it is back the same service
 * goes on, and every request it accepted with 202 fills exactly once on the exchange, none twice, each position with
 * its stop-loss.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgJournalOutageTest {

  private static final Duration BETWEEN_REQUESTS = Duration.ofMillis(100);
  private static final Duration SETTLED_WITHIN = Duration.ofSeconds(25);

  private final PostgresServer server = PostgresServer.shared();
  private TradingHarness harness;

  /** One answer of the burst: the account it was for and what the service said. */
  private record Answer(TestAccount account, int status, JsonObject body) {
  }

  @BeforeAll
  void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 2, Map.of("JOURNAL_URL", server.url(server.freshSchema()),
      "SHUTDOWN_GRACE", "0"));
  }

  @Test
  void everyAcceptedRequestFillsOnceAcrossAPostgresqlRestart() throws Exception {
    List<TestAccount> accounts = List.of(harness.freshAccount(), harness.freshAccount());
    List<Answer> answers = new CopyOnWriteArrayList<>();
    AtomicBoolean bursting = new AtomicBoolean(true);
    Thread burst = new Thread(() -> {
      for (int sent = 0; bursting.get(); sent++) {
        TestAccount account = accounts.get(sent % accounts.size());
        HttpResponse<Buffer> response = harness.post("/api/trade",
          TradingHarness.tradeBody(account, "ETH", "long", "0.01"));
        answers.add(new Answer(account, response.statusCode(), response.bodyAsJsonObject()));
        Polling.pause(BETWEEN_REQUESTS);
      }
    }, "burst");
    burst.start();
    JsonObject healthWhileDown;
    String metricsWhileDown;
    try {
      Polling.pause(Duration.ofMillis(800));
      server.stopServer();
      healthWhileDown = eventually("/health to report the journal down", Duration.ofSeconds(5),
        () -> harness.get("/health").bodyAsJsonObject(),
        health -> "DOWN".equals(health.getJsonObject("checks").getJsonObject("journal").getString("status")));
      metricsWhileDown = harness.get("/metrics").bodyAsString();
      Polling.pause(Duration.ofMillis(1_500));
    } finally {
      server.startServer();
    }
    eventually("requests to be accepted again", Duration.ofSeconds(15),
      () -> answers.size() > 0 && answers.get(answers.size() - 1).status() == 202);
    Polling.pause(Duration.ofMillis(500));
    bursting.set(false);
    burst.join();

    assertThat(healthWhileDown.getString("status")).isEqualTo("unhealthy");
    assertThat(metricsWhileDown).containsPattern("(?m)^copytrade_journal_reachable 0\\.0$");
    assertThat(harness.get("/metrics").bodyAsString()).containsPattern("(?m)^copytrade_journal_reachable 1\\.0$");
    assertThat(answers).extracting(Answer::status).containsOnly(202, 503).contains(503);
    assertThat(answers).filteredOn(answer -> answer.status() == 503).allSatisfy(refused -> {
      assertThat(refused.body().getString("status")).isEqualTo("error");
      assertThat(refused.body().getString("code")).isEqualTo("EXCHANGE_UNAVAILABLE");
    });
    for (TestAccount account : accounts) {
      assertAcceptedFilledOnce(account, answers.stream().filter(answer -> answer.account() == account
        && answer.status() == 202).map(answer -> answer.body().getString("request_id")).toList());
    }
  }

  @Test
  void theOperatorIsToldWhenTheJournalIsLostAndWhenItIsBack() {
    try {
      server.stopServer();
      eventually("a notice of the journal's loss", Duration.ofSeconds(15), () -> telegramSaying("Journal is DOWN"));
    } finally {
      server.startServer();
    }

    eventually("a notice of its return", Duration.ofSeconds(20), () -> telegramSaying("Journal is back up"));
  }

  private boolean telegramSaying(String title) {
    return harness.telegramTexts().stream().anyMatch(text -> text.contains("<b>" + title));
  }

  /**
   * Each accepted request filled with one entry order on the exchange, and the exchange filled no market order the
   * account's journaled requests do not account for once each; the position has one stop-loss covering it.
   */
  private void assertAcceptedFilledOnce(TestAccount account, List<String> accepted) {
    assertThat(accepted).isNotEmpty();
    Set<Long> acceptedEntries = new HashSet<>();
    BigDecimal filledByRequests = BigDecimal.ZERO;
    for (String requestId : accepted) {
      JsonObject status = harness.filled(requestId);
      List<Long> entries = orders(status, "entry").stream().map(order -> order.getLong("client_order_index"))
        .distinct().toList();
      assertThat(entries).as("request %s's entry orders", requestId).hasSize(1);
      List<Order> onExchange = harness.ordersByClientIndex(account, entries);
      assertThat(onExchange).as("request %s on the exchange", requestId).hasSize(1);
      acceptedEntries.add(entries.get(0));
      filledByRequests = filledByRequests.add(onExchange.get(0).filledBaseAmount());
    }
    // A request refused with 503 whose insert committed after all (its COMMIT's answer lost) is in the journal and
    // executes like an accepted one: the exchange's fills are the journal's trades, once each.
    List<String> journaled = harness.ok(HttpMethod.GET, "/api/trades?limit=500&account_index=" + account.index(),
      null).getJsonArray("requests").stream().map(JsonObject.class::cast)
      .filter(request -> "trade".equals(request.getString("kind")))
      .map(request -> request.getString("request_id")).toList();
    assertThat(journaled).containsAll(accepted);
    List<Long> journaledEntries = new ArrayList<>();
    for (String requestId : journaled) {
      JsonObject status = harness.filled(requestId);
      journaledEntries.add(orders(status, "entry").get(0).getLong("client_order_index"));
    }
    List<Long> marketFills = harness.filledMarketOrders(account, ETH).stream()
      .map(order -> order.getLong("client_order_index")).toList();
    assertThat(marketFills).containsExactlyInAnyOrderElementsOf(journaledEntries);
    if (journaled.size() == accepted.size()) {
      assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(filledByRequests);
    }
    BigDecimal position = harness.signedPosition(account, ETH);
    eventually("account " + account.index() + "'s stop-loss to cover its position", SETTLED_WITHIN,
      () -> harness.stopLosses(account, ETH), stops -> stops.size() == 1
        && stops.get(0).remainingBaseAmount().compareTo(position) == 0);
  }
}
