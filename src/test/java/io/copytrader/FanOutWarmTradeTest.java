package io.copytrader;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.Configs;
import io.copytrader.testing.TestRails;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One webhook signal fanned out to many accounts of the service in paper mode: once the streams are warm, the
 * exchange receives each account's transaction and nothing else, however many accounts trade at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanOutWarmTradeTest {

  private static final int ACCOUNTS = 40;
  private static final String API_KEY = "fan-out-key";
  private static final String TOKEN = "fan-out-webhook-token-0123456789";
  private static final Set<String> FINAL_STATES = Set.of("filled", "partially_filled", "rejected", "failed",
    "expired");
  private static final String HEALTH_PROBE = "/";

  private Vertx vertx;
  private MainVerticle service;
  private WebClient client;
  private int paperPort;
  private int signals;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    SecureRandom random = new SecureRandom();
    JsonArray accounts = new JsonArray();
    IntStream.rangeClosed(1, ACCOUNTS).forEach(i -> {
      byte[] key = new byte[40];
      random.nextBytes(key);
      accounts.add(new JsonObject().put("index", 1000 + i).put("api_index", 0)
        .put("private_key", HexFormat.of().formatHex(key)));
    });
    JsonArray indexes = new JsonArray(accounts.stream().map(a -> ((JsonObject) a).getInteger("index")).toList());
    Map<String, String> env = new HashMap<>(TestRails.WIDE);
    env.putAll(Map.of("ACCOUNTS", accounts.encode(), "SIGNAL_SOURCES", new JsonArray()
      .add(new JsonObject().put("name", "fan").put("token", TOKEN).put("accounts", indexes)).encode()));
    env.putAll(Map.of("MODE", "paper", "API_KEY", API_KEY, "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0",
      "DATA_DIR", dir.resolve("data").toString()));
    vertx = Vertx.vertx();
    service = new MainVerticle(Configs.load(env, dir));
    await(vertx.deployVerticle(service));
    paperPort = URI.create(service.effectiveConfig().lighter().baseUrl()).getPort();
    client = WebClient.create(vertx);
  }

  @AfterAll
  void stop() {
    client.close();
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed", e);
    }
  }

  /** Sends one signal to every account of the source; each account's request's final state, once all are final. */
  private List<String> signal(String tradeType) {
    JsonObject body = new JsonObject().put("symbol", "ETH").put("trade_type", tradeType)
      .put("id", "signal-" + signals++);
    if (!tradeType.equals("close")) {
      body.put("reference_position_ratio", 0.1);
    }
    HttpResponse<Buffer> accepted = await(client.request(HttpMethod.POST, service.httpPort(), "127.0.0.1",
      "/api/webhook/" + TOKEN).sendJsonObject(body));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
    Set<String> requestIds = accepted.bodyAsJsonObject().getJsonArray("requests").stream()
      .map(request -> ((JsonObject) request).getString("request_id")).collect(Collectors.toSet());
    assertThat(requestIds).hasSize(ACCOUNTS);
    return eventually("every account's request to finish", Duration.ofSeconds(30),
      () -> states(requestIds), states -> states.size() == ACCOUNTS && FINAL_STATES.containsAll(states));
  }

  /** The states of the listed requests among the newest, as far as the list shows them. */
  private List<String> states(Set<String> requestIds) {
    JsonArray newest = await(client.request(HttpMethod.GET, service.httpPort(), "127.0.0.1", "/api/trades")
      .addQueryParam("limit", Integer.toString(2 * ACCOUNTS)).putHeader("X-API-Key", API_KEY).send())
      .bodyAsJsonObject().getJsonArray("requests");
    return newest.stream().map(JsonObject.class::cast)
      .filter(request -> requestIds.contains(request.getString("request_id")))
      .map(request -> request.getString("state")).toList();
  }

  private void forgetExchangeRequests() {
    await(client.request(HttpMethod.DELETE, paperPort, "127.0.0.1", "/paper/requests").send());
  }

  /** Exchange requests per path, health probes left out: they belong to no trade. */
  private JsonObject exchangeRequestCounts() {
    JsonObject counts = await(client.request(HttpMethod.GET, paperPort, "127.0.0.1", "/paper/requests").send())
      .bodyAsJsonObject();
    counts.remove(HEALTH_PROBE);
    return counts;
  }

  @Test
  void warmSignalToManyAccountsSendsOnlyTheirTransactions() {
    assertThat(signal("long")).containsOnly("filled");
    assertThat(signal("close")).containsOnly("filled");
    forgetExchangeRequests();

    List<String> opened = signal("long");
    JsonObject afterOpen = exchangeRequestCounts();
    forgetExchangeRequests();
    List<String> closed = signal("close");
    JsonObject afterClose = exchangeRequestCounts();

    assertThat(opened).containsOnly("filled");
    assertThat(closed).containsOnly("filled");
    assertThat(afterOpen).as("each open with its stop-loss attached, one transaction per account")
      .isEqualTo(new JsonObject().put("/api/v1/sendTx", ACCOUNTS));
    assertThat(afterClose).as("each close; the exchange cancelled the stop-losses itself")
      .isEqualTo(new JsonObject().put("/api/v1/sendTx", ACCOUNTS));
  }
}
