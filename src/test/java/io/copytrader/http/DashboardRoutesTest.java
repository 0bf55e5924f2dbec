package io.copytrader.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's pages, the headers every answer carries, the origin check and the live stream's ticket. */
@ExtendWith(VertxExtension.class)
class DashboardRoutesTest {

  private static final String API_KEY = "dashboard-test-key";
  private static Vertx vertx;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start(Vertx shared, @TempDir Path dir) throws Exception {
    vertx = shared;
    port = HttpVerticleUnderTest.deploy(vertx, dir, Map.of("API_KEY", API_KEY));
    client = WebClient.create(vertx);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, Map<String, String> headers) {
    var request = client.request(method, port, "127.0.0.1", path).timeout(10_000);
    headers.forEach(request::putHeader);
    return request.send().await();
  }

  @Test
  void aBrowserGetsTheDashboardAtTheRootAndOtherClientsTheServiceName() {
    HttpResponse<Buffer> page = send(HttpMethod.GET, "/", Map.of("Accept", "text/html,application/xhtml+xml"));
    HttpResponse<Buffer> json = send(HttpMethod.GET, "/", Map.of("Accept", "application/json"));

    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("/dashboard/app.js").doesNotContain("${").doesNotContain(API_KEY);
    assertThat(json.bodyAsJsonObject()).isEqualTo(new JsonObject().put("service", "Lighter copy trader")
      .put("status", "running"));
  }

  @Test
  void everyFileThePageLoadsIsServedWithoutTheKey() {
    String page = send(HttpMethod.GET, "/", Map.of("Accept", "text/html")).bodyAsString();
    var references = java.util.regex.Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page);
    int found = 0;
    while (references.find()) {
      if (!references.group(1).equals("/docs")) {
        assertThat(send(HttpMethod.GET, references.group(1), Map.of()).statusCode()).as(references.group(1))
          .isEqualTo(200);
        found++;
      }
    }
    assertThat(found).isEqualTo(6);
  }

  @Test
  void answersCarryTheBrowserSecurityHeadersAndDataIsNeverCached() {
    HttpResponse<Buffer> data = send(HttpMethod.GET, "/api/rails", Map.of());
    HttpResponse<Buffer> page = send(HttpMethod.GET, "/", Map.of("Accept", "text/html"));

    for (HttpResponse<Buffer> response : new HttpResponse[] {data, page}) {
      assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'")
        .contains("script-src 'self'").doesNotContain("unsafe-eval");
    }
    assertThat(data.getHeader("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void aCrossSiteCallIsForbiddenEvenWithTheKey() {
    HttpResponse<Buffer> response = send(HttpMethod.POST, "/api/live/ticket",
      Map.of("X-API-Key", API_KEY, "Sec-Fetch-Site", "cross-site"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("FORBIDDEN");
  }

  @Test
  void aTicketNeedsTheKey() {
    assertThat(send(HttpMethod.POST, "/api/live/ticket", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void theLiveStreamNeedsAFreshTicket() {
    assertThat(send(HttpMethod.GET, "/live/events", Map.of()).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.GET, "/live/events?ticket=" + "0".repeat(48), Map.of()).statusCode()).isEqualTo(401);
  }

  private String liveTicket() {
    return send(HttpMethod.POST, "/api/live/ticket", Map.of("X-API-Key", API_KEY, "Sec-Fetch-Site", "same-origin"))
      .bodyAsJsonObject().getString("ticket");
  }

  private HttpClientResponse liveStream(HttpClient http, String ticket) {
    return http.request(new RequestOptions().setPort(port).setHost("127.0.0.1")
      .setURI("/live/events?ticket=" + ticket)).compose(request -> request.send()).await();
  }

  @Test
  void theLiveStreamCarriesKillSwitchChangesAsTheBusPublishesThem() throws Exception {
    String ticket = liveTicket();
    HttpClient http = vertx.createHttpClient();
    HttpClientResponse stream = liveStream(http, ticket);
    Promise<String> event = Promise.promise();
    StringBuilder received = new StringBuilder();
    stream.handler(chunk -> {
      received.append(chunk.toString());
      if (received.toString().contains("event: kill_switch")) {
        event.tryComplete(received.toString());
      }
    });
    JsonObject killSwitch = new JsonObject().put("mode", "halt").put("accounts", new JsonObject());

    vertx.setPeriodic(100, id -> vertx.eventBus().publish(Addresses.KILL_SWITCH_CHANGED, killSwitch));

    String text = event.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.getHeader("Content-Type")).startsWith("text/event-stream");
    assertThat(text).contains("event: kill_switch\ndata: " + killSwitch.encode() + "\n\n");
    assertThat(send(HttpMethod.GET, "/live/events?ticket=" + ticket, Map.of()).statusCode()).isEqualTo(401);
    http.close();
  }

  @Test
  void aLiveReaderThatDoesNotKeepUpIsCutOff() throws Exception {
    HttpClient http = vertx.createHttpClient();
    HttpClientResponse stream = liveStream(http, liveTicket());
    Promise<Void> cutOff = Promise.promise();
    stream.request().connection().closeHandler(closed -> cutOff.tryComplete());
    stream.pause();
    JsonObject large = new JsonObject().put("mode", "halt").put("padding", "x".repeat(16 * 1024));

    long publishing = vertx.setPeriodic(1, id -> {
      for (int i = 0; i < 50; i++) {
        vertx.eventBus().publish(Addresses.KILL_SWITCH_CHANGED, large);
      }
    });
    // A paused reader reads nothing, not even the end of the connection: it reads on once the flood is over, and
    // reaches the end only if the service cut it off (a stream left open would only carry keep-alives).
    vertx.timer(3000).await();
    vertx.cancelTimer(publishing);
    stream.resume();

    try {
      cutOff.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } finally {
      http.close();
    }
  }
}
