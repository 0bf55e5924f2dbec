package io.copytrader.paper;

import static io.copytrader.paper.PaperFixture.ACCOUNT;
import static io.copytrader.paper.PaperFixture.ETH;
import static io.copytrader.paper.PaperFixture.KEY;
import static io.copytrader.paper.PaperFixture.KEY_INDEX;
import static io.copytrader.lighter.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.DetailedAccount;
import io.copytrader.lighter.EnrichedTx;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.LighterException;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.OrderBookDetail;
import io.copytrader.lighter.OrderBookOrders;
import io.copytrader.lighter.SendTxResult;
import io.copytrader.lighter.signer.SignedTx;
import io.copytrader.testing.Polling;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service's own Lighter client reads every paper exchange answer it uses, as it reads Lighter's. */
@ExtendWith(VertxExtension.class)
class PaperWithLighterClientTest {

  @AutoClose
  private PaperFixture paper;
  private PaperHttp http;
  private PaperTrader trader;
  @AutoClose
  private LighterClient client;

  @BeforeEach
  void start(Vertx vertx) {
    paper = PaperFixture.start(vertx);
    http = paper.http;
    trader = paper.trader;
    client = new LighterClient(vertx, LighterClientOptions.defaults(paper.exchange.baseUrl()));
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void marketsAndBookReadAsLighters() {
    OrderBookDetail eth = result(client.orderBookDetails(ETH)).get(0);
    OrderBookOrders book = result(client.orderBookOrders(ETH, 5));

    assertThat(result(client.status()).status()).isEqualTo(1);
    assertThat(result(client.orderBooks())).hasSize(5);
    assertThat(eth.sizeDecimals()).isEqualTo(4);
    assertThat(eth.defaultInitialMarginFractionRatio()).isEqualByComparingTo("0.05");
    assertThat(book.bestAsk()).contains(new BigDecimal("3000.30"));
    assertThat(book.bestBid()).contains(new BigDecimal("2999.70"));
  }

  @Test
  void accountKeysAndNoncesReadAsLighters() {
    assertThat(result(client.account(ACCOUNT)).collateral()).isEqualByComparingTo("10000");
    assertThat(result(client.apiKeys(ACCOUNT, KEY_INDEX)).get(0).publicKey()).isEqualTo(KEY.publicKeyHex());
    assertThat(result(client.nextNonce(ACCOUNT, KEY_INDEX))).isZero();
  }

  @Test
  void aSentOrderIsFollowedThroughTxOrdersAndPosition(Vertx vertx) {
    SignedTx buy = trader.sign(trader.market(11, ETH, 10_000, 310_000, false, false, 0));

    SendTxResult sent = result(client.sendTx(buy.txType(), buy.txInfo()));
    // Accepted means queued: the client follows the tx until the sequencer has executed it.
    EnrichedTx tx = result(Polling.eventually(vertx, "the tx executed", Polling.TIMEOUT,
      () -> client.tx(sent.txHash()), executed -> executed.status() == 2));
    Order order = result(client.accountOrders(ACCOUNT, List.of(11L), trader::authToken)).orders().get(0);
    DetailedAccount account = result(client.account(ACCOUNT));

    assertThat(sent.txHash()).isEqualTo(buy.txHashHex());
    assertThat(tx.status()).isEqualTo(2);
    assertThat(order.status()).isEqualTo("filled");
    assertThat(order.filledBaseAmount()).isEqualByComparingTo("1");
    AccountPosition position = account.position(ETH).orElseThrow();
    assertThat(position.signedPosition()).isEqualByComparingTo("1");
    assertThat(position.avgEntryPrice()).isEqualByComparingTo("3000.30");
    assertThat(position.initialMarginFraction()).isEqualByComparingTo("5.00");
  }

  @Test
  void aStopLossIsListedAsAStopLossActiveOrder() {
    trader.send(trader.market(11, ETH, 10_000, 310_000, false, false, 0));
    trader.send(trader.stopLossLimit(12, ETH, 10_000, 290_000, 285_000, true, 1));

    Order stop = result(client.accountActiveOrders(ACCOUNT, ETH, trader::authToken)).orders().get(0);

    assertThat(stop.stopLoss()).isTrue();
    assertThat(stop.live()).isTrue();
    assertThat(stop.triggerPrice()).isEqualByComparingTo("2900.00");
  }

  @Test
  void aWrongNonceReachesTheClientAsCode21104() {
    SignedTx stale = trader.sign(trader.market(11, ETH, 10_000, 310_000, false, false, 3));

    Throwable refused = failure(client.sendTx(stale.txType(), stale.txInfo()));

    assertThat(refused).isInstanceOf(LighterException.class);
    assertThat(((LighterException) refused).code()).isEqualTo(21104);
  }
}
