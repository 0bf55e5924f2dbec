package io.copytrader.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.LighterStream;
import io.copytrader.lighter.LighterStreamOptions;
import io.copytrader.lighter.OrderBookOrders;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.market.BookTop;
import io.copytrader.market.Market;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
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
  private LighterClient rest;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    paper = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, L1, new BigDecimal("2500"), Map.of(KEY_INDEX, KEY.publicKeyHex())))));
    await(vertx.deployVerticle(paper));
    rest = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl()));
  }

  @AfterEach
  void close() {
    rest.close();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed", e);
    }
  }

  private ExchangeView view(LighterStreamOptions options) {
    LighterStream stream = new LighterStream(options, () -> Future.succeededFuture(List.of(0)),
      List.of(new LighterStream.StreamAccount(ACCOUNT,
        () -> AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600))));
    await(vertx.deployVerticle(stream));
    return new StreamExchangeView(stream, new RestExchangeView(rest));
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

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
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

  @Test
  void freshStreamAnswersTheAccountItself() throws InterruptedException {
    ExchangeView view = view(LighterStreamOptions.defaults(paper.baseUrl()));
    eventually(() -> await(view.account(ACCOUNT)).l1Address() == null);

    DetailedAccount account = await(view.account(ACCOUNT));

    assertThat(account.totalAssetValue()).isEqualByComparingTo("2500");
    assertThat(await(view.bookTop(ETH))).isEqualTo(restTop());
  }

  @Test
  void streamBehindASettledFillDefersToRest() throws InterruptedException {
    ExchangeView view = view(LighterStreamOptions.defaults(paper.baseUrl()));
    eventually(() -> await(view.account(ACCOUNT)).l1Address() == null);
    AccountPosition longEth = new AccountPosition(0, "ETH", new BigDecimal("5.00"), 0, 0, 0, 1,
      new BigDecimal("0.5000"), new BigDecimal("3000.00"), new BigDecimal("1500.000000"), BigDecimal.ZERO,
      BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO);

    view.settled(new DetailedAccount(0, ACCOUNT, ACCOUNT, L1, 0, 0, 0, 0, new BigDecimal("2500"), 1,
      new BigDecimal("2500"), 0, List.of(longEth), List.of(), new BigDecimal("2500"), new BigDecimal("2500")));

    assertThat(await(view.account(ACCOUNT)).l1Address()).as("read from REST").isEqualTo(L1);
  }

  @Test
  void streamAgreeingWithTheSettledFillIsReadAgain() throws InterruptedException {
    ExchangeView view = view(LighterStreamOptions.defaults(paper.baseUrl()));
    eventually(() -> await(view.account(ACCOUNT)).l1Address() == null);

    view.settled(await(rest.account(ACCOUNT)));

    assertThat(await(view.account(ACCOUNT)).l1Address()).as("read from the stream").isNull();
  }
}
