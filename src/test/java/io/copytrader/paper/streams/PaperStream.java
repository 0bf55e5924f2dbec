package io.copytrader.paper.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A paper exchange with one funded account, deployed on a free loopback port, and a WebSocket client on its
 * {@code /stream} that reads the frames one by one; orders for the account are signed with its key. Its clients
 * close with the test's Vert.x.
 */
final class PaperStream {

  static final long ACCOUNT = 2001;
  static final int KEY_INDEX = 3;
  static final ApiKey KEY = ApiKey.parse("0x" + "5d".repeat(40));
  static final ApiKey OTHER_KEY = ApiKey.parse("0x" + "6e".repeat(40));

  final PaperExchange paper;
  final WebSocket socket;
  private final WebClient http;
  /** Held for the stream's life: a client nothing refers to is closed when collected, its socket with it. */
  private final WebSocketClient sockets;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final TxSigner signer = new TxSigner(TxSigner.MAINNET_CHAIN_ID);

  private PaperStream(Vertx vertx) {
    paper = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, "0x15f43D1f2DeE81424aFd891943262aa90F22cc2A", new BigDecimal("5000"),
        Map.of(KEY_INDEX, KEY.publicKeyHex())))));
    await(vertx.deployVerticle(paper));
    http = WebClient.create(vertx);
    sockets = vertx.createWebSocketClient();
    ClientWebSocket connecting = sockets.webSocket();
    connecting.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket = await(connecting.connect(paper.port(), "127.0.0.1", "/stream"));
  }

  /** Opens the exchange and the socket; the first frame to read is the {@code connected} greeting. */
  static PaperStream open(Vertx vertx) {
    return new PaperStream(vertx);
  }

  /** Opens the exchange and the socket, and reads the greeting. */
  static PaperStream greeted(Vertx vertx) throws InterruptedException {
    PaperStream stream = open(vertx);
    assertThat(stream.next().getString("type")).isEqualTo("connected");
    return stream;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed", e);
    }
  }

  JsonObject next() throws InterruptedException {
    JsonObject frame = frames.poll(5, TimeUnit.SECONDS);
    assertThat(frame).as("a frame within 5 s").isNotNull();
    return frame;
  }

  JsonObject nextOf(Predicate<JsonObject> wanted) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      JsonObject frame = next();
      if (wanted.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame among the next 50");
  }

  JsonObject nextOfType(String type) throws InterruptedException {
    return nextOf(frame -> type.equals(frame.getString("type")));
  }

  /** The next frame, which must be the pong to a ping sent now: nothing else was pending. */
  JsonObject pong() throws InterruptedException {
    send(new JsonObject().put("type", "ping"));
    return next();
  }

  void send(JsonObject frame) {
    await(socket.writeTextMessage(frame.encode()));
  }

  void subscribe(String channel, String auth) {
    send(new JsonObject().put("type", "subscribe").put("channel", channel).put("auth", auth));
  }

  /** Subscribes and returns the snapshot, the frame that answers. */
  JsonObject snapshot(String channel, String auth) throws InterruptedException {
    subscribe(channel, auth);
    return next();
  }

  JsonObject control(String path, JsonObject body) {
    return await(http.request(HttpMethod.POST, paper.port(), "127.0.0.1", path).sendJsonObject(body))
      .bodyAsJsonObject();
  }

  String token() {
    return AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }

  long nextNonce() {
    return await(http.get(paper.port(), "127.0.0.1", "/api/v1/nextNonce?account_index=" + ACCOUNT
      + "&api_key_index=" + KEY_INDEX).send()).bodyAsJsonObject().getLong("nonce");
  }

  /** A market buy of 0.1 ETH (worst price 3100.00), signed with {@code key}. */
  SignedTx marketBuy(ApiKey key, long clientOrderIndex, long nonce) {
    return signer.sign(key, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex, 1000, 310000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      System.currentTimeMillis() + 600_000, nonce, null));
  }

  /** A bid of 0.1 ETH at 1000.00, far below the book, that rests until cancelled. */
  SignedTx restingBid(long clientOrderIndex, long nonce) {
    return signer.sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex, 1000, 100000, 0,
      CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0,
      System.currentTimeMillis() + 86_400_000, System.currentTimeMillis() + 600_000, nonce, null));
  }

  /** Sends a transaction over REST, as the service does, and waits until the sequencer has applied it. */
  void sendOverRest(SignedTx tx) {
    int status = await(http.post(paper.port(), "127.0.0.1", "/api/v1/sendTx").sendForm(
      MultiMap.caseInsensitiveMultiMap().add("tx_type", Integer.toString(tx.txType())).add("tx_info", tx.txInfo())))
      .statusCode();
    assertThat(status).as("sendTx accepted").isEqualTo(200);
    await(paper.sequencerIdle());
  }

}
