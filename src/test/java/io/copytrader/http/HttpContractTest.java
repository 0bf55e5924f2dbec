package io.copytrader.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statuses the HTTP layer decides by itself, before any account or market is consulted, over a real
 * server on a random port.
 */
@ExtendWith(VertxExtension.class)
class HttpContractTest {

  private static final String API_KEY = "contract-test-key";

  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    port = HttpVerticleUnderTest.deploy(vertx, dir, Map.of("API_KEY", API_KEY));
    client = WebClient.create(vertx);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, port, "127.0.0.1", path).putHeader("X-API-Key", API_KEY);
  }

  private HttpResponse<Buffer> post(String path, String body) {
    return await(request(HttpMethod.POST, path).putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(body)));
  }

  private static <T> T await(Future<T> future) {
    return future.await();
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("code")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void missingApiKeyIsUnauthorized() {
    HttpResponse<Buffer> response = await(client.post(port, "127.0.0.1", "/api/trade")
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")));

    assertError(response, 401, "UNAUTHORIZED");
    assertThat(response.bodyAsJsonObject().getString("message")).contains("required");
  }

  @Test
  void wrongApiKeyIsUnauthorized() {
    HttpResponse<Buffer> response = await(client.get(port, "127.0.0.1", "/api/account/1")
      .putHeader("X-API-Key", API_KEY + "x").send());

    assertError(response, 401, "UNAUTHORIZED");
    assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("invalid API key");
  }

  @Test
  void healthNeedsNoApiKey() {
    HttpResponse<Buffer> response = await(client.get(port, "127.0.0.1", "/health").send());

    assertThat(response.statusCode()).isIn(200, 503);
    assertThat(response.bodyAsJsonObject().containsKey("api_healthy")).isTrue();
  }

  @Test
  void unknownRouteIsNotFound() {
    assertError(await(request(HttpMethod.GET, "/api/nothing").send()), 404, "NOT_FOUND");
  }

  @Test
  void wrongMethodIsNotAllowed() {
    assertError(await(request(HttpMethod.GET, "/api/trade").send()), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void bodyOver64KiBIsTooLarge() {
    String big = "{\"symbol\":\"" + "A".repeat(70 * 1024) + "\"}";

    assertError(post("/api/trade", big), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void nonJsonContentTypeIsUnsupported() {
    HttpResponse<Buffer> response = await(request(HttpMethod.POST, "/api/trade")
      .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("long ETH")));

    assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void unconfiguredAccountIsNotFoundAtIntake() {
    HttpResponse<Buffer> response = post("/api/trade",
      "{\"account_index\":999,\"symbol\":\"ETH\",\"trade_type\":\"long\",\"reference_position_ratio\":0.5}");

    assertError(response, 404, "UNKNOWN_ACCOUNT");
  }

  @Test
  void unconfiguredAccountViewIsNotFound() {
    assertError(await(request(HttpMethod.GET, "/api/account/999").send()), 404, "UNKNOWN_ACCOUNT");
  }

  @Test
  void unknownRequestIdIsNotFound() {
    assertError(await(request(HttpMethod.GET, "/api/trade/1700000000000-deadbeef").send()), 404, "NOT_FOUND");
  }

  @Test
  void malformedRequestListQueryIsInvalid() {
    assertError(await(request(HttpMethod.GET, "/api/trades?limit=0").send()), 400, "INVALID_REQUEST");
    assertError(await(request(HttpMethod.GET, "/api/trades?before=nonsense").send()), 400, "INVALID_REQUEST");
  }

  @Test
  void emptyJournalListsNoRequests() {
    HttpResponse<Buffer> response = await(request(HttpMethod.GET, "/api/trades?account_index=1&limit=10").send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("requests")).isEmpty();
  }

  @Test
  void nonNumericAccountPathIsInvalid() {
    assertError(await(request(HttpMethod.GET, "/api/account/abc").send()), 400, "INVALID_REQUEST");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
    `{`                                                                                      | not valid JSON
    `[1,2]`                                                                                  | JSON object
    `{"account_index":"1","symbol":"ETH","trade_type":"long","reference_position_ratio":0.5}` | account_index must be an integer
    `{"account_index":1.5,"symbol":"ETH","trade_type":"long","reference_position_ratio":0.5}` | account_index must be an integer
    `{"account_index":-1,"symbol":"ETH","trade_type":"long","reference_position_ratio":0.5}`  | account_index must be between
    `{"symbol":"ETH","trade_type":"long","reference_position_ratio":0.5}`                     | account_index is required
    `{"account_index":1,"trade_type":"long","reference_position_ratio":0.5}`                  | market_id or symbol is required
    `{"account_index":1,"market_id":"0","trade_type":"long","reference_position_ratio":0.5}`  | market_id must be an integer
    `{"account_index":1,"market_id":1e3,"trade_type":"long","reference_position_ratio":0.5}`  | market_id must be an integer
    `{"account_index":1,"symbol":7,"trade_type":"long","reference_position_ratio":0.5}`       | symbol must be a string
    `{"account_index":1,"symbol":"ETH","trade_type":"LONG","reference_position_ratio":0.5}`   | trade_type must be one of long, short, close
    `{"account_index":1,"symbol":"ETH","trade_type":"buy","reference_position_ratio":0.5}`    | trade_type must be one of long, short, close
    `{"account_index":1,"symbol":"ETH","reference_position_ratio":0.5}`                       | trade_type is required
    `{"account_index":1,"symbol":"ETH","trade_type":"long"}`                                  | reference_position_ratio is required
    `{"account_index":1,"symbol":"ETH","trade_type":"long","reference_position_ratio":"0.5"}` | reference_position_ratio must be a number
    `{"account_index":1,"symbol":"ETH","trade_type":"long","reference_position_ratio":1.01}`  | reference_position_ratio must be between 0 and 1
    `{"account_index":1,"symbol":"ETH","trade_type":"long","reference_position_ratio":-0.1}`  | reference_position_ratio must be between 0 and 1
    `{"account_index":1,"symbol":"ETH","trade_type":"long","reference_position_ratio":NaN}`   | not valid JSON
    `{"account_index":1,"symbol":"ETH","trade_type":"long","reference_position_ratio":0.5,"x":1}` | unknown field 'x'
    `{"account_index":1,"account_index":2,"symbol":"ETH","trade_type":"close"}`               | not valid JSON
    """)
  void invalidTradeBodyIsRejectedNamingTheField(String body, String message) {
    HttpResponse<Buffer> response = post("/api/trade", body);

    assertError(response, 400, "INVALID_REQUEST");
    assertThat(response.bodyAsJsonObject().getString("message")).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
    `{"account_index":1,"symbol":"ETH","adjustment_type":"grow","percentage":0.5}`   | adjustment_type must be one of increase, decrease
    `{"account_index":1,"symbol":"ETH","adjustment_type":"increase"}`                | percentage is required
    `{"account_index":1,"symbol":"ETH","adjustment_type":"increase","percentage":0}` | percentage must be greater than 0 and at most 1
    `{"account_index":1,"symbol":"ETH","adjustment_type":"decrease","percentage":1.5}` | percentage must be greater than 0 and at most 1
    `{"account_index":1,"symbol":"ETH","adjustment_type":"decrease","percentage":"all"}` | percentage must be a number
    `{"account_index":1,"symbol":"ETH","trade_type":"long","percentage":0.5}`        | unknown field 'trade_type'
    """)
  void invalidAdjustBodyIsRejectedNamingTheField(String body, String message) {
    HttpResponse<Buffer> response = post("/api/trade/adjust", body);

    assertError(response, 400, "INVALID_REQUEST");
    assertThat(response.bodyAsJsonObject().getString("message")).contains(message);
  }
}
