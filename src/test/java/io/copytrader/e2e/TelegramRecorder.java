package io.copytrader.e2e;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Telegram Bot API as the service sees it: {@code POST /bot<token>/sendMessage} on loopback, each body
 * recorded and answered {@code {"ok":true,"result":{}}}. Anything else is answered 404 and not recorded.
 */
final class TelegramRecorder {

  /** One message the service sent. */
  record Sent(String path, JsonObject body) {

    String text() {
      return body.getString("text", "");
    }
  }

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final String token;
  private HttpServer server;

  TelegramRecorder(String token) {
    this.token = token;
  }

  Future<TelegramRecorder> start(Vertx vertx) {
    String sendMessage = "/bot" + token + "/sendMessage";
    return vertx.createHttpServer()
      .requestHandler(request -> request.body().onSuccess(body -> {
        if (!sendMessage.equals(request.path())) {
          request.response().setStatusCode(404).end();
          return;
        }
        sent.add(new Sent(request.path(), body.toJsonObject()));
        request.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("ok", true).put("result", new JsonObject()).encode());
      }))
      .listen(0, "127.0.0.1")
      .map(listening -> {
        server = listening;
        return this;
      });
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }
}
