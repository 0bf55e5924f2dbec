package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.testing.OpenApiDocument;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real answers of the whole service, trading on the paper exchange, validate against the schemas
 * {@code /openapi.json} gives for their operation and status: successes and the error body alike.
 */
@ExtendWith(VertxExtension.class)
class OpenApiConformanceTest {

  private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
  private static final String WEBHOOK_TOKEN = "openapi-conformance-webhook-token";
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    // The webhook source takes the last account (indexes follow the harness's, from 7001), no other test's.
    String sources = new JsonArray().add(new JsonObject().put("name", "docs").put("token", WEBHOOK_TOKEN)
      .put("accounts", new JsonArray().add(7007))).encode();
    harness = TradingHarness.start(vertx, dir, 7, Map.of("PROTECTION_INTERVAL", "3600", "SIGNAL_SOURCES", sources));
  }

  /** Sends it and requires the answer to have {@code status} and to match the document for it. */
  private static JsonObject conforms(HttpRequest<Buffer> request, JsonObject body, String method, String template,
                                     int status) {
    HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body)).await();
    assertThat(response.statusCode()).as("%s %s -> %s", method, template, response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(DOCUMENT.errors(method, template, status, response.bodyAsString()))
      .as("%s %s %s: %s", method, template, status, response.bodyAsString()).isEmpty();
    return response.bodyAsJsonObject();
  }

  private static JsonObject conforms(HttpMethod method, String path, JsonObject body, String template, int status) {
    return conforms(harness.api(method, path), body, method.name(), template, status);
  }

  @Test
  void aTradeItsLifecycleTheAccountAndTheListMatchTheirSchemas() {
    TestAccount account = harness.freshAccount();
    JsonObject trade = TradingHarness.tradeBody(account, "ETH", "long", "0.2");
    HttpRequest<Buffer> keyed = harness.api(HttpMethod.POST, "/api/trade").putHeader("Idempotency-Key", "oa-1");
    String id = conforms(keyed, trade, "POST", "/api/trade", 202).getString("request_id");
    HttpRequest<Buffer> repeat = harness.api(HttpMethod.POST, "/api/trade").putHeader("Idempotency-Key", "oa-1");
    conforms(repeat, trade, "POST", "/api/trade", 200);
    harness.filled(id);

    JsonObject detail = conforms(HttpMethod.GET, "/api/trade/" + id, null, "/api/trade/{request_id}", 200);
    conforms(HttpMethod.GET, "/api/account/" + account.index(), null, "/api/account/{account_index}", 200);
    conforms(HttpMethod.GET, "/api/trades?limit=5", null, "/api/trades", 200);
    JsonObject equity = conforms(HttpMethod.GET, "/api/equity/" + account.index() + "?hours=1", null,
      "/api/equity/{account_index}", 200);

    assertThat(detail.getJsonArray("orders")).isNotEmpty();
    assertThat(detail.getJsonArray("rails")).isNotEmpty();
    assertThat(equity.getJsonArray("samples")).as("the sized order's reading of the account").isNotEmpty();
  }

  @Test
  void aTargetPositionAndItsPlanMatchTheirSchemas() {
    TestAccount account = harness.freshAccount();
    JsonObject target = new JsonObject().put("account_index", account.index()).put("symbol", "ETH")
      .put("target_ratio", -0.1);

    String id = conforms(HttpMethod.POST, "/api/position", target, "/api/position", 202).getString("request_id");
    harness.awaitFinal(id);

    JsonObject detail = conforms(HttpMethod.GET, "/api/trade/" + id, null, "/api/trade/{request_id}", 200);
    assertThat(detail.getJsonObject("target").getJsonArray("steps")).isNotEmpty();
  }

  @Test
  void anAdjustmentMatchesItsSchema() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.2"));

    conforms(HttpMethod.POST, "/api/trade/adjust", TradingHarness.adjustBody(account, "ETH", "decrease", "0.5"),
      "/api/trade/adjust", 202);
  }

  @Test
  void theKillSwitchTheRailsHealthAndALiveTicketMatchTheirSchemas() {
    TestAccount account = harness.freshAccount();
    conforms(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt").put("account_index", account.index()),
      "/api/kill", 200);
    conforms(HttpMethod.GET, "/api/rails", null, "/api/rails", 200);
    conforms(HttpMethod.GET, "/api/rails/" + account.index(), null, "/api/rails/{account_index}", 200);
    conforms(HttpMethod.POST, "/api/resume", new JsonObject().put("account_index", account.index()), "/api/resume",
      200);
    conforms(HttpMethod.GET, "/health", null, "/health", 200);
    conforms(HttpMethod.POST, "/api/live/ticket", null, "/api/live/ticket", 200);
    conforms(HttpMethod.GET, "/", null, "/", 200);
  }

  @Test
  void theNodesMatchTheirSchema() {
    conforms(HttpMethod.GET, "/api/nodes", null, "/api/nodes", 200);
  }

  @Test
  void protectReplacesAStopLossTheExchangeNoLongerHoldsAndJournalsTheRun() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.2"));
    List<Order> stops = harness.stopLosses(account, TradingHarness.ETH);
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, TradingHarness.ETH,
      stops.get(0).orderIndex(), TradingHarness.expiredAt(), nonce, TxAttributes.none()));

    conforms(HttpMethod.POST, "/api/protect", new JsonObject().put("account_index", account.index()), "/api/protect",
      202);

    Order replaced = eventually("a stop-loss re-placed by the operator's run", Duration.ofSeconds(20),
      () -> harness.stopLosses(account, TradingHarness.ETH), found -> found.size() == 1).get(0);
    assertThat(replaced.triggerPrice()).isEqualByComparingTo(stops.get(0).triggerPrice());
    assertThat(harness.protectionRuns(account)).singleElement()
      .satisfies(run -> assertThat(run.getJsonObject("request").getString("reason")).isEqualTo("operator"));
    conforms(HttpMethod.POST, "/api/protect", new JsonObject(), "/api/protect", 400);
    conforms(HttpMethod.POST, "/api/protect", new JsonObject().put("account_index", 999_999), "/api/protect", 404);
  }

  @Test
  void aWebhookAndItsReplayMatchTheirSchemas() {
    JsonObject signal = new JsonObject().put("ticker", "ETHUSDT.P").put("action", "buy")
      .put("reference_position_ratio", 0.1).put("id", "docs-1");
    String path = "/api/webhook/" + WEBHOOK_TOKEN;

    conforms(harness.api(HttpMethod.POST, path), signal, "POST", "/api/webhook/{token}", 202);
    conforms(harness.api(HttpMethod.POST, path), signal, "POST", "/api/webhook/{token}", 200);
    conforms(harness.api(HttpMethod.POST, "/api/webhook"), signal.copy().put("secret", WEBHOOK_TOKEN), "POST",
      "/api/webhook", 200);
    conforms(harness.api(HttpMethod.POST, "/api/webhook/unknown-token-0123456789"), signal, "POST",
      "/api/webhook/{token}", 404);
  }

  @Test
  void errorAnswersMatchTheErrorBody() {
    TestAccount account = harness.freshAccount();
    conforms(HttpMethod.POST, "/api/trade", new JsonObject().put("account_index", account.index()), "/api/trade",
      400);
    conforms(HttpMethod.POST, "/api/trade", TradingHarness.tradeBody(account, "NOPE", "long", "0.1"), "/api/trade",
      422);
    conforms(HttpMethod.GET, "/api/account/999999", null, "/api/account/{account_index}", 404);
    conforms(HttpMethod.GET, "/api/trade/no-such-request", null, "/api/trade/{request_id}", 404);
    conforms(HttpMethod.GET, "/api/trades?limit=x", null, "/api/trades", 400);
    conforms(HttpMethod.GET, "/api/equity/" + account.index() + "?hours=169", null, "/api/equity/{account_index}",
      400);
    conforms(HttpMethod.GET, "/api/equity/999999", null, "/api/equity/{account_index}", 404);
    conforms(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "off"), "/api/kill", 400);
    conforms(harness.api(HttpMethod.GET, "/api/rails").putHeader("X-API-Key", "wrong"), null, "GET", "/api/rails", 401);
    conforms(harness.api(HttpMethod.POST, "/api/kill").putHeader("Origin", "https://evil.example"),
      new JsonObject().put("mode", "halt"), "POST", "/api/kill", 403);
    conforms(harness.api(HttpMethod.POST, "/api/resume").putHeader("Content-Type", "text/plain"), null, "POST",
      "/api/resume", 415);
  }
}
