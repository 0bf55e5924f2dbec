package io.copytrader.paper;

import static io.copytrader.lighter.Await.result;
import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.COLLATERAL;
import static io.copytrader.paper.PaperFixture.L1_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.LighterErrorCodes;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.paper.limits.RateLimits;
import io.copytrader.paper.limits.StreamLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Lighter's WebSocket limits on the paper exchange, through real WebSocket clients on loopback (one IP), with the
 * limits made small: 3 connections, 2 subscriptions a connection, 8 counted frames a minute, 2 in flight, 1 account.
 */
class PaperStreamLimitsTest {

  private static final long ELSEWHERE = ACCOUNT + 2;
  private static final StreamLimits SMALL = new StreamLimits(3, 2, 8, 2, 1);

  private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
  @AutoClose
  private final Vertx vertx = Vertx.vertx();
  private final PaperFixture paper = PaperFixture.start(vertx, PaperConfig.defaults().withAccounts(List.of(
      PaperFixture.account(ACCOUNT, L1_ADDRESS, COLLATERAL),
      PaperFixture.account(ELSEWHERE, "0x00000000000000000000000000000000000000e1", COLLATERAL)))
    .withRateLimits(RateLimits.lighter().withStream(SMALL)), now::get);
  private final WebSocketClient sockets = vertx.createWebSocketClient();

  /** One client connection, reading frames one by one. */
  private final class Client {

    final ClientWebSocket socket = sockets.webSocket();
    final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);

    Client() {
      socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
      socket.closeHandler(unused -> closed.countDown());
      result(socket.connect(paper.exchange.port(), "127.0.0.1", "/stream"));
    }

    JsonObject next() throws InterruptedException {
      JsonObject frame = frames.poll(5, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 5 s").isNotNull();
      return frame;
    }

    void send(JsonObject frame) {
      result(socket.writeTextMessage(frame.encode()));
    }

    JsonObject subscribe(String channel) throws InterruptedException {
      send(new JsonObject().put("type", "subscribe").put("channel", channel));
      return next();
    }

    JsonObject unsubscribe(String channel) throws InterruptedException {
      send(new JsonObject().put("type", "unsubscribe").put("channel", channel));
      return next();
    }
  }

  private Client greeted() throws InterruptedException {
    Client client = new Client();
    assertThat(client.next().getString("type")).isEqualTo("connected");
    return client;
  }

  @Test
  void aConnectionBeyondTheIpsCapIsToldTooManyConnectionsAndClosed() throws InterruptedException {
    Client first = greeted();
    greeted();
    greeted();

    Client refused = new Client();

    refusedWith(refused.next(), LighterErrorCodes.TOO_MANY_CONNECTIONS, "Too Many Connections!");
    assertThat(refused.closed.await(5, TimeUnit.SECONDS)).as("closed by the exchange").isTrue();
    result(first.socket.close());
    awaitConnections(2);
    greeted();
  }

  @Test
  void aSubscriptionBeyondTheConnectionsCapIsRefusedWithTooManySubscriptions() throws InterruptedException {
    Client client = greeted();
    assertThat(client.subscribe("order_book/0").getString("type")).isEqualTo("subscribed/order_book");
    assertThat(client.subscribe("order_book/1").getString("type")).isEqualTo("subscribed/order_book");

    refusedWith(client.subscribe("order_book/2"), LighterErrorCodes.TOO_MANY_SUBSCRIPTIONS,
      "Too Many Subscriptions!");
    assertThat(greeted().subscribe("order_book/2").getString("type")).as("another connection's own cap")
      .isEqualTo("subscribed/order_book");
  }

  @Test
  void anAccountBeyondTheIpsCapIsRefusedWithTooManyDifferentAccountsUntilTheFirstIsLetGo()
    throws InterruptedException {
    Client client = greeted();
    Client other = greeted();
    assertThat(client.subscribe("user_stats/" + ACCOUNT).getString("type")).isEqualTo("subscribed/user_stats");
    assertThat(client.subscribe("account_all/" + ACCOUNT).getString("type")).as("the same account again")
      .isEqualTo("subscribed/account_all");

    refusedWith(other.subscribe("user_stats/" + ELSEWHERE), LighterErrorCodes.TOO_MANY_DIFFERENT_ACCOUNTS,
      "Too Many Different Accounts!");
    result(client.socket.close());
    awaitConnections(1);
    assertThat(other.subscribe("user_stats/" + ELSEWHERE).getString("type")).isEqualTo("subscribed/user_stats");
  }

  @Test
  void framesBeyondTheMinutesCapAreRefusedWithTooManyWebsocketMessagesUntilItRolls() throws InterruptedException {
    Client client = greeted();
    for (int i = 0; i < 10; i++) {
      client.send(new JsonObject().put("type", "ping"));
      assertThat(client.next().getString("type")).as("pings are not counted").isEqualTo("pong");
    }
    for (int i = 0; i < 8; i++) {
      assertThat(client.unsubscribe("order_book/0").getInteger("code")).isEqualTo(LighterErrorCodes.WS_NOT_SUBSCRIBED);
    }

    refusedWith(client.unsubscribe("order_book/0"), LighterErrorCodes.WS_TOO_MANY_MESSAGES,
      "Too Many Websocket Messages!");
    now.addAndGet(60_000);
    assertThat(client.unsubscribe("order_book/0").getInteger("code")).isEqualTo(LighterErrorCodes.WS_NOT_SUBSCRIBED);
  }

  @Test
  void aFrameBeyondTheInflightCapIsRefusedWithTooManyInflightMessages() throws InterruptedException {
    Client client = greeted();
    paper.faults(new JsonObject().put("stream_ack_delay_ms", 300));

    client.send(new JsonObject().put("type", "subscribe").put("channel", "order_book/0"));
    client.send(new JsonObject().put("type", "subscribe").put("channel", "order_book/1"));
    client.send(new JsonObject().put("type", "subscribe").put("channel", "order_book/2"));

    // Answered at once, before the two in flight.
    refusedWith(client.next(), LighterErrorCodes.WS_TOO_MANY_INFLIGHT, "Too Many Inflight Messages!");
    assertThat(client.next().getString("channel")).isEqualTo("order_book:0");
    assertThat(client.next().getString("channel")).isEqualTo("order_book:1");
    assertThat(client.unsubscribe("order_book/0").getString("type")).as("in flight again once answered")
      .isEqualTo("unsubscribed");
  }

  @Test
  void aTransactionOnTheSocketBeyondTheL1AddressesMinuteIsRefusedWithTooManyRequests() throws InterruptedException {
    paper.control("/paper/accounts/" + ACCOUNT + "/tier", new JsonObject().put("tier", "standard"));
    for (int i = 0; i < 60; i++) {
      paper.http.get("/api/v1/accountActiveOrders?market_id=0&account_index=" + ACCOUNT,
        Map.of("Authorization", paper.trader.authToken()));
    }
    SignedTx buy = paper.trader.sign(paper.trader.market(paper.trader.nextNonce(), 1, "0.0100", "3100.00", false,
      false));
    Client client = greeted();

    client.send(new JsonObject().put("type", "jsonapi/sendtx").put("data", new JsonObject().put("id", "9")
      .put("tx_type", buy.txType()).put("tx_info", new JsonObject(buy.txInfo()))));
    JsonObject answer = client.next();

    assertThat(answer.getString("type")).isEqualTo("jsonapi/sendtx");
    assertThat(answer.getString("id")).isEqualTo("9");
    assertThat(answer.getInteger("code")).isEqualTo(LighterErrorCodes.TOO_MANY_REQUESTS);
    assertThat(answer.getJsonObject("error").getString("message")).isEqualTo("Too Many Requests!");
  }

  private static void refusedWith(JsonObject frame, int code, String message) {
    assertThat(frame.getString("type")).isEqualTo("error");
    assertThat(frame.getInteger("code")).isEqualTo(code);
    assertThat(frame.getString("message")).isEqualTo(message);
  }

  /** Waits until the exchange counts {@code count} open connections (a close reaches it a moment later). */
  private void awaitConnections(int count) throws InterruptedException {
    for (int i = 0; i < 100 && paper.http.get("/paper/streams").body().getInteger("connections") != count; i++) {
      Thread.sleep(20);
    }
    assertThat(paper.http.get("/paper/streams").body().getInteger("connections")).isEqualTo(count);
  }
}
