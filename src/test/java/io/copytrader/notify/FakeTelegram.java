package io.copytrader.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Telegram Bot API {@code sendMessage} endpoint on loopback that records what it receives and answers
 * from a script: each request takes the next scripted reply, then "ok" once the script is used up.
 */
final class FakeTelegram {

  /** One recorded request; {@code nanos} is {@link System#nanoTime()} on arrival. */
  record Received(long nanos, String path, JsonObject body) {
  }

  sealed interface Reply {
  }

  record Ok() implements Reply {
  }

  record TooManyRequests(long retryAfterSeconds) implements Reply {
  }

  record Status(int status, String description) implements Reply {
  }

  /** Answers "ok" only after {@code delayMs}. */
  record Slow(long delayMs) implements Reply {
  }

  /** Answers "ok" only when {@link #releaseHeld()} is called. */
  record Hold() implements Reply {
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<HttpServerRequest> held = new ArrayList<>();
  private final Vertx vertx;
  private HttpServer server;

  FakeTelegram(Vertx vertx) {
    this.vertx = vertx;
  }

  FakeTelegram start() {
    server = vertx.createHttpServer()
      .requestHandler(request -> request.body().onSuccess(body -> {
        received.add(new Received(System.nanoTime(), request.path(), body.toJsonObject()));
        answer(request, next());
      }))
      .listen(0, "127.0.0.1")
      .await();
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  synchronized FakeTelegram then(Reply reply) {
    script.addLast(reply);
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  synchronized void releaseHeld() {
    held.forEach(request -> ok(request));
    held.clear();
  }

  void close() {
    server.close().await();
  }

  /** Closes this server and returns its address, where nothing listens any more. */
  String closedUrl() {
    String url = url();
    close();
    return url;
  }

  private synchronized Reply next() {
    return script.isEmpty() ? new Ok() : script.pollFirst();
  }

  private void answer(HttpServerRequest request, Reply reply) {
    if (reply instanceof TooManyRequests limit) {
      json(request, 429, new JsonObject().put("ok", false).put("error_code", 429)
        .put("description", "Too Many Requests: retry after " + limit.retryAfterSeconds())
        .put("parameters", new JsonObject().put("retry_after", limit.retryAfterSeconds())));
    } else if (reply instanceof Status status) {
      json(request, status.status(), new JsonObject().put("ok", false).put("error_code", status.status())
        .put("description", status.description()));
    } else if (reply instanceof Slow slow) {
      vertx.setTimer(slow.delayMs(), id -> ok(request));
    } else if (reply instanceof Hold) {
      synchronized (this) {
        held.add(request);
      }
    } else {
      ok(request);
    }
  }

  private static void ok(HttpServerRequest request) {
    json(request, 200, new JsonObject().put("ok", true).put("result", new JsonObject().put("message_id", 1)));
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
