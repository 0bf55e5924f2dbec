package io.copytrader.testing;

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
 * The Telegram Bot API's {@code sendMessage} on a random loopback port: records every request it answers, in
 * arrival order, and answers from a script (each request takes the next scripted reply, then "ok" once the
 * script is used up). Built with a bot token it serves only {@code POST /bot<token>/sendMessage}: any other path
 * is answered 404 and not recorded. It outlives restarts of the service that sends to it.
 */
public final class FakeTelegram implements AutoCloseable {

  /** One recorded request; {@code nanos} is {@link System#nanoTime()} on arrival. */
  public record Received(long nanos, String path, JsonObject body) {

    /** The message text, empty when the request carried none. */
    public String text() {
      return body.getString("text", "");
    }
  }

  /** How the fake answers one request. */
  public sealed interface Reply {
  }

  public record Ok() implements Reply {
  }

  public record TooManyRequests(long retryAfterSeconds) implements Reply {
  }

  public record Status(int status, String description) implements Reply {
  }

  /** Answers "ok" only after {@code delayMs}. */
  public record Slow(long delayMs) implements Reply {
  }

  /** Answers "ok" only when {@link #releaseHeld()} is called. */
  public record Hold() implements Reply {
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<HttpServerRequest> held = new ArrayList<>();
  private final Vertx vertx;
  private final String sendMessagePath;
  private HttpServer server;

  /** Serves and records requests to any path. */
  public FakeTelegram(Vertx vertx) {
    this(vertx, null);
  }

  /** Serves and records only {@code sendMessage} of the bot {@code botToken}. */
  public FakeTelegram(Vertx vertx, String botToken) {
    this.vertx = vertx;
    this.sendMessagePath = botToken == null ? null : "/bot" + botToken + "/sendMessage";
  }

  /** Listens; blocks the calling thread, so never call it from an event loop. */
  public FakeTelegram start() {
    server = vertx.createHttpServer()
      .requestHandler(request -> request.body().onSuccess(body -> {
        if (sendMessagePath != null && !sendMessagePath.equals(request.path())) {
          request.response().setStatusCode(404).end();
          return;
        }
        received.add(new Received(System.nanoTime(), request.path(), body.toJsonObject()));
        answer(request, next());
      }))
      .listen(0, "127.0.0.1")
      .await();
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Queues {@code reply} for the next request the script has not answered yet. */
  public synchronized FakeTelegram then(Reply reply) {
    script.addLast(reply);
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The text of every recorded message, in arrival order. */
  public List<String> texts() {
    return received.stream().map(Received::text).toList();
  }

  public synchronized void releaseHeld() {
    held.forEach(FakeTelegram::ok);
    held.clear();
  }

  @Override
  public void close() {
    server.close().await();
  }

  /** Closes this server and returns its address, where nothing listens any more. */
  public String closedUrl() {
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
