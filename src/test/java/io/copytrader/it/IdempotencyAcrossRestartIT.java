package io.copytrader.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.paper.PaperFixture;
import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal source that retries after the service was killed: the same {@code client_request_id} sent again to
 * the restarted service is recognised, whether the original was executing or still queued at the kill.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyAcrossRestartIT {

  private static final TestAccount ACCOUNT = TestAccount.of(8001, 0x91);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @AutoClose
  private PaperFixture exchange;
  @AutoClose
  private ServiceProcess service;
  private Path workingDirectory;
  private int port;
  private JsonObject executing;
  private JsonObject queued;
  private String executingId;
  private String queuedId;
  private Http.Reply executingRepeat;
  private Http.Reply queuedRepeat;

  @BeforeAll
  void killWithOneExecutingAndOneQueuedThenRepeatBoth(@TempDir Path temporaryDirectory) {
    workingDirectory = temporaryDirectory;
    exchange = TestAccount.paperExchange(List.of(ACCOUNT));
    port = Http.freePort();
    startService();
    ServiceApi api = new ServiceApi(port);
    exchange.faults(new JsonObject().put("latency_ms", 300));
    executing = ServiceApi.open(ACCOUNT.accountIndex(), "ETH", 0.1).put("client_request_id", "signal-eth-1");
    queued = ServiceApi.open(ACCOUNT.accountIndex(), "BTC", 0.1).put("client_request_id", "signal-btc-1");
    executingId = api.accept(executing);
    queuedId = api.accept(queued);
    api.awaitState(executingId, Set.of("executing"), WAIT);
    service.kill();

    exchange.clearFaults();
    startService();
    executingRepeat = Http.postJson(api.baseUrl() + "/api/trade", executing);
    queuedRepeat = Http.postJson(api.baseUrl() + "/api/trade", queued);
    api.awaitFinal(executingId, WAIT);
    api.awaitFinal(queuedId, WAIT);
  }

  @Test
  void aRepeatOfTheRequestExecutingAtTheKillAnswers200WithItsId() {
    assertThat(executingRepeat.status()).as(executingRepeat.body()).isEqualTo(200);
    assertThat(executingRepeat.json().getString("request_id")).isEqualTo(executingId);
  }

  @Test
  void aRepeatOfTheRequestQueuedAtTheKillAnswers200WithItsId() {
    assertThat(queuedRepeat.status()).as(queuedRepeat.body()).isEqualTo(200);
    assertThat(queuedRepeat.json().getString("request_id")).isEqualTo(queuedId);
  }

  @Test
  void eachSignalExecutesOnce() {
    List<JsonObject> filled = ACCOUNT.on(exchange).filledOrders();

    assertThat(filled).extracting(order -> order.getInteger("market_index")).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void theSameIdWithAnotherBodyIsAConflict() {
    Http.Reply conflict = Http.postJson(new ServiceApi(port).baseUrl() + "/api/trade",
      executing.copy().put("reference_position_ratio", 0.2));

    assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
    assertThat(conflict.json().getString("code")).isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(ACCOUNT.on(exchange).filledOrders()).hasSize(2);
  }

  private void startService() {
    service = ServiceProcess.start(workingDirectory, ServiceEnvironment.live(exchange.baseUrl(), List.of(ACCOUNT),
      port, workingDirectory.resolve("data")));
    service.awaitReady();
  }
}
