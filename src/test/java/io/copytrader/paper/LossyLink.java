package io.copytrader.paper;

import io.copytrader.testing.HttpRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP hop between the service and the paper exchange that can lose transactions in transit: while
 * {@link #loseSends} is on, a {@code /api/v1/sendTx} is taken in and never forwarded nor answered, so the
 * service has signed and sent an order the exchange never saw. Everything else passes through.
 */
public final class LossyLink {

  private static final String SEND_TX = "/api/v1/sendTx";

  private final Vertx vertx;
  private final HttpClient client;
  private final int exchangePort;
  private final AtomicLong receivedSends = new AtomicLong();
  private volatile boolean losingSends;
  private HttpServer server;

  LossyLink(Vertx vertx, int exchangePort) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.exchangePort = exchangePort;
  }

  Future<LossyLink> start() {
    return vertx.createHttpServer().requestHandler(this::forward).listen(0, "127.0.0.1")
      .map(listening -> {
        server = listening;
        return this;
      });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** While on, sends through {@link #baseUrl()} never reach the exchange and are never answered. */
  public void loseSends(boolean lose) {
    losingSends = lose;
  }

  /** Sends that reached this hop, lost or forwarded. */
  public long receivedSends() {
    return receivedSends.get();
  }

  private void forward(HttpServerRequest request) {
    if (request.path().equals(SEND_TX)) {
      receivedSends.incrementAndGet();
      if (losingSends) {
        return;
      }
    }
    request.body().onSuccess(body -> HttpRelay.relay(client, exchangePort, request, body));
  }
}
