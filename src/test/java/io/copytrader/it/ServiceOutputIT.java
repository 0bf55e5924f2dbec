package io.copytrader.it;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.paper.PaperFixture;
import io.copytrader.testing.ServiceProcess;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live service prints with every secret configured (account key, API key, Telegram token pointed at a
 * Telegram that refuses connections) and {@code LOG_FORMAT=json}, after a trade, a refused call and failed
 * notifications: machine-readable lines, none carrying a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceOutputIT {

  private static final TestAccount ACCOUNT = TestAccount.of(9001, 0xa1);
  private static final String API_KEY = "intake-key-5f1e0c7d9b2a4e68";
  private static final String BOT_TOKEN = "7000000001:AAHfakeTokenForProcessTests_x9Q";

  @AutoClose
  private PaperFixture exchange;
  @AutoClose
  private ServiceProcess service;
  private String output;
  private Http.Reply withoutKey;

  @BeforeAll
  void tradeWithEverySecretConfigured(@TempDir Path workingDirectory) {
    exchange = TestAccount.paperExchange(List.of(ACCOUNT));
    int port = Http.freePort();
    Map<String, String> env = new java.util.HashMap<>(ServiceEnvironment.live(exchange.baseUrl(), List.of(ACCOUNT),
      port, workingDirectory.resolve("data")));
    env.putAll(Map.of("API_KEY", API_KEY, "HTTP_HOST", "127.0.0.1", "LOG_FORMAT", "json",
      "TELEGRAM_BOT_API_KEY", BOT_TOKEN, "TELEGRAM_GROUP_ID", "-1001234567890",
      "TELEGRAM_API_URL", "http://127.0.0.1:" + Http.freePort()));
    service = ServiceProcess.start(workingDirectory, env);
    service.awaitLine(Pattern.compile("Ready: live mode"), ServiceProcess.STARTUP);
    ServiceApi api = new ServiceApi(port);

    Http.Reply accepted = Http.postJson(api.baseUrl() + "/api/trade", ServiceApi.open(ACCOUNT.accountIndex(), "ETH",
      0.1), Map.of("X-API-Key", API_KEY));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String requestId = accepted.json().getString("request_id");
    withoutKey = Http.get(api.baseUrl() + "/api/trade/" + requestId);
    awaitFilled(api.baseUrl() + "/api/trade/" + requestId);
    service.awaitLine(Pattern.compile("Telegram send failed"), Duration.ofSeconds(20));
    service.terminate();
    service.awaitExit(Duration.ofSeconds(30));
    output = service.output();
  }

  @Test
  void everyLineIsAJsonObjectWithLevelAndMessage() {
    assertThat(output.lines()).isNotEmpty().allSatisfy(line -> {
      JsonObject parsed;
      try {
        parsed = new JsonObject(line);
      } catch (DecodeException e) {
        throw new AssertionError("not a JSON object: " + line, e);
      }
      assertThat(parsed.getString("level")).as(line).isNotBlank();
      assertThat(parsed.getString("formattedMessage")).as(line).isNotNull();
    });
  }

  /** An operator reads every warning as something to act on; libraries' internal complaints are not. */
  @Test
  void everyWarningComesFromTheServiceItself() {
    assertThat(output.lines().map(JsonObject::new)
      .filter(line -> List.of("WARN", "ERROR").contains(line.getString("level"))))
      .isNotEmpty()
      .allSatisfy(line -> assertThat(line.getString("loggerName")).as(line.encode()).startsWith("io.copytrader."));
  }

  @Test
  void theExchangeStreamIsNotReconnectedOnceShutdownBegins() {
    List<String> messages = output.lines().map(line -> new JsonObject(line).getString("formattedMessage")).toList();
    int shutdown = messages.indexOf(messages.stream().filter(message -> message.startsWith("Shutting down"))
      .findFirst().orElseThrow());

    assertThat(messages.subList(shutdown, messages.size())).noneMatch(message -> message.contains("reconnect"));
  }

  /** Lines are written on a thread of their own (logback-async.xml); the exit must not leave any behind. */
  @Test
  void theLastLineWrittenIsTheStopAfterEveryOther() {
    List<String> messages = output.lines().map(line -> new JsonObject(line).getString("formattedMessage")).toList();

    assertThat(messages).last().isEqualTo("Stopped");
  }

  @Test
  void noLineCarriesThePrivateKeyTheApiKeyOrTheBotToken() {
    assertThat(output.toLowerCase()).doesNotContain(ACCOUNT.privateKeyDigits().substring(0, 16));
    assertThat(output).doesNotContain(API_KEY).doesNotContain(BOT_TOKEN).doesNotContain(BOT_TOKEN.split(":")[1]);
  }

  @Test
  void theApiRefusesACallWithoutTheKey() {
    assertThat(withoutKey.status()).as(withoutKey.body()).isEqualTo(401);
    assertThat(withoutKey.body()).doesNotContain(API_KEY);
  }

  private static void awaitFilled(String url) {
    eventually(url + " filled", Duration.ofSeconds(20),
      () -> Http.get(url, Map.of("X-API-Key", API_KEY)).json().getString("state"), "filled"::equals);
  }
}
