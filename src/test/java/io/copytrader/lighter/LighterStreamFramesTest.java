package io.copytrader.lighter;

import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.eventually;
import static io.copytrader.testing.Polling.pause;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.market.BookTop;
import io.copytrader.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stream client against a scripted server: frames a healthy exchange never sends, and its pings. */
@ExtendWith(VertxExtension.class)
class LighterStreamFramesTest {

  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger bookSubscriptions = new AtomicInteger();
  private volatile ServerWebSocket client;
  private HttpServer server;
  private LighterStream stream;

  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = result(vertx.createHttpServer().webSocketHandler(socket -> {
      client = socket;
      socket.textMessageHandler(text -> answer(socket, new JsonObject(text)));
      socket.writeTextMessage(new JsonObject().put("type", "connected").encode());
    }).listen(0, "127.0.0.1"));
  }

  private void deploy(List<Integer> markets) {
    stream = new LighterStream(new LighterStreamOptions("127.0.0.1", server.actualPort(), false,
      Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofMillis(50), Duration.ofMillis(200)),
      () -> Future.succeededFuture(markets), List.of(), ServiceMetrics.forVertx());
    result(vertx.deployVerticle(stream));
  }

  /** The first book snapshot has an unreadable price; the next one is sound. */
  private void answer(ServerWebSocket socket, JsonObject frame) {
    received.add(frame);
    if (!"subscribe".equals(frame.getString("type")) || !"order_book/7".equals(frame.getString("channel"))) {
      return;
    }
    boolean first = bookSubscriptions.incrementAndGet() == 1;
    JsonObject bid = new JsonObject().put("price", first ? "not a price" : "99.50").put("size", "1.00");
    JsonObject ask = new JsonObject().put("price", "100.50").put("size", "2.00");
    socket.writeTextMessage(new JsonObject().put("type", "subscribed/order_book").put("channel", "order_book:7")
      .put("order_book", new JsonObject().put("asks", new JsonArray().add(ask)).put("bids", new JsonArray().add(bid))
        .put("nonce", 10).put("begin_nonce", 0)).encode());
  }

  @Test
  void malformedSnapshotResubscribesTheMarket() throws InterruptedException {
    deploy(List.of(7));
    eventually("a sound book", () -> stream.bookTop(7).isPresent());

    assertThat(stream.resubscriptions()).isEqualTo(1);
    assertThat(received).contains(new JsonObject().put("type", "unsubscribe").put("channel", "order_book/7"));
    assertThat(stream.bookTop(7)).contains(new BookTop(new BigDecimal("99.50"), new BigDecimal("100.50")));
  }

  @Test
  void serverPingIsAnsweredWithPong() throws InterruptedException {
    deploy(List.of(7));
    eventually("a connection", () -> client != null);

    client.writeTextMessage(new JsonObject().put("type", "ping").encode());

    eventually("a pong", () -> received.contains(new JsonObject().put("type", "pong")));
  }

  @Test
  void garbageFramesLeaveTheStreamWorking() throws InterruptedException {
    deploy(List.of(7));
    eventually("a sound book", () -> stream.bookTop(7).isPresent());

    client.writeTextMessage("{not json");
    client.writeTextMessage(new JsonObject().put("type", "update/order_book").put("channel", "order_book:x").encode());
    client.writeTextMessage(new JsonObject().put("type", "update/account_all_orders").put("channel", "nothing")
      .encode());
    client.writeTextMessage(new JsonObject().put("type", "update/order_book").put("channel", "order_book:7")
      .put("order_book", new JsonObject().put("begin_nonce", 10).put("nonce", 11)
        .put("asks", new JsonArray()).put("bids", new JsonArray()
          .add(new JsonObject().put("price", "99.75").put("size", "1.00")))).encode());

    eventually("the update after the garbage", () -> stream.bookTop(7)
      .equals(Optional.of(new BookTop(new BigDecimal("99.75"), new BigDecimal("100.50")))));
  }

  @Test
  void subscriptionsStayWithinLightersMessagesPerMinute() throws InterruptedException {
    deploy(IntStream.range(100, 300).boxed().toList());

    eventually("the first subscriptions", () -> received.size() >= 150);
    pause(Duration.ofMillis(1500));

    assertThat(received).hasSize(180);
  }
}
