package io.copytrader.account;

import static io.copytrader.testing.Polling.eventually;
import static io.copytrader.testing.Polling.pause;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.AccountChannel;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.LighterStream;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.OrderBookOrders;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.LighterTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
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
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The executor's view reads the streams only while they vouch for their state, and REST otherwise. */
@ExtendWith(VertxExtension.class)
class StreamExchangeViewTest {

  private static final long ACCOUNT = 4004;
  private static final int KEY_INDEX = 1;
  private static final String L1 = "0x15f43D1f2DeE81424aFd891943262aa90F22cc2A";
  private static final ApiKey KEY = ApiKey.parse("0x" + "6f".repeat(40));
  private static final Market ETH = new Market(0, "ETH", true, 4, 2, new BigDecimal("0.0050"),
    new BigDecimal("10.000000"), new BigDecimal("0.05"));

  private Vertx vertx;
  private PaperExchange paper;
  @AutoClose
  private LighterClient rest;
  private LighterStream stream;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    paper = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, L1, new BigDecimal("2500"), Map.of(KEY_INDEX, KEY.publicKeyHex())))));
    await(vertx.deployVerticle(paper));
    rest = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed", e);
    }
  }

  private ExchangeView view(LighterStreamOptions options) {
    stream = new LighterStream(options, () -> Future.succeededFuture(List.of(0)),
      List.of(new LighterStream.StreamAccount(ACCOUNT, StreamExchangeViewTest::token)),
      ServiceMetrics.forVertx());
    await(vertx.deployVerticle(stream));
    return new StreamExchangeView(stream, new RestExchangeView(rest, StreamExchangeViewTest::token));
  }

  private static String token() {
    return AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }

  /** A buy of 0.1 ETH resting at 1000.00, far below the book. */
  private void restingBuy(long clientOrderIndex) {
    send(nonce -> new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex, 1000, 100000, 0,
      CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, System.currentTimeMillis() + 86_400_000,
      System.currentTimeMillis() + 600_000, nonce, null));
  }

  /** A market buy of 0.1 ETH that fills at once against the paper book. */
  private void marketBuy(long clientOrderIndex) {
    send(nonce -> new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex, 1000, 310000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      System.currentTimeMillis() + 600_000, nonce, null));
  }

  private void send(LongFunction<LighterTx> build) {
    long nonce = await(rest.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx tx = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(KEY, build.apply(nonce));
    await(rest.sendTx(tx.txType(), tx.txInfo()));
    // Accepted is not applied: the paper exchange's sequencer applies the tx a moment later, as Lighter's does.
    await(paper.sequencerIdle());
  }

  private void holdAccountUpdates(boolean held) {
    WebClient controls = WebClient.create(vertx);
    await(controls.request(HttpMethod.POST, paper.port(), "127.0.0.1", "/paper/streams/hold-account-updates")
      .sendJsonObject(new JsonObject().put("held", held)));
    controls.close();
  }

  private static boolean holds(List<Order> live, long clientOrderIndex) {
    return live.stream().anyMatch(order -> order.clientOrderIndex() == clientOrderIndex);
  }

  /** Places a resting order and tells the view, as the stop-loss keeper does once the exchange shows it. */
  private Order placeConfirmed(ExchangeView view, long clientOrderIndex) {
    restingBuy(clientOrderIndex);
    Order placed = await(rest.accountOrders(ACCOUNT, List.of(clientOrderIndex), StreamExchangeViewTest::token)).orders().get(0);
    view.changedOrder(ACCOUNT, 0, placed.orderIndex(), clientOrderIndex, order -> true, false);
    return placed;
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private BookTop restTop() {
    OrderBookOrders orders = await(rest.orderBookOrders(0, 1));
    return new BookTop(orders.bestBid().orElseThrow(), orders.bestAsk().orElseThrow());
  }

  /** Waits out the window after which a stream that disagreed with REST used to be trusted again. */
  private static void pastTheSettleWindow(long sinceNanos) {
    long until = sinceNanos + StreamExchangeView.SETTLE_WINDOW.toNanos() + Duration.ofMillis(200).toNanos();
    pause(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
  }

  private static boolean holdsLongEth(DetailedAccount account) {
    return account.position(0).map(AccountPosition::signedPosition).filter(size -> size.signum() > 0).isPresent();
  }

  /** Buys while the account channels are held, and tells the view what REST shows after it, as the executor does. */
  private long heldFillSettledFromRest(ExchangeView view) {
    holdAccountUpdates(true);
    marketBuy(21);
    DetailedAccount afterFill = await(rest.account(ACCOUNT));
    assertThat(holdsLongEth(afterFill)).as("REST shows the fill").isTrue();
    long settledAt = System.nanoTime();
    view.settled(afterFill);
    return settledAt;
  }

  @Test
  void heldStreamBehindASettledFillIsNotTrustedAgainAfterTheSettleWindow() throws InterruptedException {
    ExchangeView view = streamedView();
    long settledAt = heldFillSettledFromRest(view);

    pastTheSettleWindow(settledAt);
    DetailedAccount account = await(view.account(ACCOUNT));

    assertThat(account.l1Address()).as("read from REST").isEqualTo(L1);
    assertThat(holdsLongEth(account)).isTrue();
  }

  @Test
  void heldStreamThatMissedAFillIsReadAgainOnceItDeliversIt() throws InterruptedException {
    ExchangeView view = streamedView();
    heldFillSettledFromRest(view);

    holdAccountUpdates(false);

    eventually("the stream serving the account", () -> await(view.account(ACCOUNT)).l1Address() == null);
    assertThat(holdsLongEth(await(view.account(ACCOUNT)))).as("the stream now shows the fill").isTrue();
  }

  @Test
  void restReadAgreeingWithAnOwingStreamRestoresTrustInIt() throws InterruptedException {
    ExchangeView view = streamedView();
    AccountPosition longEth = new AccountPosition(0, "ETH", new BigDecimal("5.00"), 0, 0, 0, 1,
      new BigDecimal("0.5000"), new BigDecimal("3000.00"), new BigDecimal("1500.000000"), BigDecimal.ZERO,
      BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO);
    view.settled(new DetailedAccount(0, ACCOUNT, ACCOUNT, L1, 0, 0, 0, 0, new BigDecimal("2500"), 1,
      new BigDecimal("2500"), 0, List.of(longEth), List.of(), new BigDecimal("2500"), new BigDecimal("2500")));
    assertThat(stream.fresh(ACCOUNT, AccountChannel.POSITIONS)).as("the positions channel owes the fill").isFalse();

    assertThat(await(view.account(ACCOUNT)).l1Address()).as("read from REST, which agrees with the stream")
      .isEqualTo(L1);

    assertThat(await(view.account(ACCOUNT)).l1Address()).as("read from the stream again").isNull();
  }

  @Test
  void heldStreamThatMissedAConfirmedOrderIsNotTrustedAgainAfterTheSettleWindow() throws InterruptedException {
    ExchangeView view = streamedView();
    holdAccountUpdates(true);
    long confirmedAt = System.nanoTime();
    placeConfirmed(view, 22);

    pastTheSettleWindow(confirmedAt);

    assertThat(await(view.activeOrders(ACCOUNT, 0))).as("read from REST").extracting(Order::clientOrderIndex)
      .containsExactly(22L);
    assertThat(await(view.activeOrders(ACCOUNT, 0))).as("still from REST: the orders channel owes the order")
      .extracting(Order::clientOrderIndex).containsExactly(22L);
  }

  @Test
  void unreachableStreamFallsBackToRestForTheBook() throws IOException {
    LighterStreamOptions nowhere = new LighterStreamOptions("127.0.0.1", unusedPort(), false, Duration.ofSeconds(30),
      Duration.ofSeconds(45), Duration.ofSeconds(5), Duration.ofSeconds(5));

    assertThat(await(view(nowhere).bookTop(ETH))).isEqualTo(restTop());
  }

  @Test
  void unreachableStreamFallsBackToRestForTheAccount() throws IOException {
    LighterStreamOptions nowhere = new LighterStreamOptions("127.0.0.1", unusedPort(), false, Duration.ofSeconds(30),
      Duration.ofSeconds(45), Duration.ofSeconds(5), Duration.ofSeconds(5));

    DetailedAccount account = await(view(nowhere).account(ACCOUNT));

    assertThat(account.l1Address()).as("only REST knows the L1 address").isEqualTo(L1);
    assertThat(account.totalAssetValue()).isEqualByComparingTo("2500");
  }

  @Test
  void unreachableStreamFollowsNoOrders() throws IOException {
    LighterStreamOptions nowhere = new LighterStreamOptions("127.0.0.1", unusedPort(), false, Duration.ofSeconds(30),
      Duration.ofSeconds(45), Duration.ofSeconds(5), Duration.ofSeconds(5));

    assertThat(await(view(nowhere).awaitOrder(ACCOUNT, 7, order -> true, Duration.ofSeconds(5)))).isEmpty();
  }

  /** A view that answers from its stream: the streamed account carries no L1 address, REST's does. */
  private ExchangeView streamedView() throws InterruptedException {
    ExchangeView view = view(LighterStreamOptions.defaults(paper.baseUrl()));
    eventually("the stream serving the account", () -> await(view.account(ACCOUNT)).l1Address() == null);
    return view;
  }

  @Test
  void freshStreamAnswersTheAccountItself() throws InterruptedException {
    ExchangeView view = streamedView();

    DetailedAccount account = await(view.account(ACCOUNT));

    assertThat(account.totalAssetValue()).isEqualByComparingTo("2500");
    assertThat(await(view.bookTop(ETH))).isEqualTo(restTop());
  }

  @Test
  void streamBehindASettledFillDefersToRest() throws InterruptedException {
    ExchangeView view = streamedView();
    AccountPosition longEth = new AccountPosition(0, "ETH", new BigDecimal("5.00"), 0, 0, 0, 1,
      new BigDecimal("0.5000"), new BigDecimal("3000.00"), new BigDecimal("1500.000000"), BigDecimal.ZERO,
      BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO);

    view.settled(new DetailedAccount(0, ACCOUNT, ACCOUNT, L1, 0, 0, 0, 0, new BigDecimal("2500"), 1,
      new BigDecimal("2500"), 0, List.of(longEth), List.of(), new BigDecimal("2500"), new BigDecimal("2500")));

    assertThat(await(view.account(ACCOUNT)).l1Address()).as("read from REST").isEqualTo(L1);
  }

  @Test
  void streamAgreeingWithTheSettledFillIsReadAgain() throws InterruptedException {
    ExchangeView view = streamedView();

    view.settled(await(rest.account(ACCOUNT)));

    assertThat(await(view.account(ACCOUNT)).l1Address()).as("read from the stream").isNull();
  }

  @Test
  void unreachableStreamFallsBackToRestForActiveOrders() throws IOException {
    LighterStreamOptions nowhere = new LighterStreamOptions("127.0.0.1", unusedPort(), false, Duration.ofSeconds(30),
      Duration.ofSeconds(45), Duration.ofSeconds(5), Duration.ofSeconds(5));
    restingBuy(11);

    assertThat(await(view(nowhere).activeOrders(ACCOUNT, 0))).extracting(Order::clientOrderIndex).containsExactly(11L);
  }

  @Test
  void streamBehindAConfirmedOrderChangeDefersToRest() throws InterruptedException {
    ExchangeView view = streamedView();
    holdAccountUpdates(true);

    placeConfirmed(view, 12);

    assertThat(await(view.activeOrders(ACCOUNT, 0))).as("read from REST").extracting(Order::clientOrderIndex)
      .containsExactly(12L);
  }

  @Test
  void streamShowingTheConfirmedOrderChangeIsReadAgain() throws InterruptedException {
    ExchangeView view = streamedView();
    holdAccountUpdates(true);
    placeConfirmed(view, 13);
    // Held, the stream still holds no order: only REST can show order 13.
    assertThat(await(view.activeOrders(ACCOUNT, 0))).extracting(Order::clientOrderIndex).containsExactly(13L);

    holdAccountUpdates(false);
    eventually("order 13 resting", () -> stream.activeOrders(ACCOUNT, 0).filter(live -> holds(live, 13)).isPresent());
    holdAccountUpdates(true);
    restingBuy(14);

    assertThat(await(view.activeOrders(ACCOUNT, 0))).as("read from the held stream")
      .extracting(Order::clientOrderIndex).containsExactly(13L);
  }

  @Test
  void streamThatSawTheChangedOrderFinishIsReadAgain() throws InterruptedException {
    ExchangeView view = streamedView();
    holdAccountUpdates(true);
    Order placed = placeConfirmed(view, 15);
    send(nonce -> new CancelOrderTx(ACCOUNT, KEY_INDEX, 0, placed.orderIndex(), System.currentTimeMillis() + 600_000,
      nonce, null));

    holdAccountUpdates(false);
    eventually("order 15 finished", () -> await(stream.order(ACCOUNT, 15)).filter(order -> !order.live()).isPresent());
    holdAccountUpdates(true);
    restingBuy(16);

    assertThat(await(view.activeOrders(ACCOUNT, 0))).as("read from the held stream").isEmpty();
  }
}
