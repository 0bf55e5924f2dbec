package io.copytrader.campaign;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Telegram Bot API on loopback, recording the text of every {@code sendMessage} and answering ok (the same
 * contract as e2e/TelegramRecorder, which is private to its package). Outlives service restarts, so notices
 * of every instance of a schedule are counted together.
 */
final class TelegramSink {

  static final String BOT_TOKEN = "123456789:campaign-bot-token";
  static final String CHAT_ID = "-1001234567890";

  private final List<String> texts = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  TelegramSink(Vertx vertx) {
    String sendMessage = "/bot" + BOT_TOKEN + "/sendMessage";
    server = vertx.createHttpServer()
      .requestHandler(request -> request.body().onSuccess(body -> {
        if (!sendMessage.equals(request.path())) {
          request.response().setStatusCode(404).end();
          return;
        }
        texts.add(body.toJsonObject().getString("text", ""));
        request.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("ok", true).put("result", new JsonObject()).encode());
      }))
      .listen(0, "127.0.0.1").await();
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  List<String> texts() {
    return List.copyOf(texts);
  }

  void close() {
    server.close().await();
  }
}
