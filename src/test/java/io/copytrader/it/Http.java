package io.copytrader.it;

import io.copytrader.testing.Ports;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Blocking HTTP on loopback for tests that drive other processes; every call is bounded. */
final class Http {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private Http() {
  }

  record Reply(int status, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  static Reply get(String url) {
    return get(url, Map.of());
  }

  static Reply get(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
    headers.forEach(request::header);
    return send(request.build()).orElseThrow(() -> new AssertionError("GET " + url + ": connection failed"));
  }

  static Reply postJson(String url, JsonObject body) {
    return postJson(url, body, Map.of());
  }

  static Reply postJson(String url, JsonObject body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    headers.forEach(request::header);
    return send(request.build()).orElseThrow(() -> new AssertionError("POST " + url + ": connection failed"));
  }

  static Reply delete(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).DELETE().build())
      .orElseThrow(() -> new AssertionError("DELETE " + url + ": connection failed"));
  }

  /** Empty when no connection could be made or the connection dropped, as while a server stops. */
  static Optional<Reply> tryPostJson(String url, JsonObject body) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  private static Optional<Reply> send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return Optional.of(new Reply(response.statusCode(), response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** A port nothing listens on right now, for a process that must be told its port up front ({@link Ports#free}). */
  static int freePort() {
    return Ports.free();
  }
}
