package io.copytrader.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bounds intake puts on what it reads, over a real server: numbers too large, too small or too precise to
 * compute with are refused naming the field, and requests the HTTP decoder itself refuses (headers or request
 * line too long, not HTTP at all) still get the documented error body, seen through a raw socket.
 */
@ExtendWith(VertxExtension.class)
class IntakeLimitsTest {

  private Vertx vertx;
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    this.vertx = vertx;
    port = HttpVerticleUnderTest.deploy(vertx, dir, Map.of());
    client = WebClient.create(vertx);
  }

  private HttpResponse<Buffer> post(String path, String body) {
    return client.post(port, "127.0.0.1", path).putHeader("Content-Type", "application/json")
      .sendBuffer(Buffer.buffer(body)).await();
  }

  private static void assertError(int status, String contentType, String text, int expectedStatus, String code) {
    assertThat(status).isEqualTo(expectedStatus);
    assertThat(contentType).isEqualTo("application/json");
    JsonObject body = new JsonObject(text);
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("code")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String trade(String ratio) {
    return "{\"account_index\":1,\"symbol\":\"ETH\",\"trade_type\":\"long\",\"reference_position_ratio\":" + ratio
      + "}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    1E-999999999                | reference_position_ratio must have at most 18 decimal places
    1E+999999999                | reference_position_ratio is too large
    -1E+999999999               | reference_position_ratio is too large
    0.1234567890123456789012345 | reference_position_ratio must have at most 18 decimal places
    1.234567890123456789E-1     | reference_position_ratio must have at most 18 decimal places
    1.000000000000000001        | reference_position_ratio must have at most 18 significant digits
    0.1E-18                     | reference_position_ratio must have at most 18 decimal places
    1E-2147483648               | reference_position_ratio is not a number that can be represented
    """)
  void ratioBeyondTheDecimalBoundsIsRefusedNamingTheField(String ratio, String message) {
    HttpResponse<Buffer> response = post("/api/trade", trade(ratio));

    assertError(response.statusCode(), response.getHeader("Content-Type"), response.bodyAsString(), 400,
      "INVALID_REQUEST");
    assertThat(response.bodyAsJsonObject().getString("message")).contains(message);
  }

  @Test
  void thousandDigitRatioIsRefusedNamingTheField() {
    HttpResponse<Buffer> response = post("/api/trade", trade("0." + "3".repeat(998)));

    assertError(response.statusCode(), response.getHeader("Content-Type"), response.bodyAsString(), 400,
      "INVALID_REQUEST");
    assertThat(response.bodyAsJsonObject().getString("message"))
      .isEqualTo("reference_position_ratio must be a number of at most 64 characters");
  }

  @Test
  void thousandDigitAccountIndexIsRefusedNamingTheField() {
    HttpResponse<Buffer> response = post("/api/trade",
      "{\"account_index\":" + "9".repeat(1000) + ",\"symbol\":\"ETH\",\"trade_type\":\"close\"}");

    assertError(response.statusCode(), response.getHeader("Content-Type"), response.bodyAsString(), 400,
      "INVALID_REQUEST");
    assertThat(response.bodyAsJsonObject().getString("message")).startsWith("account_index must be");
  }

  @Test
  void percentageWithTooManySignificantDigitsIsRefusedNamingTheField() {
    HttpResponse<Buffer> response = post("/api/trade/adjust", "{\"account_index\":1,\"symbol\":\"ETH\","
      + "\"adjustment_type\":\"decrease\",\"percentage\":0.1234567890123456789}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message"))
      .isEqualTo("percentage must have at most 18 decimal places");
  }

  @Test
  void percentageWithATinyExponentIsRefusedNamingTheField() {
    HttpResponse<Buffer> response = post("/api/trade/adjust", "{\"account_index\":1,\"symbol\":\"ETH\","
      + "\"adjustment_type\":\"decrease\",\"percentage\":1E-999999999}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).startsWith("percentage must have at most");
  }

  @Test
  void ratioIgnoredByACloseIsStillBounded() {
    HttpResponse<Buffer> response = post("/api/trade",
      "{\"account_index\":1,\"symbol\":\"ETH\",\"trade_type\":\"close\",\"reference_position_ratio\":1E-999999999}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).startsWith("reference_position_ratio");
  }

  @Test
  void trailingZerosBeyondTheDecimalBoundDoNotCount() {
    // Account 999 is not configured: a 404 UNKNOWN_ACCOUNT shows the body itself passed validation.
    HttpResponse<Buffer> response = post("/api/trade", "{\"account_index\":999,\"symbol\":\"ETH\","
      + "\"trade_type\":\"long\",\"reference_position_ratio\":0.50000000000000000000000000}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNKNOWN_ACCOUNT");
  }

  @Test
  void signalTimestampBeyondYear9999IsRefused() {
    HttpResponse<Buffer> response = post("/api/trade", "{\"account_index\":1,\"symbol\":\"ETH\","
      + "\"trade_type\":\"close\",\"signal_timestamp\":9223372036854775807,\"max_lag_ms\":1000}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).startsWith("signal_timestamp must be between 1 and");
  }

  @Test
  void headersOverTheLimitGet431WithTheErrorBody() throws Exception {
    String request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(20 * 1024)
      + "\r\n\r\n";

    RawResponse response = raw(request);

    assertError(response.status(), response.header("content-type"), response.body(), 431, "HEADERS_TOO_LARGE");
  }

  @Test
  void requestLineOverTheLimitGets414WithTheErrorBody() throws Exception {
    String request = "GET /api/trade/" + "a".repeat(8 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    RawResponse response = raw(request);

    assertError(response.status(), response.header("content-type"), response.body(), 414, "URI_TOO_LONG");
  }

  @Test
  void malformedRequestLineGets400WithTheErrorBody() throws Exception {
    RawResponse response = raw("GET /health HTTP/1.1 trailing\r\nHost: 127.0.0.1\r\n\r\n");

    assertError(response.status(), response.header("content-type"), response.body(), 400, "INVALID_REQUEST");
  }

  @Test
  void malformedHeaderLineGets400WithTheErrorBody() throws Exception {
    RawResponse response = raw("POST /api/trade HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: nope\r\n\r\n");

    assertError(response.status(), response.header("content-type"), response.body(), 400, "INVALID_REQUEST");
  }

  /** A response read off a raw socket up to the server closing it. */
  record RawResponse(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name);
    }

    static RawResponse parse(String text) {
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("a complete response head in: %s", text).isPositive();
      String[] lines = text.substring(0, end).split("\r\n");
      HashMap<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] rest = text.substring(end + 4).getBytes(StandardCharsets.UTF_8);
      return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), Map.copyOf(headers),
        new String(rest, 0, Math.min(length, rest.length), StandardCharsets.UTF_8));
    }
  }

  /** Sends the bytes as they are and reads until the server closes the connection. */
  private RawResponse raw(String request) throws Exception {
    NetClient net = vertx.createNetClient();
    NetSocket socket = net.connect(port, "127.0.0.1").await();
    Buffer received = Buffer.buffer();
    Promise<Void> closed = Promise.promise();
    socket.handler(received::appendBuffer);
    socket.closeHandler(done -> closed.tryComplete());
    socket.write(Buffer.buffer(request, "UTF-8"));
    closed.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return RawResponse.parse(received.toString(StandardCharsets.UTF_8));
  }
}
