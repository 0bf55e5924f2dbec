package io.copytrader.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.FailureCode;
import io.copytrader.testing.OpenApiDocument;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} describes every route the router serves, every error code, and is what {@code /docs}
 * shows. That real answers match its schemas is {@code OpenApiConformanceTest}'s part.
 */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {

  private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
  private static final Pattern SCRIPT = Pattern.compile("<script src=\"([^\"]+)\"");
  private static HttpVerticle http;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, @TempDir Path dir) throws Exception {
    http = HttpVerticleUnderTest.deployVerticle(vertx, dir, Map.of("API_KEY", "docs-test-key"));
    client = WebClient.create(vertx);
  }

  private static HttpResponse<Buffer> get(String path) {
    return client.get(http.actualPort(), "127.0.0.1", path).timeout(10_000).send().await();
  }

  /** {@code /api/trade/:request_id} as OpenAPI writes it, {@code /api/trade/{request_id}}. */
  private static String template(String vertxPath) {
    return vertxPath.replaceAll(":([A-Za-z_]+)", "{$1}");
  }

  @Test
  void everyRouteTheRouterServesIsDocumented() {
    List<String> undocumented = new ArrayList<>();
    List<String> staticAssets = DOCUMENT.json().getJsonArray("x-static-assets").getList();
    for (Route route : http.routes()) {
      String path = route.getPath();
      if (path == null) {
        continue; // a handler for every request (the headers), no route of its own
      }
      if (!route.isExactPath()) {
        if (route.methods() != null && !route.methods().isEmpty() && !staticAssets.contains(path + "*")) {
          undocumented.add(route.methods() + " " + path + "*");
        }
        continue;
      }
      if (route.methods() == null || route.methods().isEmpty()) {
        // Middleware on one path (the key check on /metrics): the path must be documented.
        if (DOCUMENT.json().getJsonObject("paths").getJsonObject(template(path)) == null) {
          undocumented.add("* " + path);
        }
        continue;
      }
      route.methods().forEach(method -> {
        if (DOCUMENT.operation(method.name(), template(path)) == null) {
          undocumented.add(method + " " + template(path));
        }
      });
    }

    assertThat(http.routes()).isNotEmpty();
    assertThat(undocumented).as("routes the router serves that /openapi.json does not describe").isEmpty();
  }

  @Test
  void theErrorBodyListsEveryFailureCodeAndEveryCodeTheRouterAnswersWith() {
    List<Object> documented = DOCUMENT.json().getJsonObject("components").getJsonObject("schemas")
      .getJsonObject("Error").getJsonObject("properties").getJsonObject("code").getJsonArray("enum").getList();

    assertThat(documented).containsAll(Arrays.stream(FailureCode.values()).map(FailureCode::name).toList())
      .contains("METHOD_NOT_ALLOWED", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "URI_TOO_LONG",
        "HEADERS_TOO_LARGE");
  }

  @Test
  void everyFailureCodeStatusIsDocumentedOnSomeOperation() {
    String document = DOCUMENT.json().encode();
    for (FailureCode code : FailureCode.values()) {
      int status = ErrorResponses.status(code);
      assertThat(document.contains("\"" + status + "\":")).as("status %s of %s is documented", status, code).isTrue();
    }
  }

  @Test
  void servesTheDocumentAsJsonWithoutTheKey() {
    HttpResponse<Buffer> response = get("/openapi.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(new JsonObject(response.body())).isEqualTo(DOCUMENT.json());
    assertThat(DOCUMENT.json().getString("openapi")).isEqualTo("3.1.0");
  }

  @Test
  void docsIsSwaggerUiOnTheDocumentWithEveryScriptItLoadsServed() {
    HttpResponse<Buffer> page = get("/docs");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("swagger-ui-bundle.js").doesNotContain("${");
    Matcher scripts = SCRIPT.matcher(page.bodyAsString());
    int served = 0;
    while (scripts.find()) {
      HttpResponse<Buffer> script = get(scripts.group(1));
      assertThat(script.statusCode()).as(scripts.group(1)).isEqualTo(200);
      assertThat(script.getHeader("Content-Type")).as(scripts.group(1)).contains("javascript")
        .containsIgnoringCase("charset=UTF-8");
      served++;
    }
    assertThat(served).isEqualTo(2);
    assertThat(get("/docs/init.js").bodyAsString()).contains("\"/openapi.json\"");
  }
}
