package io.copytrader.paper.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The paper exchange's WebSocket frames as a client sees them, read one by one. */
@ExtendWith(VertxExtension.class)
class PaperStreamsTest {

  private static final long ACCOUNT = 2001;
  private static final int KEY_INDEX = 3;
  private static final ApiKey KEY = ApiKey.parse("0x" + "5d".repeat(40));

  private PaperExchange paper;
  private WebSocketClient sockets;
  private WebClient controls;
  private WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

  @BeforeEach
  void start(Vertx vertx) {
    paper = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, "0x15f43D1f2DeE81424aFd891943262aa90F22cc2A", new BigDecimal("5000"),
        Map.of(KEY_INDEX, KEY.publicKeyHex())))));
    await(vertx.deployVerticle(paper));
    sockets = vertx.createWebSocketClient();
    controls = WebClient.create(vertx);
    ClientWebSocket connecting = sockets.webSocket();
    connecting.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket = await(connecting.connect(paper.port(), "127.0.0.1", "/stream"));
  }

  @AfterEach
  void close() {
    controls.close();
    await(sockets.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed", e);
    }
  }

  private JsonObject next() throws InterruptedException {
    JsonObject frame = frames.poll(5, TimeUnit.SECONDS);
    assertThat(frame).as("a frame within 5 s").isNotNull();
    return frame;
  }

  private JsonObject nextOf(Predicate<JsonObject> wanted) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      JsonObject frame = next();
      if (wanted.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame among the next 50");
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as(what + " within 5 s").isTrue();
  }

  private void send(JsonObject frame) {
    await(socket.writeTextMessage(frame.encode()));
  }

  private void subscribe(String channel, String auth) {
    send(new JsonObject().put("type", "subscribe").put("channel", channel).put("auth", auth));
  }

  private JsonObject control(String path, JsonObject body) {
    return await(controls.request(HttpMethod.POST, paper.port(), "127.0.0.1", path).sendJsonObject(body))
      .bodyAsJsonObject();
  }

  private String token() {
    return AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }

  @Test
  void greetsWithConnected() throws InterruptedException {
    assertThat(next().getString("type")).isEqualTo("connected");
  }

  @Test
  void theSnapshotAnswersTheSubscribeAndNamesTheChannelWithAColon() throws InterruptedException {
    next();
    subscribe("order_book/0", null);

    JsonObject snapshot = next();
    assertThat(snapshot.getString("type")).isEqualTo("subscribed/order_book");
    assertThat(snapshot.getString("channel")).isEqualTo("order_book:0");
    JsonObject book = snapshot.getJsonObject("order_book");
    assertThat(book.getJsonArray("asks")).isNotEmpty();
    assertThat(book.getJsonArray("bids")).isNotEmpty();
    assertThat(book.getJsonArray("asks").getJsonObject(0).getString("price")).matches("\\d+\\.\\d{2}");
    assertThat(book.getJsonArray("asks").getJsonObject(0).getString("size")).matches("\\d+\\.\\d{4}");
    assertThat(book.getLong("nonce")).isPositive();
  }

  @Test
  void priceMoveSendsAContiguousUpdateWithRemovedLevelsAtZero() throws InterruptedException {
    next();
    subscribe("order_book/0", null);
    long snapshotNonce = nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")))
      .getJsonObject("order_book").getLong("nonce");

    control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));

    JsonObject update = nextOf(frame -> "update/order_book".equals(frame.getString("type")));
    JsonObject book = update.getJsonObject("order_book");
    assertThat(update.getString("channel")).isEqualTo("order_book:0");
    assertThat(book.getLong("begin_nonce")).isEqualTo(snapshotNonce);
    assertThat(book.getLong("nonce")).isGreaterThan(snapshotNonce);
    assertThat(book.getJsonArray("asks").stream().map(level -> ((JsonObject) level).getString("size")))
      .contains("0.0000");
  }

  @Test
  void droppedBookUpdateLeavesANonceGap() throws InterruptedException {
    next();
    subscribe("order_book/0", null);
    long snapshotNonce = nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")))
      .getJsonObject("order_book").getLong("nonce");

    control("/paper/streams/drop-book-update", new JsonObject().put("market_id", 0));
    control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));
    control("/paper/markets/0/price", new JsonObject().put("price", "3200.00"));

    JsonObject book = nextOf(frame -> "update/order_book".equals(frame.getString("type"))).getJsonObject("order_book");
    assertThat(book.getLong("begin_nonce")).isNotEqualTo(snapshotNonce);
  }

  @Test
  void accountChannelsRefuseAMissingToken() throws InterruptedException {
    next();
    subscribe("account_all_orders/" + ACCOUNT, null);

    JsonObject error = next();
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getInteger("code")).isEqualTo(30012);
  }

  @Test
  void accountChannelsRefuseAnotherAccountsToken() throws InterruptedException {
    next();
    String otherAccount = AuthToken.create(KEY, ACCOUNT + 1, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
    subscribe("account_all_positions/" + ACCOUNT, otherAccount);

    assertThat(next().getInteger("code")).isEqualTo(30012);
  }

  @Test
  void userStatsSnapshotCarriesPortfolioValue() throws InterruptedException {
    next();
    subscribe("user_stats/" + ACCOUNT, token());

    JsonObject snapshot = nextOf(frame -> "subscribed/user_stats".equals(frame.getString("type")));
    assertThat(snapshot.getString("channel")).isEqualTo("user_stats:" + ACCOUNT);
    assertThat(snapshot.getJsonObject("stats").getString("portfolio_value")).isEqualTo("5000.000000");
  }

  @Test
  void userStatsNeedNoAuthToken() throws InterruptedException {
    next();
    subscribe("user_stats/" + ACCOUNT, null);

    JsonObject snapshot = nextOf(frame -> "subscribed/user_stats".equals(frame.getString("type"))
      || "error".equals(frame.getString("type")));
    assertThat(snapshot.getString("type")).isEqualTo("subscribed/user_stats");
    assertThat(snapshot.getJsonObject("stats").getString("collateral")).isEqualTo("5000.000000");
  }

  @Test
  void positionsChannelStaysQuietWhileNoPositionChanges() throws InterruptedException {
    next();
    subscribe("account_all_positions/" + ACCOUNT, token());
    assertThat(nextOf(frame -> "subscribed/account_all_positions".equals(frame.getString("type")))
      .getJsonObject("positions")).isEmpty();

    control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));
    send(new JsonObject().put("type", "ping"));

    assertThat(next().getString("type")).as("no position changed, so nothing but the pong").isEqualTo("pong");
  }

  @Test
  void duplicateSubscribeIsRefused() throws InterruptedException {
    next();
    subscribe("order_book/1", null);
    nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")));
    subscribe("order_book/1", null);

    JsonObject error = next();
    assertThat(error.getInteger("code")).isEqualTo(30003);
    assertThat(error.getString("message")).startsWith("Already Subscribed to : order_book:1");
  }

  @Test
  void unsubscribedChannelGetsNoMoreUpdates() throws InterruptedException {
    next();
    subscribe("order_book/0", null);
    nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")));
    send(new JsonObject().put("type", "unsubscribe").put("channel", "order_book/0"));
    assertThat(next()).isEqualTo(new JsonObject().put("type", "unsubscribed").put("channel", "order_book:0"));

    control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));
    send(new JsonObject().put("type", "ping"));

    assertThat(next().getString("type")).isEqualTo("pong");
  }

  @Test
  void unknownChannelAndGarbageGetErrorFrames() throws InterruptedException {
    next();
    subscribe("order_book/999", null);
    assertThat(next().getInteger("code")).isEqualTo(30005);
    await(socket.writeTextMessage("{not json"));
    assertThat(next().getString("type")).isEqualTo("error");
    send(new JsonObject().put("type", "ping"));
    assertThat(next().getString("type")).as("the connection survives").isEqualTo("pong");
  }

  @Test
  void heldAccountUpdatesGoOutOnRelease(Vertx vertx) throws InterruptedException {
    next();
    subscribe("account_all_orders/" + ACCOUNT, token());
    nextOf(frame -> "subscribed/account_all_orders".equals(frame.getString("type")));
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));
    LighterClient rest = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
    long nonce = await(rest.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx resting = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, 77,
      1000, 100000, 0, CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0,
      System.currentTimeMillis() + 86_400_000, System.currentTimeMillis() + 600_000, nonce, null));
    await(rest.sendTx(resting.txType(), resting.txInfo()));
    eventually("the order applied", () -> await(rest.nextNonce(ACCOUNT, KEY_INDEX)) == nonce + 1);
    rest.close();
    send(new JsonObject().put("type", "ping"));
    assertThat(next().getString("type")).as("nothing while held").isEqualTo("pong");

    control("/paper/streams/hold-account-updates", new JsonObject().put("held", false));

    JsonObject update = nextOf(frame -> "update/account_all_orders".equals(frame.getString("type")));
    assertThat(update.getJsonObject("orders").getJsonArray("0").getJsonObject(0).getLong("client_order_index"))
      .isEqualTo(77);
  }

  @Test
  void heldAccountUpdatesLeaveTheBookFlowing(Vertx vertx) throws InterruptedException {
    next();
    subscribe("user_stats/" + ACCOUNT, token());
    nextOf(frame -> "subscribed/user_stats".equals(frame.getString("type")));
    subscribe("order_book/0", null);
    nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")));
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));
    LighterClient rest = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
    long nonce = await(rest.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx buy = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, 78,
      1000, 310000, 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      System.currentTimeMillis() + 600_000, nonce, null));
    await(rest.sendTx(buy.txType(), buy.txInfo()));
    eventually("the buy applied", () -> await(rest.nextNonce(ACCOUNT, KEY_INDEX)) == nonce + 1);
    rest.close();

    control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));

    assertThat(next().getString("type")).as("the book moves while the account is held")
      .isEqualTo("update/order_book");
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", false));
    assertThat(next().getString("type")).as("the account's changes once released").isEqualTo("update/user_stats");
  }

  @Test
  void anAccountChannelShowsAnOrderOnlyOnceTheSequencerAppliesIt(Vertx vertx) throws InterruptedException {
    next();
    subscribe("account_all_orders/" + ACCOUNT, token());
    nextOf(frame -> "subscribed/account_all_orders".equals(frame.getString("type")));
    control("/paper/faults", new JsonObject().put("sequencer_delay_ms", 60_000));
    LighterClient rest = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
    SignedTx resting = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, 79,
      1000, 100000, 0, CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0,
      System.currentTimeMillis() + 86_400_000, System.currentTimeMillis() + 600_000, 0, null));
    await(rest.sendTx(resting.txType(), resting.txInfo()));
    rest.close();
    send(new JsonObject().put("type", "ping"));
    assertThat(next().getString("type")).as("nothing while queued").isEqualTo("pong");

    control("/paper/faults", new JsonObject().put("sequencer_delay_ms", 0));

    JsonObject update = nextOf(frame -> "update/account_all_orders".equals(frame.getString("type")));
    assertThat(update.getJsonObject("orders").getJsonArray("0").getJsonObject(0).getLong("client_order_index"))
      .isEqualTo(79);
  }

  @Test
  void holdControlRefusesAnythingButABoolean() {
    JsonObject refused = control("/paper/streams/hold-account-updates", new JsonObject().put("held", "yes"));

    assertThat(refused.getString("message")).contains("held must be true or false");
  }

  @Test
  void disconnectControlClosesEveryConnection() throws InterruptedException {
    next();
    JsonObject closed = control("/paper/streams/disconnect", new JsonObject());

    assertThat(closed.getInteger("disconnected")).isEqualTo(1);
    for (int i = 0; i < 100 && !socket.isClosed(); i++) {
      Thread.sleep(20);
    }
    assertThat(socket.isClosed()).isTrue();
  }
}
