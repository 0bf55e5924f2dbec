package io.copytrader.paper.streams;

import static io.copytrader.paper.streams.PaperStream.ACCOUNT;
import static io.copytrader.paper.streams.PaperStream.KEY;
import static io.copytrader.paper.streams.PaperStream.KEY_INDEX;
import static io.copytrader.paper.streams.PaperStream.await;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The paper exchange's WebSocket frames as a client sees them, read one by one. */
@ExtendWith(VertxExtension.class)
class PaperStreamsTest {

  private PaperStream stream;

  @BeforeEach
  void start(Vertx vertx) {
    stream = PaperStream.open(vertx);
  }

  @Test
  void greetsWithConnected() throws InterruptedException {
    assertThat(stream.next().getString("type")).isEqualTo("connected");
  }

  @Test
  void theSnapshotAnswersTheSubscribeAndNamesTheChannelWithAColon() throws InterruptedException {
    stream.next();
    stream.subscribe("order_book/0", null);

    JsonObject snapshot = stream.next();
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
    stream.next();
    stream.subscribe("order_book/0", null);
    long snapshotNonce = stream.nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")))
      .getJsonObject("order_book").getLong("nonce");

    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));

    JsonObject update = stream.nextOf(frame -> "update/order_book".equals(frame.getString("type")));
    JsonObject book = update.getJsonObject("order_book");
    assertThat(update.getString("channel")).isEqualTo("order_book:0");
    assertThat(book.getLong("begin_nonce")).isEqualTo(snapshotNonce);
    assertThat(book.getLong("nonce")).isGreaterThan(snapshotNonce);
    assertThat(book.getJsonArray("asks").stream().map(level -> ((JsonObject) level).getString("size")))
      .contains("0.0000");
  }

  @Test
  void droppedBookUpdateLeavesANonceGap() throws InterruptedException {
    stream.next();
    stream.subscribe("order_book/0", null);
    long snapshotNonce = stream.nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")))
      .getJsonObject("order_book").getLong("nonce");

    stream.control("/paper/streams/drop-book-update", new JsonObject().put("market_id", 0));
    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));
    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3200.00"));

    JsonObject book = stream.nextOf(frame -> "update/order_book".equals(frame.getString("type"))).getJsonObject("order_book");
    assertThat(book.getLong("begin_nonce")).isNotEqualTo(snapshotNonce);
  }

  @Test
  void accountChannelsRefuseAMissingToken() throws InterruptedException {
    stream.next();
    stream.subscribe("account_all_orders/" + ACCOUNT, null);

    JsonObject error = stream.next();
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getInteger("code")).isEqualTo(30012);
  }

  @Test
  void accountChannelsRefuseAnotherAccountsToken() throws InterruptedException {
    stream.next();
    String otherAccount = AuthToken.create(KEY, ACCOUNT + 1, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
    stream.subscribe("account_all_positions/" + ACCOUNT, otherAccount);

    assertThat(stream.next().getInteger("code")).isEqualTo(30012);
  }

  @Test
  void userStatsSnapshotCarriesPortfolioValue() throws InterruptedException {
    stream.next();
    stream.subscribe("user_stats/" + ACCOUNT, stream.token());

    JsonObject snapshot = stream.nextOf(frame -> "subscribed/user_stats".equals(frame.getString("type")));
    assertThat(snapshot.getString("channel")).isEqualTo("user_stats:" + ACCOUNT);
    assertThat(snapshot.getJsonObject("stats").getString("portfolio_value")).isEqualTo("5000.000000");
  }

  @Test
  void userStatsNeedNoAuthToken() throws InterruptedException {
    stream.next();
    stream.subscribe("user_stats/" + ACCOUNT, null);

    JsonObject snapshot = stream.nextOf(frame -> "subscribed/user_stats".equals(frame.getString("type"))
      || "error".equals(frame.getString("type")));
    assertThat(snapshot.getString("type")).isEqualTo("subscribed/user_stats");
    assertThat(snapshot.getJsonObject("stats").getString("collateral")).isEqualTo("5000.000000");
  }

  @Test
  void positionsChannelStaysQuietWhileNoPositionChanges() throws InterruptedException {
    stream.next();
    stream.subscribe("account_all_positions/" + ACCOUNT, stream.token());
    assertThat(stream.nextOf(frame -> "subscribed/account_all_positions".equals(frame.getString("type")))
      .getJsonObject("positions")).isEmpty();

    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));
    stream.send(new JsonObject().put("type", "ping"));

    assertThat(stream.next().getString("type")).as("no position changed, so nothing but the pong").isEqualTo("pong");
  }

  @Test
  void duplicateSubscribeIsRefused() throws InterruptedException {
    stream.next();
    stream.subscribe("order_book/1", null);
    stream.nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")));
    stream.subscribe("order_book/1", null);

    JsonObject error = stream.next();
    assertThat(error.getInteger("code")).isEqualTo(30003);
    assertThat(error.getString("message")).startsWith("Already Subscribed to : order_book:1");
  }

  @Test
  void unsubscribedChannelGetsNoMoreUpdates() throws InterruptedException {
    stream.next();
    stream.subscribe("order_book/0", null);
    stream.nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")));
    stream.send(new JsonObject().put("type", "unsubscribe").put("channel", "order_book/0"));
    assertThat(stream.next()).isEqualTo(new JsonObject().put("type", "unsubscribed").put("channel", "order_book:0"));

    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));
    stream.send(new JsonObject().put("type", "ping"));

    assertThat(stream.next().getString("type")).isEqualTo("pong");
  }

  @Test
  void unknownChannelAndGarbageGetErrorFrames() throws InterruptedException {
    stream.next();
    stream.subscribe("order_book/999", null);
    assertThat(stream.next().getInteger("code")).isEqualTo(30005);
    await(stream.socket.writeTextMessage("{not json"));
    assertThat(stream.next().getString("type")).isEqualTo("error");
    stream.send(new JsonObject().put("type", "ping"));
    assertThat(stream.next().getString("type")).as("the connection survives").isEqualTo("pong");
  }

  @Test
  void heldAccountUpdatesGoOutOnRelease(Vertx vertx) throws InterruptedException {
    stream.next();
    stream.subscribe("account_all_orders/" + ACCOUNT, stream.token());
    stream.nextOf(frame -> "subscribed/account_all_orders".equals(frame.getString("type")));
    stream.control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));
    LighterClient rest = new LighterClient(vertx, LighterClientOptions.defaults(stream.paper.baseUrl()));
    long nonce = await(rest.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx resting = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, 77,
      1000, 100000, 0, CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0,
      System.currentTimeMillis() + 86_400_000, System.currentTimeMillis() + 600_000, nonce, null));
    await(rest.sendTx(resting.txType(), resting.txInfo()));
    eventually("the order applied", () -> await(rest.nextNonce(ACCOUNT, KEY_INDEX)) == nonce + 1);
    rest.close();
    stream.send(new JsonObject().put("type", "ping"));
    assertThat(stream.next().getString("type")).as("nothing while held").isEqualTo("pong");

    stream.control("/paper/streams/hold-account-updates", new JsonObject().put("held", false));

    JsonObject update = stream.nextOf(frame -> "update/account_all_orders".equals(frame.getString("type")));
    assertThat(update.getJsonObject("orders").getJsonArray("0").getJsonObject(0).getLong("client_order_index"))
      .isEqualTo(77);
  }

  @Test
  void heldAccountUpdatesLeaveTheBookFlowing(Vertx vertx) throws InterruptedException {
    stream.next();
    stream.subscribe("user_stats/" + ACCOUNT, stream.token());
    stream.nextOf(frame -> "subscribed/user_stats".equals(frame.getString("type")));
    stream.subscribe("order_book/0", null);
    stream.nextOf(frame -> "subscribed/order_book".equals(frame.getString("type")));
    stream.control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));
    LighterClient rest = new LighterClient(vertx, LighterClientOptions.defaults(stream.paper.baseUrl()));
    long nonce = await(rest.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx buy = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, 78,
      1000, 310000, 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      System.currentTimeMillis() + 600_000, nonce, null));
    await(rest.sendTx(buy.txType(), buy.txInfo()));
    eventually("the buy applied", () -> await(rest.nextNonce(ACCOUNT, KEY_INDEX)) == nonce + 1);
    rest.close();

    stream.control("/paper/markets/0/price", new JsonObject().put("price", "3100.00"));

    assertThat(stream.next().getString("type")).as("the book moves while the account is held")
      .isEqualTo("update/order_book");
    stream.control("/paper/streams/hold-account-updates", new JsonObject().put("held", false));
    assertThat(stream.next().getString("type")).as("the account's changes once released").isEqualTo("update/user_stats");
  }

  @Test
  void anAccountChannelShowsAnOrderOnlyOnceTheSequencerAppliesIt(Vertx vertx) throws InterruptedException {
    stream.next();
    stream.subscribe("account_all_orders/" + ACCOUNT, stream.token());
    stream.nextOf(frame -> "subscribed/account_all_orders".equals(frame.getString("type")));
    stream.control("/paper/faults", new JsonObject().put("sequencer_delay_ms", 60_000));
    LighterClient rest = new LighterClient(vertx, LighterClientOptions.defaults(stream.paper.baseUrl()));
    SignedTx resting = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, 79,
      1000, 100000, 0, CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0,
      System.currentTimeMillis() + 86_400_000, System.currentTimeMillis() + 600_000, 0, null));
    await(rest.sendTx(resting.txType(), resting.txInfo()));
    rest.close();
    stream.send(new JsonObject().put("type", "ping"));
    assertThat(stream.next().getString("type")).as("nothing while queued").isEqualTo("pong");

    stream.control("/paper/faults", new JsonObject().put("sequencer_delay_ms", 0));

    JsonObject update = stream.nextOf(frame -> "update/account_all_orders".equals(frame.getString("type")));
    assertThat(update.getJsonObject("orders").getJsonArray("0").getJsonObject(0).getLong("client_order_index"))
      .isEqualTo(79);
  }

  @Test
  void holdControlRefusesAnythingButABoolean() {
    JsonObject refused = stream.control("/paper/streams/hold-account-updates", new JsonObject().put("held", "yes"));

    assertThat(refused.getString("message")).contains("held must be true or false");
  }

  @Test
  void disconnectControlClosesEveryConnection() throws InterruptedException {
    stream.next();
    JsonObject closed = stream.control("/paper/streams/disconnect", new JsonObject());

    assertThat(closed.getInteger("disconnected")).isEqualTo(1);
    eventually("the socket closed", Duration.ofSeconds(2), stream.socket::isClosed);
  }
}
