package io.copytrader.campaign;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Blocking JSON over HTTP for the campaign's own thread: the service's API, the paper exchange's REST and its
 * {@code /paper} controls. A connection that fails answers status 0 instead of throwing, because a service being
 * restarted at a random point is part of the schedule.
 */
final class CampaignHttp {

  /** One answer; status 0 when there was none (refused, reset, timed out). */
  record Reply(int status, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }

    boolean ok() {
      return status == 200;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client = HttpClient.newBuilder()
    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
  private final String apiKey;

  /** {@code apiKey} is sent as {@code X-API-Key} on every request (the service's key; null for none). */
  CampaignHttp(String apiKey) {
    this.apiKey = apiKey;
  }

  Reply get(String url) {
    return send(builder(url).GET());
  }

  Reply post(String url, JsonObject body) {
    return send(builder(url).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.encode())));
  }

  Reply delete(String url) {
    return send(builder(url).DELETE());
  }

  private HttpRequest.Builder builder(String url) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    return apiKey == null ? builder : builder.header("X-API-Key", apiKey);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Reply(0, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
