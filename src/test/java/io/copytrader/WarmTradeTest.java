package io.copytrader;

import io.copytrader.testing.Configs;
import static io.copytrader.testing.Polling.eventually;
import static io.copytrader.testing.Polling.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.copytrader.testing.TestRails;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service in paper mode: once the streams are warm, a trade's only exchange requests are its
 * transactions; the fill, the position after it and the stop-loss are followed on the account streams rather
 * than read over REST, unless the streams fall behind.
 */
@ExtendWith(VertxExtension.class)
class WarmTradeTest {

  private static final String API_KEY = "warm-trade-key";
  private static final Set<String> FINAL_STATES = Set.of("filled", "partially_filled", "rejected", "failed",
    "expired");
  private static final String HEALTH_PROBE = "/";

  private MainVerticle service;
  @AutoClose
  private WebClient client;
  private int paperPort;
  private long account;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    Map<String, String> env = new HashMap<>(TestRails.WIDE);
    env.putAll(Map.of(
      "MODE", "paper",
      "API_KEY", API_KEY,
      "HTTP_HOST", "127.0.0.1",
      "HTTP_PORT", "0",
      "RETRY_INTERVAL", "1",
      "DATA_DIR", dir.resolve("data").toString()));
    service = new MainVerticle(Configs.load(env, dir));
    await(vertx.deployVerticle(service));
    paperPort = URI.create(service.effectiveConfig().lighter().baseUrl()).getPort();
    account = service.effectiveConfig().accounts().list().get(0).accountIndex();
    client = WebClient.create(vertx);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed", e);
    }
  }

  /** Submits a trade and waits for its final state. */
  private JsonObject trade(String tradeType) throws InterruptedException {
    return awaitFinal(submit(tradeType));
  }

  private String submit(String tradeType) {
    JsonObject body = new JsonObject().put("account_index", account).put("symbol", "ETH")
      .put("trade_type", tradeType);
    if (!tradeType.equals("close")) {
      body.put("reference_position_ratio", 0.5);
    }
    HttpResponse<Buffer> accepted = await(client.request(HttpMethod.POST, service.httpPort(), "127.0.0.1",
      "/api/trade").putHeader("X-API-Key", API_KEY).sendJsonObject(body));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isBetween(200, 299);
    return accepted.bodyAsJsonObject().getString("request_id");
  }

  private JsonObject awaitFinal(String requestId) {
    return eventually("request " + requestId + " to finish", Duration.ofSeconds(15),
      () -> await(client.request(HttpMethod.GET, service.httpPort(), "127.0.0.1", "/api/trade/" + requestId)
        .putHeader("X-API-Key", API_KEY).send()).bodyAsJsonObject(),
      status -> FINAL_STATES.contains(status.getString("state")));
  }

  private void resetExchangeRequests() {
    await(client.request(HttpMethod.DELETE, paperPort, "127.0.0.1", "/paper/requests").send());
  }

  /** Exchange requests in arrival order, health probes left out: they belong to no trade. */
  private List<String> exchangeRequests() {
    JsonArray paths = await(client.request(HttpMethod.GET, paperPort, "127.0.0.1", "/paper/requests/log").send())
      .bodyAsJsonObject().getJsonArray("paths");
    return paths.stream().map(String::valueOf).filter(path -> !path.equals(HEALTH_PROBE)).toList();
  }

  private JsonObject exchangeRequestCounts() {
    return await(client.request(HttpMethod.GET, paperPort, "127.0.0.1", "/paper/requests").send())
      .bodyAsJsonObject();
  }

  private void control(String path, JsonObject body) {
    await(client.request(HttpMethod.POST, paperPort, "127.0.0.1", path).sendJsonObject(body));
  }

  private static List<String> beforeFirstSend(List<String> requests) {
    int first = requests.indexOf("/api/v1/sendTx");
    assertThat(first).as("a transaction was sent: " + requests).isNotNegative();
    return requests.subList(0, first);
  }

  @Test
  void warmCloseSendsOnlyItsTransactions() throws InterruptedException {
    assertThat(trade("long").getString("state")).isEqualTo("filled");
    resetExchangeRequests();

    JsonObject closed = trade("close");

    assertThat(closed.getString("state")).isEqualTo("filled");
    assertThat(closed.getString("error_code")).isNull();
    assertThat(exchangeRequests()).as("the close; the exchange cancelled the position's stop-loss itself")
      .containsExactly("/api/v1/sendTx");
  }

  @Test
  void warmOpenSendsOnlyItsTransactions() throws InterruptedException {
    assertThat(trade("short").getString("state")).isEqualTo("filled");
    assertThat(trade("close").getString("state")).isEqualTo("filled");
    resetExchangeRequests();

    JsonObject opened = trade("long");

    assertThat(opened.getString("state")).isEqualTo("filled");
    assertThat(opened.getString("error_code")).as("the stop-loss is in place").isNull();
    assertThat(exchangeRequests()).as("the open with its stop-loss attached, one transaction")
      .containsExactly("/api/v1/sendTx");
    assertThat(exchangeRequestCounts()).isEqualTo(new JsonObject().put("/api/v1/sendTx", 1));
  }

  @Test
  void lateAccountStreamLeavesTheTradeToRestAfterTheSend() throws InterruptedException {
    assertThat(trade("long").getString("state")).isEqualTo("filled");
    assertThat(trade("close").getString("state")).isEqualTo("filled");
    resetExchangeRequests();
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));

    JsonObject opened;
    try {
      opened = trade("long");
    } finally {
      control("/paper/streams/hold-account-updates", new JsonObject().put("held", false));
    }

    assertThat(opened.getString("state")).isEqualTo("filled");
    assertThat(opened.getString("error_code")).isNull();
    List<String> requests = exchangeRequests();
    assertThat(beforeFirstSend(requests)).isEmpty();
    assertThat(requests).contains("/api/v1/accountOrders", "/api/v1/account");
  }

  @Test
  void failedReadAfterTheFillConfirmsTheSameOrderInsteadOfSendingAnother() throws InterruptedException {
    assertThat(trade("long").getString("state")).isEqualTo("filled");
    assertThat(trade("close").getString("state")).isEqualTo("filled");
    resetExchangeRequests();
    control("/paper/faults", new JsonObject().put("error_count", 1).put("error_path", "/api/v1/account"));
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));

    String requestId = submit("long");
    until(Duration.ofSeconds(10), this::exchangeRequestCounts, counts -> counts.containsKey("/api/v1/account"));
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", false));
    JsonObject opened = awaitFinal(requestId);

    assertThat(opened.getString("state")).isEqualTo("filled");
    assertThat(opened.getInteger("attempts")).as("the failed read cost an attempt").isEqualTo(2);
    List<JsonObject> entries = opened.getJsonArray("orders").stream().map(JsonObject.class::cast)
      .filter(order -> "entry".equals(order.getString("purpose"))).toList();
    assertThat(entries).hasSize(1);
    JsonObject position = await(client.request(HttpMethod.GET, paperPort, "127.0.0.1", "/api/v1/account")
      .addQueryParam("by", "index").addQueryParam("value", Long.toString(account)).send())
      .bodyAsJsonObject().getJsonArray("accounts").getJsonObject(0).getJsonArray("positions").stream()
      .map(JsonObject.class::cast).filter(row -> row.getInteger("market_id") == 0).findFirst().orElseThrow();
    assertThat(new BigDecimal(position.getString("position")))
      .isEqualByComparingTo(new BigDecimal(entries.get(0).getString("filled_base")));
  }
}
