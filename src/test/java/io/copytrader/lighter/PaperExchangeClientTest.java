package io.copytrader.lighter;

import static io.copytrader.lighter.Await.lighterFailure;
import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.cluster.LeaseBook;
import io.copytrader.health.HealthVerticle;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against the in-process paper exchange: real signatures, nonces, matching and fault controls. */
@ExtendWith(VertxExtension.class)
class PaperExchangeClientTest {

  private static final long ACCOUNT = 1077;
  private static final int KEY_INDEX = 4;
  private static final String L1 = "0x15f43D1f2DeE81424aFd891943262aa90F22cc2A";
  private static final int BREAKER_FAILURES = 3;
  private static final ApiKey KEY = ApiKey.parse("0x" + "3c".repeat(40));
  private static final TxSigner SIGNER = new TxSigner(TxSigner.MAINNET_CHAIN_ID);

  private PaperExchange paper;
  @AutoClose
  private LighterClient client;
  @AutoClose
  private WebClient controls;
  private long clientOrderIndex = 100;

  @BeforeEach
  void start(Vertx vertx) {
    paper = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, L1, new BigDecimal("10000"), Map.of(KEY_INDEX, KEY.publicKeyHex())))));
    result(vertx.deployVerticle(paper));
    client = new LighterClient(vertx, LighterClientOptions.defaults(paper.baseUrl())
      .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5))
      .withBreaker(BREAKER_FAILURES, Duration.ofMillis(300)));
    controls = WebClient.create(vertx);
  }

  private void faults(JsonObject faults) {
    result(controls.request(HttpMethod.POST, paper.port(), "127.0.0.1", "/paper/faults").sendJsonObject(faults));
  }

  private void clearFaults() {
    result(controls.request(HttpMethod.DELETE, paper.port(), "127.0.0.1", "/paper/faults").send());
  }

  private SignedTx marketBuy(long nonce, ApiKey key) {
    CreateOrderTx order = new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex++, 1000, 310000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      System.currentTimeMillis() + 600_000, nonce, null);
    return SIGNER.sign(key, order);
  }

  private String authToken() {
    return AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }

  @Test
  void marketReadsMatchLighterShapes() {
    assertThat(result(client.status()).status()).isEqualTo(1);
    OrderBook eth = result(client.orderBooks()).stream().filter(book -> book.marketId() == 0).findFirst().orElseThrow();
    assertThat(eth.symbol()).isEqualTo("ETH");
    assertThat(eth.minBaseAmount()).isEqualTo(new BigDecimal("0.0050"));
    OrderBookDetail detail = result(client.orderBookDetails()).stream().filter(row -> row.marketId() == 0)
      .findFirst().orElseThrow();
    assertThat(detail.sizeDecimals()).isEqualTo(4);
    assertThat(detail.priceDecimals()).isEqualTo(2);
    assertThat(detail.defaultInitialMarginFractionRatio()).isEqualTo(new BigDecimal("0.0500"));
    OrderBookOrders book = result(client.orderBookOrders(0, 5));
    assertThat(book.bestBid().orElseThrow()).isLessThan(book.bestAsk().orElseThrow());
    assertThat(book.bestAsk().orElseThrow().scale()).as("printed with price_decimals").isEqualTo(2);
    assertThat(book.asks().get(0).remainingBaseAmount().scale()).as("printed with size_decimals").isEqualTo(4);
  }

  @Test
  void accountReadsMatchLighterShapes() {
    DetailedAccount account = result(client.account(ACCOUNT));
    assertThat(account.collateral()).isEqualByComparingTo("10000");
    assertThat(account.totalAssetValue()).isEqualByComparingTo("10000");
    assertThat(result(client.apiKeys(ACCOUNT, 255))).extracting(ApiKeyInfo::publicKey)
      .containsExactly(KEY.publicKeyHex());
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isNotNegative();
    assertThat(result(client.accountActiveOrders(ACCOUNT, 0, this::authToken)).orders()).isEmpty();
  }

  @Test
  void unknownAccountIsAFinalAccountNotFound() {
    LighterException failure = lighterFailure(client.account(999_999));

    assertThat(failure.code()).isEqualTo(LighterErrorCodes.ACCOUNT_NOT_FOUND);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void signedMarketOrderFillsAndIsTraceable() {
    long nonce = result(client.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx buy = marketBuy(nonce, KEY);

    SendTxResult sent = result(client.sendTx(buy.txType(), buy.txInfo()));

    assertThat(sent.txHash()).isEqualTo(buy.txHashHex());
    assertThat(sent.predictedExecutionTimeMs()).isPositive();
    // Accepted is not applied: the paper exchange's sequencer applies the tx a moment later, as Lighter's does.
    result(paper.sequencerIdle());
    assertThat(result(client.tx(sent.txHash())).executed()).isTrue();
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isEqualTo(nonce + 1);
    AccountPosition eth = result(client.account(ACCOUNT)).position(0).orElseThrow();
    assertThat(eth.signedPosition()).isEqualByComparingTo("0.1000");
    List<Order> orders = result(client.accountOrders(ACCOUNT, List.of(clientOrderIndex - 1), this::authToken)).orders();
    assertThat(orders).singleElement().satisfies(order -> {
      assertThat(order.status()).isEqualTo("filled");
      assertThat(order.filledBaseAmount()).isEqualByComparingTo("0.1000");
    });
  }

  @Test
  void wrongNonceIsATypedRejectionThatLeavesTheNonceForTheNextSend() {
    long nonce = result(client.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx stale = marketBuy(nonce + 5, KEY);

    LighterException failure = lighterFailure(client.sendTx(stale.txType(), stale.txInfo()));

    assertThat(failure.code()).isEqualTo(LighterErrorCodes.INVALID_NONCE);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isFalse();
    SignedTx fresh = marketBuy(nonce, KEY);
    assertThat(result(client.sendTx(fresh.txType(), fresh.txInfo())).txHash()).isEqualTo(fresh.txHashHex());
  }

  @Test
  void forcedInvalidNonceIsTyped() {
    SignedTx buy = marketBuy(result(client.nextNonce(ACCOUNT, KEY_INDEX)), KEY);
    faults(new JsonObject().put("invalid_nonce_count", 1));

    LighterException failure = lighterFailure(client.sendTx(buy.txType(), buy.txInfo()));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.REJECTED);
    assertThat(failure.code()).isEqualTo(LighterErrorCodes.INVALID_NONCE);
  }

  @Test
  void sendSignedWithAnotherKeyIsRejectedFinally() {
    SignedTx forged = marketBuy(result(client.nextNonce(ACCOUNT, KEY_INDEX)), ApiKey.parse("0x" + "4d".repeat(40)));

    LighterException failure = lighterFailure(client.sendTx(forged.txType(), forged.txInfo()));

    assertThat(failure.code()).isEqualTo(LighterErrorCodes.INVALID_SIGNATURE);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.outcomeUnknown()).isFalse();
  }

  @Test
  void rateLimitIsRetryableAndNotApplied() {
    long nonce = result(client.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx buy = marketBuy(nonce, KEY);
    faults(new JsonObject().put("rate_limit_count", 1));

    LighterException failure = lighterFailure(client.sendTx(buy.txType(), buy.txInfo()));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.RATE_LIMITED);
    assertThat(failure.retryable()).isTrue();
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isEqualTo(nonce);
  }

  @Test
  void droppedResponseLeavesAnUnknownOutcomeThatWasApplied() {
    long nonce = result(client.nextNonce(ACCOUNT, KEY_INDEX));
    SignedTx buy = marketBuy(nonce, KEY);
    faults(new JsonObject().put("drop_response_count", 1));

    LighterException failure = lighterFailure(client.sendTx(buy.txType(), buy.txInfo()));

    assertThat(failure.outcomeUnknown()).isTrue();
    assertThat(failure.retryable()).isTrue();
    result(paper.sequencerIdle());
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isEqualTo(nonce + 1);
  }

  @Test
  void serverErrorsOpenTheBreakerHealthReportsItAndBothRecover(Vertx vertx) throws InterruptedException {
    List<Boolean> changes = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.HEALTH_CHANGED, msg -> changes.add(msg.body().getBoolean("api_healthy")));
    String health = result(vertx.deployVerticle(new HealthVerticle(client, List.of(), index -> false,
      new LeaseBook("node", Duration.ofSeconds(7)), ServiceMetrics.forVertx(),
      Duration.ofMillis(50))));
    faults(new JsonObject().put("error_count", BREAKER_FAILURES).put("error_status", 503));

    eventually("an open breaker", () -> client.breakerState() == CircuitBreakerState.OPEN);
    eventually("a down change", () -> changes.contains(false));
    JsonObject down = result(vertx.eventBus().<JsonObject>request(Addresses.HEALTH_STATUS, new JsonObject())
      .map(Message::body));
    assertThat(down.getString("status")).isEqualTo("unhealthy");
    assertThat(down.getJsonObject("checks").getJsonObject("breaker").getString("state")).isNotEqualTo("CLOSED");
    clearFaults();

    eventually("a down and an up change", () -> changes.size() == 2);

    assertThat(changes).containsExactly(false, true);
    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);
    // Its checks must not outlive the test and log against a closed client into the next test class.
    result(vertx.undeploy(health));
  }
}
