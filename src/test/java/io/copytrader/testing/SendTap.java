package io.copytrader.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One node's own road to the exchange's REST API: every call passes through unchanged, and every transaction the
 * node sends ({@code sendTx}) is written down with the moment it arrived and the account it is for. Several
 * service processes trading on one exchange with the same API keys are told apart only so, which is what a test
 * needs to say that a node sent nothing after it lost an account.
 */
public final class SendTap implements AutoCloseable {

  private static final String SEND_TX = "/api/v1/sendTx";

  /** A transaction that arrived: when ({@link System#nanoTime()}), for which account, its type and nonce. */
  public record Send(long nanos, long accountIndex, int txType, long nonce) {
  }

  private final Vertx vertx;
  private final HttpClient client;
  private final int exchangePort;
  private final List<Send> sends = new ArrayList<>();
  private HttpServer server;

  private SendTap(Vertx vertx, int exchangePort) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.exchangePort = exchangePort;
  }

  /** A tap in front of the exchange listening on {@code exchangePort}, on a free loopback port. */
  public static SendTap start(Vertx vertx, int exchangePort) {
    SendTap tap = new SendTap(vertx, exchangePort);
    tap.server = vertx.createHttpServer().requestHandler(tap::forward).listen(0, "127.0.0.1").await();
    return tap;
  }

  /** The base URL the node is given as BASE_URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Every transaction that arrived so far, in arrival order. */
  public List<Send> sends() {
    synchronized (sends) {
      return List.copyOf(sends);
    }
  }

  /** The transactions for {@code accountIndex} that arrived after {@code nanos}. */
  public List<Send> sendsAfter(long nanos, long accountIndex) {
    return sends().stream().filter(send -> send.accountIndex() == accountIndex && send.nanos() - nanos > 0).toList();
  }

  /** When the last transaction for {@code accountIndex} arrived, if any did. */
  public OptionalLong lastSend(long accountIndex) {
    return sends().stream().filter(send -> send.accountIndex() == accountIndex).mapToLong(Send::nanos)
      .reduce((first, second) -> second);
  }

  /**
   * Per account, the milliseconds from {@code nanos} to the first transaction any of {@code taps} saw for it after
   * then; accounts none was sent for yet are absent.
   */
  public static Map<Long, Long> firstSendsAfter(List<SendTap> taps, List<Long> accounts, long nanos) {
    Map<Long, Long> first = new TreeMap<>();
    for (long account : accounts) {
      taps.stream().flatMap(tap -> tap.sendsAfter(nanos, account).stream()).mapToLong(Send::nanos).min()
        .ifPresent(at -> first.put(account, Duration.ofNanos(at - nanos).toMillis()));
    }
    return first;
  }

  private void forward(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      if (request.path().equals(SEND_TX)) {
        record(body);
      }
      HttpRelay.relay(client, exchangePort, request, body);
    });
  }

  /** Writes down a sendTx from its form body ({@code tx_type}, {@code tx_info} with AccountIndex and Nonce). */
  private void record(Buffer body) {
    long now = System.nanoTime();
    String txType = null;
    String txInfo = null;
    for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      if (name.equals("tx_type")) {
        txType = value;
      } else if (name.equals("tx_info")) {
        txInfo = value;
      }
    }
    JsonObject info = txInfo == null ? new JsonObject() : new JsonObject(txInfo);
    Send send = new Send(now, info.getLong("AccountIndex", -1L), txType == null ? -1 : Integer.parseInt(txType),
      info.getLong("Nonce", -1L));
    synchronized (sends) {
      sends.add(send);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().await();
    }
    client.close().await();
  }
}
