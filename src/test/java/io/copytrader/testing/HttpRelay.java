package io.copytrader.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/** Passes one HTTP request, whose body was read, on to a server on loopback and its answer back: a test's hop. */
public final class HttpRelay {

  private HttpRelay() {
  }

  /** Sends {@code request} with {@code body} to {@code port} on 127.0.0.1; answers 502 when that fails. */
  public static void relay(HttpClient client, int port, HttpServerRequest request, Buffer body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).remove("Host")
      .remove("Connection");
    client.request(new RequestOptions().setMethod(request.method()).setHost("127.0.0.1").setPort(port)
        .setURI(request.uri()).setHeaders(headers))
      .compose(outbound -> outbound.send(body))
      .compose(response -> response.body().map(answer -> {
        request.response().setStatusCode(response.statusCode());
        String contentType = response.getHeader("Content-Type");
        if (contentType != null) {
          request.response().putHeader("Content-Type", contentType);
        }
        return answer;
      }))
      .onSuccess(answer -> request.response().end(answer))
      .onFailure(failure -> {
        if (!request.response().ended()) {
          request.response().setStatusCode(502).end("relay: " + failure.getMessage());
        }
      });
  }
}
