package io.copytrader.lighter;

import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.eventually;
import static io.copytrader.testing.Polling.pause;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.market.BookTop;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stream client against the paper exchange's WebSocket: snapshots, updates, gaps, reconnection, silence. */
@ExtendWith(VertxExtension.class)
class LighterStreamTest {

  private static final long ACCOUNT = 3003;
  private static final int KEY_INDEX = 2;
  private static final ApiKey KEY = ApiKey.parse("0x" + "4e".repeat(40));
  private static final TxSigner SIGNER = new TxSigner(TxSigner.MAINNET_CHAIN_ID);

  private Vertx vertx;
  private PaperExchange paper;
  @AutoClose
  private LighterClient rest;
  @AutoClose
  private WebClient controls;
  private LighterStream stream;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    paper = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, "0x15f43D1f2DeE81424aFd891943262aa90F22cc2A", new BigDecimal("10000"),
        Map.of(KEY_INDEX, KEY.publicKeyHex())))));
    result(vertx.deployVerticle(paper));
    rest = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
    controls = WebClient.create(vertx);
  }

  private LighterStreamOptions options() {
    return LighterStreamOptions.defaults(paper.baseUrl())
      .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(200));
  }

  private void deploy(LighterStreamOptions options, Supplier<String> token) {
    stream = new LighterStream(options, () -> Future.succeededFuture(List.of(0, 1)),
      List.of(new LighterStream.StreamAccount(ACCOUNT, token)), ServiceMetrics.forVertx());
    result(vertx.deployVerticle(stream));
  }

  private static String token() {
    return AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }

  private JsonObject control(String path, JsonObject body) {
    return result(controls.request(HttpMethod.POST, paper.port(), "127.0.0.1", path).sendJsonObject(body))
      .bodyAsJsonObject();
  }

  private void movePrice(String price) {
    control("/paper/markets/0/price", new JsonObject().put("price", price));
  }

  private BookTop restTop(int marketId) {
    OrderBookOrders orders = result(rest.orderBookOrders(marketId, 1));
    return new BookTop(orders.bestBid().orElse(null), orders.bestAsk().orElse(null));
  }

  private long buy(long clientOrderIndex, long baseTicks) {
    send(nonce -> new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex, baseTicks, 400000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), nonce, null));
    return clientOrderIndex;
  }

  /** A buy of 0.1 ETH resting at 1000.00, far below the book, good for a day. */
  private void restingBuy(long clientOrderIndex) {
    send(nonce -> new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex, 1000, 100000, 0,
      CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0,
      System.currentTimeMillis() + Duration.ofDays(1).toMillis(), expiredAt(), nonce, null));
  }

  private void cancel(long orderIndex) {
    send(nonce -> new CancelOrderTx(ACCOUNT, KEY_INDEX, 0, orderIndex, expiredAt(), nonce, null));
  }

  private void send(LongFunction<LighterTx> build) {
    SignedTx tx = SIGNER.sign(KEY, build.apply(result(rest.nextNonce(ACCOUNT, KEY_INDEX))));
    result(rest.sendTx(tx.txType(), tx.txInfo()));
    // Accepted is not applied: the paper exchange's sequencer applies the tx a moment later, as Lighter's does.
    result(paper.sequencerIdle());
  }

  private static long expiredAt() {
    return System.currentTimeMillis() + 600_000;
  }

  @Test
  void snapshotGivesTheSameTopAsRest() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);

    eventually("book top of market 1", () -> stream.bookTop(1).isPresent());
    assertThat(stream.bookTop(1)).contains(restTop(1));
  }

  @Test
  void priceMoveUpdatesTheTop() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("book top", () -> stream.bookTop(0).isPresent());
    BookTop before = stream.bookTop(0).orElseThrow();

    movePrice("3300.00");

    BookTop moved = restTop(0);
    assertThat(moved).isNotEqualTo(before);
    eventually("the moved top", () -> stream.bookTop(0).equals(Optional.of(moved)));
  }

  @Test
  void accountSnapshotCarriesEquityAndNoPosition() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);

    eventually("account", () -> stream.account(ACCOUNT).isPresent());
    DetailedAccount account = stream.account(ACCOUNT).orElseThrow();
    assertThat(account.totalAssetValue()).isEqualByComparingTo("10000");
    assertThat(account.collateral()).isEqualByComparingTo("10000");
    assertThat(account.openPositions()).isEmpty();
  }

  @Test
  void fillReachesTheOrderWaiterAndThePosition() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("account", () -> stream.account(ACCOUNT).isPresent());

    Future<Optional<Order>> filled = stream.awaitOrder(ACCOUNT, 501, order -> !order.live(), Duration.ofSeconds(5));
    buy(501, 1000);

    Order order = result(filled).orElseThrow();
    assertThat(order.status()).isEqualTo("filled");
    assertThat(order.filledBaseAmount()).isEqualByComparingTo("0.1000");
    AccountPosition streamed = stream.account(ACCOUNT).orElseThrow().position(0).orElseThrow();
    AccountPosition fromRest = result(rest.account(ACCOUNT)).position(0).orElseThrow();
    assertThat(streamed.signedPosition()).isEqualByComparingTo("0.1000");
    assertThat(streamed).isEqualTo(fromRest);
  }

  @Test
  void orderAlreadyFinishedIsReturnedAtOnce() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("account", () -> stream.account(ACCOUNT).isPresent());
    buy(502, 1000);
    eventually("the position", () -> stream.account(ACCOUNT).flatMap(account -> account.position(0)).isPresent());

    Optional<Order> order = result(stream.awaitOrder(ACCOUNT, 502, any -> true, Duration.ofMillis(1)));

    assertThat(order).map(Order::clientOrderIndex).contains(502L);
  }

  @Test
  void fillReachesTheAccountWaiter() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("account", () -> stream.account(ACCOUNT).isPresent());

    Future<Optional<DetailedAccount>> filled = stream.awaitAccount(ACCOUNT, account -> account.position(0)
      .map(AccountPosition::signedPosition).filter(held -> held.compareTo(new BigDecimal("0.2")) == 0).isPresent(),
      Duration.ofSeconds(5));
    buy(503, 1000);
    buy(504, 1000);

    assertThat(result(filled)).as("the account holding both fills").isPresent();
  }

  @Test
  void restingOrderIsActiveUntilCancelled() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("account", () -> stream.account(ACCOUNT).isPresent());

    restingBuy(601);
    Order resting = result(stream.awaitActiveOrders(ACCOUNT, 0, live -> !live.isEmpty(), Duration.ofSeconds(5)))
      .orElseThrow().get(0);
    assertThat(resting.clientOrderIndex()).isEqualTo(601);
    assertThat(stream.activeOrders(ACCOUNT, 1)).contains(List.of());

    cancel(resting.orderIndex());

    assertThat(result(stream.awaitActiveOrders(ACCOUNT, 0, List::isEmpty, Duration.ofSeconds(5)))).isPresent();
    assertThat(result(stream.awaitOrder(ACCOUNT, 601, any -> true, Duration.ofMillis(1))))
      .map(Order::status).contains("canceled");
  }

  @Test
  void restingOrderStaysActiveWhateverNumberOfOrdersFinishAfterIt() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("account", () -> stream.account(ACCOUNT).isPresent());
    restingBuy(700);
    eventually("the resting order", () -> stream.activeOrders(ACCOUNT, 0).filter(live -> live.size() == 1)
      .isPresent());

    // Buys of 20 ETH that cannot fill at a worst price of 1.00 end at once: more finished orders than the stream
    // keeps.
    long nonce = result(rest.nextNonce(ACCOUNT, KEY_INDEX));
    for (long index = 701; index <= 2800; index++) {
      SignedTx tx = SIGNER.sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, index, 200000, 100, 0,
        CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), nonce++, null));
      result(rest.sendTx(tx.txType(), tx.txInfo()));
    }

    assertThat(result(stream.awaitOrder(ACCOUNT, 2800, any -> true, Duration.ofSeconds(5)))).isPresent();
    assertThat(stream.activeOrders(ACCOUNT, 0).orElseThrow()).extracting(Order::clientOrderIndex)
      .containsExactly(700L);
  }

  @Test
  void unknownOrderTimesOutEmpty() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("account", () -> stream.account(ACCOUNT).isPresent());

    assertThat(result(stream.awaitOrder(ACCOUNT, 999, any -> true, Duration.ofMillis(50)))).isEmpty();
  }

  @Test
  void refusedTokenLeavesTheAccountToRest() throws InterruptedException {
    deploy(options(), () -> AuthToken.create(KEY, ACCOUNT + 1, KEY_INDEX, System.currentTimeMillis() / 1000 + 600));
    eventually("book top", () -> stream.bookTop(0).isPresent());

    assertThat(stream.account(ACCOUNT)).isEmpty();
    assertThat(result(stream.awaitOrder(ACCOUNT, 1, any -> true, Duration.ofSeconds(5)))).isEmpty();
  }

  @Test
  void gapInNoncesResubscribesAndResyncs() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("book top", () -> stream.bookTop(0).isPresent());

    control("/paper/streams/drop-book-update", new JsonObject().put("market_id", 0));
    movePrice("3100.00");
    movePrice("3200.00");

    BookTop moved = restTop(0);
    eventually("a resubscription", () -> stream.resubscriptions() == 1);
    eventually("the top after the gap", () -> stream.bookTop(0).equals(Optional.of(moved)));
  }

  @Test
  void disconnectReconnectsAndResubscribes() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("account", () -> stream.account(ACCOUNT).isPresent() && stream.bookTop(0).isPresent());

    control("/paper/streams/disconnect", new JsonObject());

    // The books' connection and the account's, each established again.
    eventually("both connections again", () -> stream.connections() == 4);
    assertThat(stream.reconnections()).as("each connection replaced once").isEqualTo(2);
    eventually("account and book again", () -> stream.account(ACCOUNT).isPresent() && stream.bookTop(0).isPresent());
    movePrice("2900.00");
    BookTop moved = restTop(0);
    eventually("updates on the new connection", () -> stream.bookTop(0).equals(Optional.of(moved)));
  }

  @Test
  void silenceMakesTheStateStaleUntilTheNextFrame() throws InterruptedException {
    deploy(options().withPingInterval(Duration.ofMinutes(1)).withStaleAfter(Duration.ofMillis(300)),
      LighterStreamTest::token);
    eventually("book top", () -> stream.bookTop(0).isPresent());

    // The books' connection and the account's each fall silent in their own time.
    eventually("staleness", () -> stream.bookTop(0).isEmpty() && stream.account(ACCOUNT).isEmpty());
    assertThat(stream.fresh()).isFalse();

    movePrice("3050.00");
    // A frame sent before the move may still arrive first on a loaded machine: fresh is awaited at the moved price.
    eventually("fresh again, at the moved price", () -> stream.bookTop(0).equals(Optional.of(restTop(0))));
  }

  @Test
  void pingsKeepAQuietConnectionFresh() throws InterruptedException {
    deploy(options().withPingInterval(Duration.ofMillis(50)).withStaleAfter(Duration.ofMillis(300)),
      LighterStreamTest::token);
    eventually("book top", () -> stream.bookTop(0).isPresent());

    pause(Duration.ofMillis(600));

    assertThat(stream.bookTop(0)).as("pongs count as life").isPresent();
    assertThat(stream.connections()).as("the books' and the account's connection, never replaced").isEqualTo(2);
    assertThat(stream.reconnections()).isZero();
  }

  @Test
  void accountChannelsOwingAChangeServeNothingWhileTheBooksKeepFlowing() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("the account streamed", () -> stream.account(ACCOUNT).isPresent());
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));
    buy(31, 1000);

    stream.owe(ACCOUNT, AccountChannel.POSITIONS);
    movePrice("3100");

    eventually("the book moved", () -> stream.bookTop(0).equals(Optional.of(restTop(0))));
    assertThat(stream.fresh()).as("the connection itself is fresh").isTrue();
    assertThat(stream.account(ACCOUNT)).as("positions owed").isEmpty();
    assertThat(stream.staleChannels()).isEqualTo(1);
    assertThat(result(stream.awaitAccount(ACCOUNT, any -> true, Duration.ofSeconds(5)))).as("no wait on it").isEmpty();
  }

  @Test
  void accountChannelOwingAChangeIsReadAgainOnceItDeliversAFrame() throws InterruptedException {
    deploy(options(), LighterStreamTest::token);
    eventually("the account streamed", () -> stream.account(ACCOUNT).isPresent());
    control("/paper/streams/hold-account-updates", new JsonObject().put("held", true));
    buy(32, 1000);
    stream.owe(ACCOUNT, AccountChannel.POSITIONS);

    control("/paper/streams/hold-account-updates", new JsonObject().put("held", false));

    eventually("the account streamed again", () -> stream.account(ACCOUNT).isPresent());
    assertThat(stream.account(ACCOUNT).orElseThrow().position(0)).as("with the fill").isPresent();
  }
}
