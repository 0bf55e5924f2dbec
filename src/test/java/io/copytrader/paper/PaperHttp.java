package io.copytrader.paper;

import static io.copytrader.lighter.Await.result;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.Map;

/**
 * Raw HTTP to a running paper exchange, waited on from the test thread, so tests see the exact JSON a Lighter
 * client would: field names, JSON types and status codes.
 */
final class PaperHttp implements AutoCloseable {

  /** One answer: the HTTP status, the body as JSON (null when it is not a JSON object) and the raw text. */
  record Reply(int status, JsonObject body, String raw, String contentType) {

    int code() {
      return body.getInteger("code");
    }
  }

  private final WebClient web;
  private final PaperExchange exchange;

  PaperHttp(Vertx vertx, PaperExchange exchange) {
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(exchange.port()).setKeepAlive(false));
    this.exchange = exchange;
  }

  /** Waits until the exchange's sequencer has applied (or dropped) every transaction it accepted. */
  void settle() {
    result(exchange.sequencerIdle());
  }

  Reply get(String uri) {
    return get(uri, Map.of());
  }

  Reply get(String uri, Map<String, String> headers) {
    HttpRequest<Buffer> request = web.get(uri);
    headers.forEach(request::putHeader);
    return reply(request.send());
  }

  Reply postForm(String uri, MultiMap form) {
    return reply(web.post(uri).sendForm(form));
  }

  Reply postMultipart(String uri, MultipartForm form) {
    return reply(web.post(uri).sendMultipartForm(form));
  }

  Reply postJson(String uri, JsonObject body) {
    return reply(web.post(uri).sendJsonObject(body));
  }

  Reply postRaw(String uri, String body) {
    return reply(web.post(uri).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  /** Sends a form and hands back the raw outcome, for answers that never come. */
  Future<HttpResponse<Buffer>> postFormAsync(String uri, MultiMap form) {
    return web.post(uri).sendForm(form);
  }

  Reply delete(String uri) {
    return reply(web.delete(uri).send());
  }

  private static Reply reply(Future<HttpResponse<Buffer>> sent) {
    HttpResponse<Buffer> response = result(sent);
    String raw = response.bodyAsString();
    JsonObject body;
    try {
      body = raw == null ? null : new JsonObject(raw);
    } catch (RuntimeException notAnObject) {
      body = null;
    }
    return new Reply(response.statusCode(), body, raw, response.getHeader("Content-Type"));
  }

  @Override
  public void close() {
    web.close();
  }
}
