package io.copytrader.lighter;

import static io.copytrader.lighter.Await.lighterFailure;
import static io.copytrader.lighter.Await.result;
import static io.copytrader.testing.Polling.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.TxSigner;
import io.copytrader.paper.PaperAccount;
import io.copytrader.paper.PaperConfig;
import io.copytrader.paper.PaperExchange;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Lighter client against the paper exchange over real HTTP: every call reads the exchange's JSON, failures
 * are typed for retry and nonce decisions, and the circuit breaker opens on exchange faults only.
 */
@ExtendWith(VertxExtension.class)
class LighterClientPaperTest {

  private static final ApiKey KEY = ApiKey.parse("0x" + "6e".repeat(40));
  private static final ApiKey OTHER_KEY = ApiKey.parse("0x" + "7f".repeat(40));
  private static final long ACCOUNT = 4242;
  private static final int KEY_INDEX = 3;
  private static final String L1_ADDRESS = "0x00000000000000000000000000000000000042a2";
  private static final int MAX_FAILURES = 3;
  private static final Duration RESET = Duration.ofMillis(300);
  private static final String BOOKS = "/api/v1/orderBooks";

  private final TxSigner signer = new TxSigner(TxSigner.MAINNET_CHAIN_ID);
  private PaperExchange exchange;
  private String baseUrl;
  @AutoClose
  private WebClient controls;
  @AutoClose
  private LighterClient client;

  @BeforeEach
  void start(Vertx vertx) {
    exchange = new PaperExchange(PaperConfig.defaults().withAccounts(List.of(
      new PaperAccount(ACCOUNT, L1_ADDRESS, new BigDecimal("10000"), Map.of(KEY_INDEX, KEY.publicKeyHex())))));
    result(vertx.deployVerticle(exchange));
    baseUrl = exchange.baseUrl();
    controls = WebClient.create(vertx);
    client = new LighterClient(vertx, LighterClientOptions.defaults(baseUrl)
      .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
      .withBreaker(MAX_FAILURES, RESET));
  }

  // ----- every call

  @Test
  void marketCallsReadThePaperExchange() {
    assertThat(result(client.status()).status()).isEqualTo(1);
    OrderBook eth = result(client.orderBooks()).stream().filter(book -> book.marketId() == 0).findFirst().orElseThrow();
    assertThat(eth.symbol()).isEqualTo("ETH");
    assertThat(eth.minBaseAmount()).isEqualTo(new BigDecimal("0.0050"));
    assertThat(result(client.orderBookDetails())).hasSize(PaperConfig.defaultMarkets().size());
    OrderBookDetail resolv = result(client.orderBookDetails(51)).get(0);
    assertThat(resolv.sizeDecimals()).isZero();
    assertThat(resolv.priceDecimals()).isEqualTo(6);
    assertThat(resolv.defaultInitialMarginFraction()).isEqualTo(3333);
    OrderBookOrders book = result(client.orderBookOrders(0, 5));
    assertThat(book.bestAsk()).contains(new BigDecimal("3000.30"));
    assertThat(book.bestBid()).contains(new BigDecimal("2999.70"));
  }

  @Test
  void accountCallsReadThePaperExchange() {
    DetailedAccount account = result(client.account(ACCOUNT));
    assertThat(account.collateral()).isEqualByComparingTo("10000");
    assertThat(account.l1Address()).isEqualTo(L1_ADDRESS);
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isZero();
    ApiKeyInfo key = result(client.apiKeys(ACCOUNT, 255)).get(0);
    assertThat(key.publicKey()).isEqualTo(KEY.publicKeyHex());
    assertThat(key.apiKeyIndex()).isEqualTo(KEY_INDEX);
  }

  @Test
  void unknownAccountIsAFinalAccountNotFound() {
    LighterException failure = lighterFailure(client.account(999));

    assertThat(failure.code()).isEqualTo(LighterErrorCodes.ACCOUNT_NOT_FOUND);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void sentOrderIsFoundByHashByClientOrderIndexAndInThePosition() {
    SignedTx order = buy(0, 501, KEY);

    SendTxResult sent = result(client.sendTx(order.txType(), order.txInfo()));

    assertThat(sent.txHash()).isEqualTo(order.txHashHex());
    // The exchange applies an accepted tx a moment later, as Lighter's sequencer does.
    result(exchange.sequencerIdle());
    EnrichedTx tx = result(client.tx(sent.txHash()));
    assertThat(tx.executed()).isTrue();
    assertThat(tx.info()).isEqualTo(order.txInfo());
    Order filled = result(client.accountOrders(ACCOUNT, List.of(501L), this::token)).orders().get(0);
    assertThat(filled.status()).isEqualTo("filled");
    assertThat(filled.filledBaseAmount()).isEqualByComparingTo("0.1000");
    AccountPosition position = result(client.account(ACCOUNT)).position(0).orElseThrow();
    assertThat(position.sign()).isEqualTo(1);
    assertThat(position.position()).isEqualByComparingTo("0.1000");
    assertThat(position.avgEntryPrice()).isEqualByComparingTo("3000.30");
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isEqualTo(1);
  }

  @Test
  void restingStopLossIsListedAsActive() {
    SignedTx open = buy(0, 501, KEY);
    result(client.sendTx(open.txType(), open.txInfo()));
    result(exchange.sequencerIdle());
    SignedTx stop = signer.sign(KEY, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, 502, 1000, 285_000, 1,
      CreateOrderTx.TYPE_STOP_LOSS_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1, 290_000,
      System.currentTimeMillis() + Duration.ofDays(28).toMillis(), System.currentTimeMillis() + 600_000, 1,
      TxAttributes.none()));
    result(client.sendTx(stop.txType(), stop.txInfo()));
    result(exchange.sequencerIdle());

    List<Order> active = result(client.accountActiveOrders(ACCOUNT, 0, this::token)).orders();

    assertThat(active).hasSize(1);
    assertThat(active.get(0).stopLoss()).isTrue();
    assertThat(active.get(0).live()).isTrue();
    assertThat(active.get(0).triggerPrice()).isEqualByComparingTo("2900.00");
  }

  // ----- typed failures

  @Test
  void wrongNonceIsATypedRetryableRejectionThatWasNotApplied() {
    SignedTx stale = buy(7, 501, KEY);

    LighterException failure = lighterFailure(client.sendTx(stale.txType(), stale.txInfo()));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.REJECTED);
    assertThat(failure.code()).isEqualTo(LighterErrorCodes.INVALID_NONCE);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure.outcomeUnknown()).isFalse();
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isZero();
  }

  @Test
  void rejectedSendIsFinal() {
    SignedTx forged = buy(0, 501, OTHER_KEY);

    LighterException failure = lighterFailure(client.sendTx(forged.txType(), forged.txInfo()));

    assertThat(failure.code()).isEqualTo(LighterErrorCodes.INVALID_SIGNATURE);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.outcomeUnknown()).isFalse();
  }

  @Test
  void rateLimitIsTypedRetryableAndNotApplied() {
    faults(new JsonObject().put("rate_limit_count", 1));
    SignedTx order = buy(0, 501, KEY);

    LighterException failure = lighterFailure(client.sendTx(order.txType(), order.txInfo()));

    assertThat(failure.kind()).isEqualTo(LighterException.Kind.RATE_LIMITED);
    assertThat(failure.httpStatus()).isEqualTo(429);
    assertThat(failure.code()).isEqualTo(LighterErrorCodes.TOO_MANY_REQUESTS);
    assertThat(failure.retryable()).isTrue();
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isZero();
  }

  @Test
  void droppedResponseIsAnUnknownOutcomeThatWasApplied() {
    faults(new JsonObject().put("drop_response_count", 1));
    SignedTx order = buy(0, 501, KEY);

    LighterException failure = lighterFailure(client.sendTx(order.txType(), order.txInfo()));

    assertThat(failure.outcomeUnknown()).isTrue();
    assertThat(failure.retryable()).isTrue();
    result(exchange.sequencerIdle());
    assertThat(result(client.tx(order.txHashHex())).executed()).isTrue();
  }

  // ----- circuit breaker

  @Test
  void serverErrorsOpenTheBreakerAndLaterCallsFailFastWithoutBeingSent() {
    faults(new JsonObject().put("error_rate", 1.0));
    for (int i = 0; i < MAX_FAILURES; i++) {
      LighterException failure = lighterFailure(client.orderBooks());
      assertThat(failure.kind()).isEqualTo(LighterException.Kind.SERVER_ERROR);
      assertThat(failure.httpStatus()).isEqualTo(503);
    }
    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.OPEN);
    long sent = requests(BOOKS);

    LighterException fastFailure = lighterFailure(client.orderBooks());

    assertThat(fastFailure.kind()).isEqualTo(LighterException.Kind.CIRCUIT_OPEN);
    assertThat(fastFailure.retryable()).isTrue();
    assertThat(requests(BOOKS)).isEqualTo(sent);
  }

  @Test
  void breakerClosesAgainOnceTheExchangeRecovers() {
    faults(new JsonObject().put("error_count", MAX_FAILURES));
    for (int i = 0; i < MAX_FAILURES; i++) {
      lighterFailure(client.orderBooks());
    }
    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.OPEN);

    until(Duration.ofSeconds(5), client::breakerState, state -> state != CircuitBreakerState.OPEN);

    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.HALF_OPEN);
    assertThat(result(client.orderBooks())).isNotEmpty();
    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void rejectionsNeverOpenTheBreaker() {
    for (int i = 0; i < MAX_FAILURES * 2; i++) {
      SignedTx forged = buy(0, 501, OTHER_KEY);
      assertThat(lighterFailure(client.sendTx(forged.txType(), forged.txInfo())).kind())
        .isEqualTo(LighterException.Kind.REJECTED);
      assertThat(lighterFailure(client.account(999)).kind()).isEqualTo(LighterException.Kind.REJECTED);
    }

    assertThat(client.breakerState()).isEqualTo(CircuitBreakerState.CLOSED);
    SignedTx order = buy(0, 501, KEY);
    assertThat(result(client.sendTx(order.txType(), order.txInfo())).txHash()).isEqualTo(order.txHashHex());
  }

  private void faults(JsonObject faults) {
    assertThat(result(controls.postAbs(baseUrl + "/paper/faults").sendJsonObject(faults)).statusCode())
      .isEqualTo(200);
  }

  private long requests(String path) {
    return result(controls.getAbs(baseUrl + "/paper/requests").send()).bodyAsJsonObject().getLong(path, 0L);
  }

  /** A market buy of 0.1 ETH with a worst price of 3100.00. */
  private SignedTx buy(long nonce, long clientOrderIndex, ApiKey key) {
    return signer.sign(key, new CreateOrderTx(ACCOUNT, KEY_INDEX, 0, clientOrderIndex, 1000, 310_000, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0,
      System.currentTimeMillis() + 600_000, nonce, TxAttributes.none()));
  }

  private String token() {
    return AuthToken.create(KEY, ACCOUNT, KEY_INDEX, System.currentTimeMillis() / 1000 + 600);
  }
}
