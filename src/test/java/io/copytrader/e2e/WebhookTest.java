package io.copytrader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.config.Secret;
import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.notify.LogCapture;
import io.copytrader.webhook.HmacSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Webhooks through the service's HTTP API on loopback, trading on the paper exchange: tokens in the URL and in
 * the body, both content types, signatures, address allowlists (loopback is 127.0.0.1; a trusted proxy is reached
 * from 127.0.0.2), TradingView's strategy placeholders, fan-out, replays and stale signals, errors as
 * {@code /api/trade} gives them, and no token or secret in any log line or answer.
 */
@ExtendWith(VertxExtension.class)
class WebhookTest {

  private static final String FANOUT_TOKEN = "fanout-token-0123456789abcdef";
  private static final String LOCAL_TOKEN = "local-token-0123456789abcdef";
  private static final String SIGNED_TOKEN = "signed-token-0123456789abcdef";
  private static final String TRADINGVIEW_TOKEN = "tradingview-token-0123456789";
  private static final String PROXIED_TOKEN = "proxied-token-0123456789abcdef";
  private static final String HMAC_SECRET = "hmac-secret-0123456789abcdef";
  private static final List<String> SECRETS = List.of(FANOUT_TOKEN, LOCAL_TOKEN, SIGNED_TOKEN, TRADINGVIEW_TOKEN,
    PROXIED_TOKEN, HMAC_SECRET);

  private static TradingHarness harness;
  private static TestAccount first;
  private static TestAccount second;
  private static TestAccount own;
  private static WebClient viaProxy;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    String sources = new JsonArray()
      .add(source("fanout", FANOUT_TOKEN, 7001, 7002).put("defaults", new JsonObject().put("ratio", "0.1")))
      .add(source("local", LOCAL_TOKEN, 7003).put("ip_allowlist", new JsonArray().add("127.0.0.1").add("::1"))
        .put("defaults", new JsonObject().put("ratio", "0.05").put("symbols", new JsonObject().put("MYETH", "ETH"))))
      .add(source("signed", SIGNED_TOKEN, 7003).put("hmac_secret", HMAC_SECRET))
      .add(source("tradingview", TRADINGVIEW_TOKEN, 7003).put("ip_allowlist", "tradingview"))
      .add(source("proxied", PROXIED_TOKEN, 7003).put("ip_allowlist", new JsonArray().add("203.0.113.0/24")))
      .encode();
    harness = TradingHarness.start(vertx, dir, 3, Map.of("SIGNAL_SOURCES", sources,
      "WEBHOOK_TRUSTED_PROXIES", "127.0.0.2"));
    first = harness.freshAccount();
    second = harness.freshAccount();
    own = harness.freshAccount();
    viaProxy = WebClient.create(vertx, new WebClientOptions().setLocalAddress("127.0.0.2"));
  }

  @AfterAll
  static void closeClient() {
    viaProxy.close();
  }

  private static JsonObject source(String name, String token, long... accounts) {
    JsonArray indexes = new JsonArray();
    for (long account : accounts) {
      indexes.add(account);
    }
    return new JsonObject().put("name", name).put("token", token).put("accounts", indexes);
  }

  private static HttpResponse<Buffer> webhook(String path, String contentType, String body) {
    return send(harness.withoutKey(HttpMethod.POST, path), contentType, body);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String contentType, String body) {
    return request.putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body)).await();
  }

  private static JsonArray accepted(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response.bodyAsJsonObject().getJsonArray("requests");
  }

  private static String requestId(JsonArray requests, long account) {
    for (Object entry : requests) {
      if (((JsonObject) entry).getLong("account_index") == account) {
        return ((JsonObject) entry).getString("request_id");
      }
    }
    throw new AssertionError("no request for account " + account + " in " + requests.encode());
  }

  /** How many of the account's journaled requests carry {@code idempotencyKey}. */
  private static long journaled(TestAccount account, String idempotencyKey) {
    return harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject().getJsonArray("requests")
      .stream().filter(request -> idempotencyKey.equals(((JsonObject) request).getString("idempotency_key"))).count();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"application/json", "text/plain", "text/plain; charset=utf-8", "Application/JSON; charset=UTF-8"})
  void aWebhookIsAcceptedWithoutTheApiKeyInEitherContentType(String contentType) {
    long start = System.nanoTime();
    HttpResponse<Buffer> response = webhook("/api/webhook/" + LOCAL_TOKEN, contentType,
      "{\"symbol\":\"BTC\",\"trade_type\":\"long\",\"reference_position_ratio\":0.01}");
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(tookMs).isLessThan(1_000);
    harness.filled(requestId(accepted(response), own.index()));
  }

  @Test
  void otherContentTypesAreUnsupported() {
    HttpResponse<Buffer> response = webhook("/api/webhook/" + LOCAL_TOKEN, "application/x-www-form-urlencoded",
      "{\"symbol\":\"BTC\",\"trade_type\":\"close\"}");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void theApiKeyIsStillRequiredEverywhereElse() {
    HttpResponse<Buffer> response = harness.withoutKey(HttpMethod.POST, "/api/trade")
      .sendJsonObject(TradingHarness.tradeBody(own, "ETH", "close", null)).await();

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownTokenOrSecretGetsExactlyTheAnswerOfAnUnknownRoute() {
    HttpResponse<Buffer> unknownRoute = harness.withoutKey(HttpMethod.GET, "/no-such-route").send().await();
    String valid = "{\"symbol\":\"ETH\",\"trade_type\":\"close\"}";
    List<HttpResponse<Buffer>> answers = List.of(
      webhook("/api/webhook/" + LOCAL_TOKEN + "x", "application/json", valid),
      webhook("/api/webhook/" + LOCAL_TOKEN.substring(1), "application/json", valid),
      webhook("/api/webhook/x", "text/plain", valid),
      webhook("/api/webhook/" + LOCAL_TOKEN.toUpperCase(), "application/x-www-form-urlencoded", valid),
      webhook("/api/webhook", "application/json", "{\"secret\":\"" + LOCAL_TOKEN + "0\",\"symbol\":\"ETH\"}"),
      webhook("/api/webhook", "application/json", "{\"secret\":12,\"symbol\":\"ETH\"}"),
      webhook("/api/webhook", "text/plain", valid));

    assertThat(unknownRoute.statusCode()).isEqualTo(404);
    for (HttpResponse<Buffer> answer : answers) {
      assertThat(answer.statusCode()).isEqualTo(unknownRoute.statusCode());
      assertThat(answer.body().getBytes()).isEqualTo(unknownRoute.body().getBytes());
      assertThat(headers(answer)).isEqualTo(headers(unknownRoute));
    }
  }

  private static List<String> headers(HttpResponse<Buffer> response) {
    return response.headers().entries().stream().map(header -> header.getKey() + ": " + header.getValue())
      .sorted().toList();
  }

  @Test
  void theTokenMayComeAsTheSecretInTheBody() {
    HttpResponse<Buffer> response = webhook("/api/webhook", "text/plain", "{\"secret\":\"" + LOCAL_TOKEN
      + "\",\"ticker\":\"MYETH\",\"trade_type\":\"buy\",\"reference_position_ratio\":0.01}");

    harness.filled(requestId(accepted(response), own.index()));
  }

  @Test
  void oneSignalGoesToEveryAccountOfItsSourceOnceAndAReplayChangesNothing() {
    String signal = "{\"ticker\":\"BINANCE:ETHUSDT\",\"action\":\"buy\",\"signalId\":\"fan-1\"}";

    JsonArray requests = accepted(webhook("/api/webhook/" + FANOUT_TOKEN, "application/json", signal));
    HttpResponse<Buffer> replay = webhook("/api/webhook/" + FANOUT_TOKEN, "application/json", signal);

    assertThat(requests).hasSize(2);
    for (TestAccount account : List.of(first, second)) {
      JsonObject status = harness.filled(requestId(requests, account.index()));
      assertThat(TradingHarness.orders(status, "entry")).hasSize(1);
      assertThat(harness.signedPosition(account, TradingHarness.ETH)).isPositive();
      assertThat(journaled(account, "webhook:fanout:fan-1")).isEqualTo(1);
    }
    assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(200);
    JsonArray repeated = replay.bodyAsJsonObject().getJsonArray("requests");
    for (TestAccount account : List.of(first, second)) {
      assertThat(requestId(repeated, account.index())).isEqualTo(requestId(requests, account.index()));
    }
    assertThat(repeated.stream().map(entry -> ((JsonObject) entry).getBoolean("duplicate"))).containsOnly(true);
  }

  @Test
  void aSignalNamingAnAccountOfItsSourceGoesToThatAccountAlone() {
    JsonArray requests = accepted(webhook("/api/webhook/" + FANOUT_TOKEN, "application/json",
      "{\"account_index\":" + first.index() + ",\"symbol\":\"BTC\",\"trade_type\":\"long\"}"));

    assertThat(requests).hasSize(1);
    harness.filled(requestId(requests, first.index()));
  }

  @Test
  void aSignalMayNameOnlyAnAccountOfItsSource() {
    HttpResponse<Buffer> response = webhook("/api/webhook/" + FANOUT_TOKEN, "application/json",
      "{\"account_index\":" + own.index() + ",\"symbol\":\"ETH\",\"trade_type\":\"long\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNKNOWN_ACCOUNT");
  }

  @Test
  void aSignalOlderThanItsMaxLagExpiresInsteadOfTrading() {
    String stale = Instant.now().minusSeconds(120).toString();
    HttpResponse<Buffer> response = webhook("/api/webhook/" + LOCAL_TOKEN, "text/plain",
      "{\"symbol\":\"ETH\",\"trade_type\":\"long\",\"timestamp\":\"" + stale + "\",\"max_lag\":30}");

    JsonObject status = harness.awaitFinal(requestId(accepted(response), own.index()));

    assertThat(status.getString("state")).isEqualTo("expired");
    assertThat(TradingHarness.orders(status, "entry")).isEmpty();
  }

  @Test
  void aStrategyPositionOpensReversesAndFlatCloses() {
    String now = Instant.now().toString();
    String tradingView = "{\"ticker\":\"ETHUSDT.P\",\"action\":\"%s\",\"market_position\":\"%s\","
      + "\"market_position_size\":\"%s\",\"timestamp\":\"" + now + "\",\"max_lag\":60,\"id\":\"%s\"}";

    HttpResponse<Buffer> opened = webhook("/api/webhook/" + LOCAL_TOKEN, "text/plain",
      String.format(tradingView, "sell", "short", "2", "short-" + now));
    assertThat(opened.bodyAsJsonObject().getString("target_ratio")).isEqualTo("-0.05");
    harness.filled(requestId(accepted(opened), own.index()));
    assertThat(harness.signedPosition(own, TradingHarness.ETH)).isNegative();

    HttpResponse<Buffer> reversed = webhook("/api/webhook/" + LOCAL_TOKEN, "text/plain",
      String.format(tradingView, "buy", "long", "2", "long-" + now));
    assertThat(reversed.bodyAsJsonObject().getString("target_ratio")).isEqualTo("0.05");
    harness.filled(requestId(accepted(reversed), own.index()));
    assertThat(harness.signedPosition(own, TradingHarness.ETH)).isPositive();

    HttpResponse<Buffer> flat = webhook("/api/webhook/" + LOCAL_TOKEN, "text/plain",
      String.format(tradingView, "buy", "flat", "0", "flat-" + now));
    assertThat(flat.bodyAsJsonObject().getString("target_ratio")).isEqualTo("0");
    harness.filled(requestId(accepted(flat), own.index()));
    assertThat(harness.signedPosition(own, TradingHarness.ETH)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "{'account_index':7003,'symbol':'ETH','trade_type':'long','reference_position_ratio':2}",
    "{'account_index':7003,'symbol':'ETH','trade_type':'long','reference_position_ratio':1E-999999999}",
    "{'account_index':7003,'symbol':'ETH','trade_type':'long','ratio':0.5}",
    "{'account_index':7003,'symbol':'ETH','trade_type':'long','reference_position_ratio':0.5,'max_lag_ms':5}",
    "{'account_index':7003,'symbol':'NOPE','trade_type':'long','reference_position_ratio':0.5}",
    "{'account_index':7003,'symbol':'ETH'}",
    "{'account_index':7003,'symbol':'ETH','adjustment_type':'decrease','percentage':0}",
    "{'account_index':7003,'market_id':0,'symbol':'BTC','trade_type':'close'}",
    "[1]"})
  void aSignalBreakingARuleOfApiTradeGetsItsAnswer(String body) {
    String json = body.replace('\'', '"');
    String nativePath = json.contains("adjustment_type") ? "/api/trade/adjust" : "/api/trade";
    HttpResponse<Buffer> direct = send(harness.api(HttpMethod.POST, nativePath), "application/json", json);

    HttpResponse<Buffer> viaWebhook = webhook("/api/webhook/" + LOCAL_TOKEN, "application/json", json);

    assertThat(direct.statusCode()).isBetween(400, 499);
    assertThat(viaWebhook.statusCode()).isEqualTo(direct.statusCode());
    assertThat(viaWebhook.bodyAsString()).isEqualTo(direct.bodyAsString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"valid, 202", "missing, 401", "other digest, 401", "stale, 401", "other body, 401"})
  void aSignedSourceTakesOnlyAFreshSignatureOfTheBody(String signature, int status) {
    String body = "{\"symbol\":\"BTC\",\"trade_type\":\"long\",\"reference_position_ratio\":0.01}";
    long now = System.currentTimeMillis() / 1000;
    Secret secret = Secret.of(HMAC_SECRET);
    HttpRequest<Buffer> request = harness.withoutKey(HttpMethod.POST, "/api/webhook/" + SIGNED_TOKEN);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    switch (signature) {
      case "valid" -> request.putHeader(HmacSignature.HEADER, HmacSignature.header(secret, now, bytes));
      case "other digest" -> request.putHeader(HmacSignature.HEADER,
        HmacSignature.header(Secret.of("another-secret-0123456789"), now, bytes));
      case "stale" -> request.putHeader(HmacSignature.HEADER, HmacSignature.header(secret, now - 301, bytes));
      case "other body" -> request.putHeader(HmacSignature.HEADER,
        HmacSignature.header(secret, now, (body + " ").getBytes(StandardCharsets.UTF_8)));
      default -> { }
    }

    HttpResponse<Buffer> response = send(request, "application/json", body);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    if (status == 401) {
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHORIZED");
    }
  }

  @ParameterizedTest(name = "{0} from {1} forwarding {2}")
  @CsvSource(nullValues = "-", value = {
    "local,       127.0.0.1, -,             202",
    "tradingview, 127.0.0.1, -,             403",
    "tradingview, 127.0.0.1, 52.89.214.238, 403",
    "proxied,     127.0.0.1, 203.0.113.7,   403",
    "proxied,     127.0.0.2, 203.0.113.7,   202",
    "proxied,     127.0.0.2, 198.51.100.7,  403",
    "proxied,     127.0.0.2, not-an-ip,     403",
    "tradingview, 127.0.0.2, 52.89.214.238, 202"})
  void aSourceTakesSignalsOnlyFromItsAddresses(String source, String from, String forwardedFor, int status) {
    String token = Map.of("local", LOCAL_TOKEN, "tradingview", TRADINGVIEW_TOKEN, "proxied", PROXIED_TOKEN)
      .get(source);
    HttpRequest<Buffer> request = from.equals("127.0.0.1")
      ? harness.withoutKey(HttpMethod.POST, "/api/webhook/" + token)
      : viaProxy.post(harness.httpPort(), "127.0.0.1", "/api/webhook/" + token);
    if (forwardedFor != null) {
      request.putHeader("X-Forwarded-For", forwardedFor);
    }

    HttpResponse<Buffer> response = send(request, "application/json",
      "{\"symbol\":\"BTC\",\"trade_type\":\"long\",\"reference_position_ratio\":0.01}");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    if (status == 403) {
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void noTokenOrSecretAppearsInALogLineOrAnAnswer() {
    List<String> answers = new ArrayList<>();
    List<String> lines;
    try (LogCapture logs = new LogCapture()) {
      for (String token : List.of(LOCAL_TOKEN, SIGNED_TOKEN, TRADINGVIEW_TOKEN, FANOUT_TOKEN, LOCAL_TOKEN + "x")) {
        answers.add(webhook("/api/webhook/" + token, "application/json",
          "{\"symbol\":\"NOPE\",\"trade_type\":\"long\",\"reference_position_ratio\":0.01}").bodyAsString());
        answers.add(webhook("/api/webhook/" + token, "application/json", "{\"secret\":\"" + token + "\"").bodyAsString());
        answers.add(webhook("/api/webhook/" + token, "application/json", " ".repeat(70 * 1024)).bodyAsString());
      }
      answers.add(webhook("/api/webhook", "text/plain", "{\"secret\":\"" + LOCAL_TOKEN
        + "\",\"symbol\":\"ETH\",\"trade_type\":\"sideways\"}").bodyAsString());
      lines = logs.lines();
    }

    assertThat(lines).isNotEmpty();
    for (String secret : SECRETS) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
      assertThat(answers).noneMatch(answer -> answer.contains(secret));
    }
  }

  @Test
  void webhooksAreCountedBySourceAndOutcome() {
    webhook("/api/webhook/" + LOCAL_TOKEN + "x", "application/json", "{}");
    webhook("/api/webhook/" + LOCAL_TOKEN, "application/json", "{\"symbol\":\"ETH\",\"trade_type\":\"x\"}");

    String metrics = harness.get("/metrics").bodyAsString();

    assertThat(metrics).contains("copytrade_webhook_requests_total{outcome=\"unknown_source\",source=\"unknown\"}")
      .contains("copytrade_webhook_requests_total{outcome=\"invalid\",source=\"local\"}");
  }
}
