package io.copytrader.http;

import io.copytrader.testing.Configs;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.MainVerticle;
import io.copytrader.config.LoadedConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of hostile requests against the running service (paper mode): each gets a 4xx in the error
 * body, never a 500 or a stack trace, nothing reaches the journal, and the service still trades afterwards.
 */
@ExtendWith(VertxExtension.class)
class HostileRequestsTest {

  private static final int REQUESTS = 5_200;
  private static final int IN_FLIGHT = 32;
  private static final String VALID = "{\"account_index\":1001,\"symbol\":\"ETH\",\"trade_type\":\"long\","
    + "\"reference_position_ratio\":0.5}";
  private static final String VALID_ADJUST = "{\"account_index\":1001,\"symbol\":\"ETH\","
    + "\"adjustment_type\":\"increase\",\"percentage\":0.5}";
  private static final String WEBHOOK_TOKEN = "hostile-webhook-token-0123456789";
  private static final String SIGNAL_SOURCES = "[{\"name\":\"hostile\",\"token\":\"" + WEBHOOK_TOKEN
    + "\",\"accounts\":[1001]}]";

  /** One crafted request. */
  record Hostile(HttpMethod method, String path, String contentType, byte[] body) {
  }

  @Test
  void hostileRequestsGetOnlyClientErrorsAndTheServiceStaysHealthy(Vertx vertx, @TempDir Path dir) throws Exception {
    LoadedConfig config = Configs.load(Map.of("HTTP_PORT", "0", "DATA_DIR", dir.resolve("data").toString(),
      "SIGNAL_SOURCES", SIGNAL_SOURCES), dir);
    MainVerticle main = new MainVerticle(config);
    vertx.deployVerticle(main).await();
    WebClient client = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
    int port = main.httpPort();

    List<Hostile> requests = hostileRequests(new Random(20261124));
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    for (int start = 0; start < requests.size(); start += IN_FLIGHT) {
      List<Future<Void>> batch = new ArrayList<>();
      for (Hostile hostile : requests.subList(start, Math.min(start + IN_FLIGHT, requests.size()))) {
        batch.add(send(client, port, hostile).map(response -> {
          String problem = violation(hostile, response);
          if (problem != null) {
            violations.add(problem);
          }
          return null;
        }));
      }
      Future.join(batch).await();
    }

    assertThat(requests).hasSizeGreaterThanOrEqualTo(5_000);
    assertThat(violations).isEmpty();
    HttpResponse<Buffer> list = client.get(port, "127.0.0.1", "/api/trades").send().await();
    assertThat(list.bodyAsJsonObject().getJsonArray("requests")).isEmpty();
    assertThat(client.get(port, "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
    HttpResponse<Buffer> valid = client.post(port, "127.0.0.1", "/api/trade")
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(VALID)).await();
    assertThat(valid.statusCode()).isEqualTo(202);
  }

  private static Future<HttpResponse<Buffer>> send(WebClient client, int port, Hostile hostile) {
    var request = client.request(hostile.method(), port, "127.0.0.1", hostile.path());
    if (hostile.contentType() != null) {
      request.putHeader("Content-Type", hostile.contentType());
    }
    return hostile.body() == null ? request.send() : request.sendBuffer(Buffer.buffer(hostile.body()));
  }

  private static String violation(Hostile hostile, HttpResponse<Buffer> response) {
    String what = hostile.method() + " " + hostile.path() + " " + preview(hostile.body()) + " -> "
      + response.statusCode();
    if (response.statusCode() < 400 || response.statusCode() >= 500) {
      return what + " is not a 4xx";
    }
    if (hostile.method() == HttpMethod.HEAD) {
      return null;
    }
    String text = response.bodyAsString();
    if (text == null || text.contains("Exception") || text.contains("\tat ") || text.contains("at io.")) {
      return what + " leaked internals: " + text;
    }
    JsonObject body;
    try {
      body = new JsonObject(text);
    } catch (RuntimeException e) {
      return what + " has no JSON error body: " + text;
    }
    if (!"error".equals(body.getString("status")) || body.getString("code") == null
      || body.getString("message") == null) {
      return what + " has not the error body: " + text;
    }
    return null;
  }

  private static String preview(byte[] body) {
    if (body == null) {
      return "<no body>";
    }
    String text = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
    return body.length > 80 ? text + "…(" + body.length + " bytes)" : text;
  }

  static List<Hostile> hostileRequests(Random random) {
    List<Hostile> requests = new ArrayList<>();
    String[] paths = {"/api/trade", "/api/trade/adjust", "/api/webhook/" + WEBHOOK_TOKEN};
    String[] fields = {"account_index", "market_id", "symbol", "trade_type", "reference_position_ratio",
      "adjustment_type", "percentage", "signal_timestamp", "max_lag_ms", "client_request_id"};
    String[] webhookFields = {"ticker", "action", "market_position", "market_position_size", "timestamp", "max_lag",
      "id", "signalId", "secret"};
    String[] badValues = {"NaN", "Infinity", "-Infinity", "1e400", "-1e400", "-1", "1.5", "99999999999999999999999",
      "\"1\"", "\"\"", "null", "true", "[]", "{}", "[1,2]", "{\"a\":1}", "-0.0000001", "1e-400", "0x10", "01",
      "\"LONG\"", "\"" + "x".repeat(5000) + "\"", "\"\\u0000\"", "281474976710655", "1E-999999999", "1E+999999999",
      "1E-2147483648", "0.1234567890123456789012345", "0." + "7".repeat(998)};
    while (requests.size() < REQUESTS) {
      int kind = random.nextInt(12);
      String path = paths[random.nextInt(paths.length)];
      String valid = path.endsWith("adjust") ? VALID_ADJUST : VALID;
      boolean webhook = path.startsWith("/api/webhook");
      switch (kind) {
        case 0 -> { // truncated JSON
          int cut = 1 + random.nextInt(valid.length() - 2);
          requests.add(json(path, valid.substring(0, cut)));
        }
        case 1 -> { // a field replaced with a value of the wrong type or range
          String field = webhook && random.nextBoolean() ? webhookFields[random.nextInt(webhookFields.length)]
            : fields[random.nextInt(fields.length)];
          String value = badValues[random.nextInt(badValues.length)];
          if (webhook && field.equals("account_index") && value.equals("null")) {
            continue; // a webhook without account_index goes to every account of its source: valid
          }
          JsonObject base = new JsonObject(valid);
          String body = base.copy().put(field, "__X__").encode().replace("\"__X__\"", value);
          requests.add(json(path, body.replace("\"account_index\":1001", "\"account_index\":999")));
        }
        case 2 -> { // deep nesting
          int depth = 20 + random.nextInt(3000);
          String open = random.nextBoolean() ? "[".repeat(depth) : "{\"a\":".repeat(depth);
          requests.add(json(path, open));
        }
        case 3 -> { // unknown field
          requests.add(json(path, valid.replace("{", "{\"f" + random.nextInt(1000) + "\":1,")));
        }
        case 4 -> { // duplicate keys
          requests.add(json(path, valid.replace("{", "{\"account_index\":999,")));
        }
        case 5 -> { // invalid UTF-8 inside a string
          byte[] bytes = valid.replace("ETH", "E##").getBytes(StandardCharsets.UTF_8);
          int at = new String(bytes, StandardCharsets.UTF_8).indexOf("##");
          bytes[at] = (byte) 0xC3;
          bytes[at + 1] = (byte) 0x28;
          requests.add(new Hostile(HttpMethod.POST, path, "application/json", bytes));
        }
        case 6 -> { // random bytes
          byte[] bytes = new byte[1 + random.nextInt(200)];
          random.nextBytes(bytes);
          requests.add(new Hostile(HttpMethod.POST, path, "application/json", bytes));
        }
        case 7 -> { // wrong or missing content type
          String[] types = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", null};
          // A webhook takes text/plain too; the others it refuses.
          requests.add(new Hostile(HttpMethod.POST, path, types[(webhook ? 1 : 0) + random.nextInt(types.length
            - (webhook ? 1 : 0))],
            valid.getBytes(StandardCharsets.UTF_8)));
        }
        case 8 -> { // odd methods
          HttpMethod[] methods = {HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS,
            HttpMethod.HEAD, HttpMethod.GET};
          requests.add(new Hostile(methods[random.nextInt(methods.length)], path, "application/json",
            valid.getBytes(StandardCharsets.UTF_8)));
        }
        case 9 -> { // not an object at the top level
          String[] bodies = {"[]", "null", "1", "\"long\"", "true", "", " ", "[" + valid + "]"};
          requests.add(json(path, bodies[random.nextInt(bodies.length)]));
        }
        case 10 -> { // odd paths
          String[] odd = {"/api/account/-1", "/api/account/1e3", "/api/account/" + "9".repeat(40),
            "/api/trade/%00", "/api/trade/" + "a".repeat(200), "/api/trades?limit=-5", "/api/trades?limit=abc",
            "/api/trades?before=1:", "/api/trades?account_index=x", "/api/../health/x", "/api//trade"};
          String[] oddWebhooks = {"/api/webhook/%00", "/api/webhook/" + "a".repeat(300), "/api/webhook/",
            "/api/webhook/" + WEBHOOK_TOKEN + "/x", "/api/webhook/" + WEBHOOK_TOKEN + "%2F..",
            "/api/webhook/" + WEBHOOK_TOKEN.substring(1), "/api/webhook/" + WEBHOOK_TOKEN + "%00"};
          requests.add(webhook ? json(oddWebhooks[random.nextInt(oddWebhooks.length)], valid)
            : new Hostile(HttpMethod.GET, odd[random.nextInt(odd.length)], null, null));
        }
        default -> { // oversized body
          if (random.nextInt(20) == 0) {
            byte[] big = new byte[1024 * 1024];
            java.util.Arrays.fill(big, (byte) ' ');
            requests.add(new Hostile(HttpMethod.POST, path, "application/json", big));
          } else {
            requests.add(json(path, valid.replace("\"ETH\"", "\"" + "E".repeat(33 + random.nextInt(100)) + "\"")));
          }
        }
      }
    }
    return requests;
  }

  private static Hostile json(String path, String body) {
    return new Hostile(HttpMethod.POST, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }
}
