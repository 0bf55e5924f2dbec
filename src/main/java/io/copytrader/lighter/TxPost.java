package io.copytrader.lighter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.function.BooleanSupplier;

/**
 * The road of {@code sendTx} to the exchange. It has connections of its own, so a send never waits behind reads for
 * a pooled connection, and it asks the caller's send gate at the last moment: once the connection is in hand, right
 * before the request is written. Asked any earlier, a process paused in between (a long collection, a frozen
 * machine) would write the transaction after its right to send had ended, which is how a node that lost an
 * account's lease could still trade it (docs/ARCHITECTURE.md "Account ownership").
 */
final class TxPost implements AutoCloseable {

  private final HttpClientAgent http;
  private final RequestOptions template;

  TxPost(Vertx vertx, HttpClientOptions connection, int poolSize, RequestOptions template) {
    this.http = vertx.createHttpClient(connection, new PoolOptions().setHttp1MaxSize(poolSize));
    this.template = template;
  }

  /**
   * Posts the form to {@code uri} if {@code gate} is still true once a connection is ready; otherwise fails with a
   * {@link LighterException.Kind#WITHHELD} and writes nothing.
   */
  Future<RestAnswer> post(String uri, String operation, Buffer form, BooleanSupplier gate) {
    return http.request(new RequestOptions(template).setMethod(HttpMethod.POST).setURI(uri))
      // No request without a connection: nothing was written, whatever the reason (none free in time, none opened).
      .recover(noConnection -> Future.failedFuture(LighterException.noConnection(operation, noConnection)))
      .compose(request -> {
        if (!gate.getAsBoolean()) {
          // Nothing was written: the reset only gives the connection back, and is no failure worth a log line.
          request.exceptionHandler(reset -> { });
          request.reset();
          return Future.failedFuture(LighterException.withheld(operation));
        }
        request.putHeader(HttpHeaders.CONTENT_TYPE, HttpHeaders.APPLICATION_X_WWW_FORM_URLENCODED);
        return request.send(form)
          .compose(response -> response.body().map(body -> new RestAnswer(response.statusCode(), body)));
      });
  }

  @Override
  public void close() {
    http.close();
  }
}
