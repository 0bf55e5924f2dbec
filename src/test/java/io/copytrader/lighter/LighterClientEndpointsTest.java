package io.copytrader.lighter;

import static io.copytrader.lighter.Await.lighterFailure;
import static io.copytrader.lighter.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.lighter.signer.ApiKey;
import io.copytrader.lighter.signer.AuthToken;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.lighter.signer.TxSigner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every endpoint against Lighter's documented JSON (field names, string decimals, integer ids). */
@ExtendWith(VertxExtension.class)
class LighterClientEndpointsTest {

  private FakeLighter lighter;
  @AutoClose
  private LighterClient client;

  @BeforeEach
  void start(Vertx vertx) {
    lighter = result(new FakeLighter().start(vertx));
    client = new LighterClient(vertx, LighterClientOptions.defaults(lighter.baseUrl()));
  }

  @Test
  void statusReadsTheRootDocument() {
    ExchangeStatus status = result(client.status());

    assertThat(status).isEqualTo(new ExchangeStatus(1, 1, 1717777777L));
    assertThat(lighter.last().path()).isEqualTo("/");
  }

  @Test
  void orderBooksKeepDecimalStringsExact() {
    List<OrderBook> books = result(client.orderBooks());

    OrderBook eth = books.get(0);
    assertThat(eth.symbol()).isEqualTo("ETH");
    assertThat(eth.marketId()).isZero();
    assertThat(eth.active()).isTrue();
    assertThat(eth.perp()).isTrue();
    assertThat(eth.minBaseAmount()).isEqualTo(new BigDecimal("0.0050"));
    assertThat(eth.minQuoteAmount()).isEqualTo(new BigDecimal("10.000000"));
    assertThat(eth.orderQuoteLimit()).isEqualTo(new BigDecimal("281474976.710655"));
    assertThat(books.get(1).orderQuoteLimit()).as("empty string is absent").isNull();
    assertThat(lighter.last().query().contains("market_id")).as("all markets is the default").isFalse();
  }

  @Test
  void orderBookDetailsReadDecimalsMarginAndFloatsWithoutDoubles() {
    OrderBookDetail eth = result(client.orderBookDetails()).get(0);

    assertThat(eth.sizeDecimals()).isEqualTo(4);
    assertThat(eth.priceDecimals()).isEqualTo(2);
    assertThat(eth.defaultInitialMarginFraction()).isEqualTo(500);
    assertThat(eth.defaultInitialMarginFractionRatio()).isEqualTo(new BigDecimal("0.0500"));
    assertThat(eth.lastTradePrice()).isEqualTo(new BigDecimal("2361.30"));
    assertThat(eth.openInterest()).isEqualTo(new BigDecimal("27350.8981"));
  }

  @Test
  void orderBookDetailsReadTheMarketConfigMultiplierAndAWideQuoteMultiplier() {
    lighter.reply("/api/v1/orderBookDetails", 200, "{\"code\":200,\"order_book_details\":[{\"symbol\":\"XAU\","
      + "\"market_id\":92,\"market_type\":\"perp\",\"status\":\"active\",\"size_decimals\":2,\"price_decimals\":2,"
      + "\"quote_multiplier\":10000000000,\"multiplier\":\"100.000000000000000000\","
      + "\"default_initial_margin_fraction\":500,\"market_config\":{\"market_margin_mode\":0,"
      + "\"force_reduce_only\":true,\"trading_hours\":\"Mon-Fri 13:30-20:00\",\"hidden\":true,"
      + "\"rfq_enabled\":false}}],\"spot_order_book_details\":[]}");

    OrderBookDetail xau = result(client.orderBookDetails()).get(0);

    assertThat(xau.quoteMultiplier()).isEqualTo(10_000_000_000L);
    assertThat(xau.multiplier()).isEqualByComparingTo("100");
    assertThat(xau.marketConfig()).isEqualTo(new OrderBookDetail.MarketConfig(true, true, "Mon-Fri 13:30-20:00"));
  }

  @Test
  void orderBookOrdersGiveBestBidAndAsk() {
    OrderBookOrders book = result(client.orderBookOrders(0, 1));

    assertThat(book.bestBid()).contains(new BigDecimal("2361.31"));
    assertThat(book.bestAsk()).contains(new BigDecimal("2361.32"));
    assertThat(book.asks().get(0).remainingBaseAmount()).isEqualTo(new BigDecimal("0.0317"));
    assertThat(book.bids().get(0).orderIndex()).isEqualTo(281476929510112L);
    assertThat(lighter.last().query().get("market_id")).isEqualTo("0");
    assertThat(lighter.last().query().get("limit")).isEqualTo("1");
  }

  @Test
  void accountReadsBalancesAndSignedPositions() {
    DetailedAccount account = result(client.account(1077));

    assertThat(account.index()).isEqualTo(1077);
    assertThat(account.l1Address()).isEqualTo("0x15f43D1f2DeE81424aFd891943262aa90F22cc2A");
    assertThat(account.totalAssetValue()).isEqualTo(new BigDecimal("15298.072264000002"));
    assertThat(account.availableBalance()).isEqualTo(new BigDecimal("12582.743947"));
    assertThat(account.collateral()).isEqualTo(new BigDecimal("9100.242706"));
    AccountPosition eth = account.position(0).orElseThrow();
    assertThat(eth.position()).isEqualTo(new BigDecimal("18.0193"));
    assertThat(eth.signedPosition()).isEqualTo(new BigDecimal("-18.0193"));
    assertThat(eth.initialMarginFraction()).isEqualTo(new BigDecimal("5.00"));
    assertThat(eth.liquidationPrice()).isEqualTo(new BigDecimal("2191.1107231380406"));
    assertThat(account.openPositions()).extracting(AccountPosition::symbol).containsExactly("ETH");
    assertThat(account.assets().get(0).balance()).isEqualTo(new BigDecimal("9100.242706"));
    assertThat(lighter.last().query().get("by")).isEqualTo("index");
    assertThat(lighter.last().query().get("value")).isEqualTo("1077");
  }

  @Test
  void accountMissingFromTheListIsAFinalAccountNotFound() {
    lighter.reply("/api/v1/account", 200, "{\"code\":200,\"total\":0,\"accounts\":[]}");

    LighterException failure = lighterFailure(client.account(5));

    assertThat(failure.code()).isEqualTo(LighterErrorCodes.ACCOUNT_NOT_FOUND);
    assertThat(failure.retryable()).isFalse();
  }

  @Test
  void activeOrdersSendTheAuthTokenAsAuthorizationHeader() {
    OrderPage page = result(client.accountActiveOrders(712440, 0, () -> "1700000000:712440:4:abcd"));

    Order order = page.orders().get(0);
    assertThat(order.orderIndex()).isEqualTo(281476929510110L);
    assertThat(order.clientOrderIndex()).isEqualTo(42);
    assertThat(order.isAsk()).isTrue();
    assertThat(order.reduceOnly()).isTrue();
    assertThat(order.stopLoss()).isTrue();
    assertThat(order.live()).isTrue();
    assertThat(order.triggerPrice()).isEqualTo(new BigDecimal("2400.00"));
    assertThat(page.nextCursor()).isEqualTo("cursor-1");
    assertThat(lighter.last().headers().get("Authorization")).isEqualTo("1700000000:712440:4:abcd");
    assertThat(lighter.last().query().get("market_id")).isEqualTo("0");
    assertThat(lighter.last().query().get("auth")).isNull();
  }

  @Test
  void accountOrdersAskForClientOrderIndexesCommaSeparated() {
    result(client.accountOrders(712440, List.of(42L, 43L), () -> "token"));

    assertThat(lighter.last().query().get("client_order_indexes")).isEqualTo("42,43");
    assertThat(lighter.last().query().get("account_index")).isEqualTo("712440");
  }

  @Test
  void nextNonceReadsTheNonce() {
    assertThat(result(client.nextNonce(1077, 4))).isEqualTo(722L);
    assertThat(lighter.last().query().get("api_key_index")).isEqualTo("4");
  }

  @Test
  void apiKeysListRegisteredPublicKeys() {
    List<ApiKeyInfo> keys = result(client.apiKeys(1077, 255));

    assertThat(keys).singleElement().satisfies(key -> {
      assertThat(key.apiKeyIndex()).isEqualTo(4);
      assertThat(key.publicKey()).hasSize(80);
    });
  }

  @Test
  void txByHashReadsStatusAndEventInfo() {
    EnrichedTx tx = result(client.tx("0f".repeat(40)));

    assertThat(tx.executed()).isTrue();
    assertThat(tx.type()).isEqualTo(14);
    assertThat(tx.eventInfo()).contains("\"ae\"");
    assertThat(lighter.last().query().get("by")).isEqualTo("hash");
  }

  @Test
  void sendTxPostsAnUrlEncodedForm() {
    String txInfo = "{\"AccountIndex\":1077,\"Nonce\":722,\"Sig\":\"abc+/=\"}";

    SendTxResult sent = result(client.sendTx(14, txInfo));

    assertThat(sent.txHash()).isEqualTo("e3".repeat(40));
    assertThat(sent.predictedExecutionTimeMs()).isEqualTo(1766088500120L);
    FakeLighter.Recorded request = lighter.last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.form().get("tx_type")).isEqualTo("14");
    assertThat(request.form().get("tx_info")).isEqualTo(txInfo);
  }

  @Test
  void signedOrderArrivesByteIdenticalThroughTheForm() {
    ApiKey key = ApiKey.parse("0x" + "1f".repeat(40));
    CreateOrderTx order = new CreateOrderTx(1077, 4, 0, 42, 1000, 400000, 0, CreateOrderTx.TYPE_MARKET,
      CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, System.currentTimeMillis() + 600_000, 722, null);
    SignedTx signed = new TxSigner(TxSigner.MAINNET_CHAIN_ID).sign(key, order);

    result(client.sendTx(signed.txType(), signed.txInfo()));

    assertThat(lighter.last().form().get("tx_type")).isEqualTo("14");
    assertThat(lighter.last().form().get("tx_info")).isEqualTo(signed.txInfo());
  }

  @Test
  void signedAuthTokenArrivesVerifiable() {
    ApiKey key = ApiKey.parse("0x" + "2e".repeat(40));
    String token = AuthToken.create(key, 1077, 4, System.currentTimeMillis() / 1000 + 600);

    result(client.accountActiveOrders(1077, null, () -> token));

    String received = lighter.last().headers().get("Authorization");
    assertThat(received).isEqualTo(token);
    assertThat(AuthToken.parse(received).verify(key.publicKey())).isTrue();
  }

  @Test
  void moreThanTwentyClientOrderIndexesAreRefusedWithoutARequest() {
    List<Long> indexes = LongStream.rangeClosed(1, 21).boxed().toList();

    Throwable failure = Await.failure(client.accountOrders(1077, indexes, () -> "token"));

    assertThat(failure).isInstanceOf(IllegalArgumentException.class);
    assertThat(lighter.requestCount()).isZero();
  }


  @Test
  void aSendWhoseGateClosesWhileItWaitsForAConnectionIsWithheld(Vertx vertx) {
    // One connection: the second send waits for it while the first one's answer is held back.
    try (LighterClient oneConnection = oneSendConnection(vertx, Duration.ofSeconds(5))) {
      lighter.delayNext(500);
      Future<SendTxResult> first = oneConnection.sendTx(14, "{\"Nonce\":1}");
      AtomicBoolean mayStillSend = new AtomicBoolean(true);
      Future<SendTxResult> waiting = oneConnection.sendTx(14, "{\"Nonce\":2}", mayStillSend::get);
      mayStillSend.set(false);

      LighterException failure = lighterFailure(waiting);

      assertThat(failure.kind()).isEqualTo(LighterException.Kind.WITHHELD);
      assertThat(failure.outcomeUnknown()).isFalse();
      assertThat(failure.retryable()).isFalse();
      assertThat(result(first).txHash()).isNotEmpty();
      assertThat(lighter.requests()).extracting(request -> request.form().get("tx_info"))
        .containsExactly("{\"Nonce\":1}");
    }
  }

  @Test
  void aSendThatGetsNoConnectionInTimeWasNotSent(Vertx vertx) {
    // One send connection, held by the first send while its answer is held back; the second may wait 200 ms for it.
    try (LighterClient oneConnection = oneSendConnection(vertx, Duration.ofMillis(200))) {
      lighter.delayNext(1_000);
      Future<SendTxResult> first = oneConnection.sendTx(14, "{\"Nonce\":1}");

      LighterException failure = lighterFailure(oneConnection.sendTx(14, "{\"Nonce\":2}"));

      assertThat(failure.kind()).isEqualTo(LighterException.Kind.CONNECT_FAILED);
      assertThat(failure.outcomeUnknown()).as("nothing of it was written").isFalse();
      assertThat(failure.retryable()).isTrue();
      assertThat(failure).hasMessageContaining("not sent");
      assertThat(result(first).txHash()).isNotEmpty();
      assertThat(lighter.requests()).extracting(request -> request.form().get("tx_info"))
        .containsExactly("{\"Nonce\":1}");
    }
  }

  /** A client with one connection for reads and one for sends, which a send may wait {@code wait} for. */
  private LighterClient oneSendConnection(Vertx vertx, Duration wait) {
    return new LighterClient(vertx, new LighterClientOptions(lighter.baseUrl(), Duration.ofSeconds(2),
      Duration.ofSeconds(5), 3, Duration.ofMillis(300), Duration.ofSeconds(10), 1, 1, wait));
  }

  @Test
  void sendConnectionsGrowWithTheAccountsWithinBounds() {
    LighterClientOptions defaults = LighterClientOptions.defaults(lighter.baseUrl());

    assertThat(defaults.withSendConnectionsFor(1).sendConnections()).isEqualTo(16);
    assertThat(defaults.withSendConnectionsFor(100).sendConnections()).isEqualTo(100);
    assertThat(defaults.withSendConnectionsFor(1_000).sendConnections()).isEqualTo(128);
    assertThat(defaults.withSendConnectionsFor(1_000).maxPoolSize()).isEqualTo(defaults.maxPoolSize());
  }

  @Test
  void aSendWhoseGateStaysOpenPostsTheFormTheExchangeReads() {
    String txInfo = "{\"Nonce\":3,\"Sig\":\"a+b/c==\"}";

    assertThat(result(client.sendTx(15, txInfo, () -> true)).txHash()).isNotEmpty();

    assertThat(lighter.last().form().get("tx_type")).isEqualTo("15");
    assertThat(lighter.last().form().get("tx_info")).isEqualTo(txInfo);
  }

  @Test
  void anAuthTokenIsMadeWhenTheReadLeavesNotWhileItWaitsForRoomInTheBudget(Vertx vertx) throws Exception {
    // The standard tier's 60 requests a minute: the 61st waits for the rolling minute to make room.
    try (LighterClient standard = new LighterClient(vertx, LighterClientOptions.defaults(lighter.baseUrl()),
      AccountTier.STANDARD)) {
      for (int read = 0; read < 60; read++) {
        result(standard.accountActiveOrders(1077, null, () -> "token"));
      }
      AtomicInteger tokensMade = new AtomicInteger();
      standard.accountActiveOrders(1077, null, () -> "token-" + tokensMade.incrementAndGet());

      Thread.sleep(300);

      assertThat(tokensMade).hasValue(0);
      assertThat(lighter.count("/api/v1/accountActiveOrders")).isEqualTo(60);
    }
  }
}

