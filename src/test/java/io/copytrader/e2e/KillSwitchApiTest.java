package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/kill}, {@code POST /api/resume} and {@code GET /api/rails} over loopback against the service
 * and the paper exchange: what the kill switch answers, what it refuses, and that the journal keeps it across a
 * restart. A service per test, since the kill switch is global.
 */
@ExtendWith(VertxExtension.class)
class KillSwitchApiTest {

  private static final Duration TELEGRAM_TIMEOUT = Duration.ofSeconds(10);

  private TradingHarness harness;
  private TestAccount first;
  private TestAccount second;

  @BeforeEach
  void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 2, Map.of());
    first = harness.freshAccount();
    second = harness.freshAccount();
  }

  @Test
  void killAndResumeAnswerTheWholeKillSwitch() {
    assertThat(harness.killSwitch()).isEqualTo(killSwitch("off", Map.of()));

    assertThat(harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt")))
      .isEqualTo(killSwitch("halt", Map.of()));
    assertThat(harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt")
      .put("account_index", second.index()).put("reason", "leader gone wild")))
      .isEqualTo(killSwitch("halt", Map.of(second.index(), "halt")));
    assertThat(harness.ok(HttpMethod.POST, "/api/resume", new JsonObject().put("account_index", second.index())))
      .isEqualTo(killSwitch("halt", Map.of()));
    assertThat(harness.ok(HttpMethod.POST, "/api/resume", new JsonObject()))
      .isEqualTo(killSwitch("off", Map.of()));
    assertThat(harness.killSwitch()).isEqualTo(killSwitch("off", Map.of()));
  }

  @Test
  void resumingOneAccountLeavesTheAllAccountsModeInForce() {
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt"));

    assertThat(harness.ok(HttpMethod.POST, "/api/resume", new JsonObject().put("account_index", first.index())))
      .isEqualTo(killSwitch("halt", Map.of()));
    String cleared = awaitTelegram("Kill switch cleared");
    assertThat(cleared).contains("<b>Account:</b> #" + first.index())
      .contains("still held by the all-accounts kill switch (halt)");
  }

  @Test
  void engagingAndClearingAreUrgentNotices() {
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt").put("account_index", first.index())
      .put("reason", "runaway source"));
    String engaged = awaitTelegram("Kill switch engaged");
    assertThat(engaged).contains("URGENT").contains("<b>Account:</b> #" + first.index())
      .contains("<b>Mode:</b> halt").contains("<b>Reason:</b> runaway source");

    harness.ok(HttpMethod.POST, "/api/resume", new JsonObject());
    assertThat(awaitTelegram("Kill switch cleared")).contains("URGENT").contains("<b>Accounts:</b> all")
      .contains("trading resumed");
  }

  @Test
  void killSwitchSurvivesARestart() throws Exception {
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt"));
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "flatten")
      .put("account_index", second.index()));

    harness.restartService();

    assertThat(harness.killSwitch()).isEqualTo(killSwitch("halt", Map.of(second.index(), "flatten")));
  }

  @Test
  void railsListEveryConfiguredAccountBesideTheKillSwitch() {
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt").put("account_index", first.index()));

    JsonObject rails = harness.ok(HttpMethod.GET, "/api/rails", null);

    assertThat(rails.getJsonObject("kill_switch")).isEqualTo(killSwitch("off", Map.of(first.index(), "halt")));
    assertThat(accountIndexes(rails.getJsonArray("accounts"))).containsExactly(first.index(), second.index());
  }

  @Test
  void railsOfOneAccountListOnlyThatAccount() {
    JsonObject rails = harness.ok(HttpMethod.GET, "/api/rails/" + second.index(), null);

    assertThat(rails.getJsonObject("kill_switch")).isEqualTo(killSwitch("off", Map.of()));
    assertThat(accountIndexes(rails.getJsonArray("accounts"))).containsExactly(second.index());
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
  @CsvSource(delimiter = '|', value = {
    "POST | /api/kill   | {}                                          | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"off\"}                          | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"HALT\"}                         | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":1}                                | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"extra\":1}             | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"account_index\":\"1\"} | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"account_index\":-1}    | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"account_index\":1.5}   | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"account_index\":1e40}  | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"account_index\":99999999999999999999} | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"account_index\":424242} | 404 | UNKNOWN_ACCOUNT",
    "POST | /api/kill   | {\"mode\":\"halt\",\"reason\":\"\"}         | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":\"halt\",\"reason\":\"a\\nb\"}    | 400 | INVALID_REQUEST",
    "POST | /api/kill   | [\"halt\"]                                  | 400 | INVALID_REQUEST",
    "POST | /api/kill   | {\"mode\":                                  | 400 | INVALID_REQUEST",
    "POST | /api/resume | {\"account_index\":424242}                  | 404 | UNKNOWN_ACCOUNT",
    "POST | /api/resume | {\"account_index\":null,\"mode\":\"off\"}   | 400 | INVALID_REQUEST",
    "GET  | /api/rails/424242 |                                      | 404 | UNKNOWN_ACCOUNT",
    "GET  | /api/rails/abc    |                                      | 400 | INVALID_REQUEST",
    "PUT  | /api/kill   | {\"mode\":\"halt\"}                         | 405 | METHOD_NOT_ALLOWED",
  })
  void badRequestsGetTheDocumentedErrorAndChangeNothing(String method, String path, String body, int status,
                                                        String code) {
    HttpResponse<Buffer> response = harness.api(HttpMethod.valueOf(method), path)
      .putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(body == null ? "" : body)).await();

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("error");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(harness.killSwitch()).isEqualTo(killSwitch("off", Map.of()));
  }

  @Test
  void reasonLongerThanTheLimitIsRefused() {
    HttpResponse<Buffer> response = harness.post("/api/kill", new JsonObject().put("mode", "halt")
      .put("reason", "x".repeat(501)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).contains("reason");
  }

  @Test
  void killWithoutTheApiKeyIsUnauthorized() {
    HttpResponse<Buffer> response = harness.api(HttpMethod.POST, "/api/kill").putHeader("X-API-Key", "wrong")
      .sendJsonObject(new JsonObject().put("mode", "halt")).await();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(harness.killSwitch()).isEqualTo(killSwitch("off", Map.of()));
  }

  @Test
  void killThatIsNotJsonIsUnsupported() {
    HttpResponse<Buffer> response = harness.api(HttpMethod.POST, "/api/kill").putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer("halt")).await();

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  private static JsonObject killSwitch(String mode, Map<Long, String> accounts) {
    JsonObject perAccount = new JsonObject();
    accounts.forEach((index, accountMode) -> perAccount.put(Long.toString(index), accountMode));
    return new JsonObject().put("mode", mode).put("accounts", perAccount);
  }

  private static List<Long> accountIndexes(JsonArray accounts) {
    return accounts.stream().map(JsonObject.class::cast).map(account -> account.getLong("account_index")).toList();
  }

  private String awaitTelegram(String title) {
    return eventually("a Telegram message '" + title + "'", TELEGRAM_TIMEOUT,
      () -> harness.telegramTexts().stream().filter(text -> text.contains("<b>" + title + "</b>")).findFirst(),
      found -> found.isPresent()).orElseThrow();
  }
}
