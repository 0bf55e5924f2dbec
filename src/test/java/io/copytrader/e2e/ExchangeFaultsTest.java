package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange misbehaving while a signal executes (RETRY_INTERVAL 1 s, MAX_RETRIES 2): transient failures
 * are retried and end in exactly one fill, never two; an order the book could not fill within the slippage
 * bound is reported as not filled with the exchange's reason. Fewer than five exchange failures are injected
 * in this class, so the client's circuit breaker stays closed throughout. Nonce faults are in
 * {@link NonceFaultsTest}. Each account's first nonce was read ahead after the start; the faults below reach an
 * attempt through the nonce fetch a 21104 refusal makes, a call no background read of another account makes.
 */
@ExtendWith(VertxExtension.class)
class ExchangeFaultsTest {

  private static final int BTC = 1;
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 6, Map.of());
    eventually("every account's nonce read ahead", Duration.ofSeconds(15),
      () -> harness.exchangeRequests("/api/v1/nextNonce"), reads -> reads == 6);
  }

  @BeforeEach
  void countFromZero() {
    harness.resetExchangeRequests();
  }

  @AfterEach
  void clearFaults() {
    harness.clearFaults();
  }

  @Test
  void twoServerErrorsAreRetriedIntoOneFill() {
    TestAccount account = harness.freshAccount();
    // Each of the first two attempts is refused 21104 and its nonce fetch answered 503.
    harness.injectFaults(new JsonObject().put("invalid_nonce_count", 2).put("error_count", 2).put("error_status", 503)
      .put("error_path", "/api/v1/nextNonce"));

    String id = harness.trade(account, "ETH", "long", "0.5");

    JsonObject status = harness.assertOneOpeningFill(account, id, "1.3333");
    assertThat(status.getInteger("attempts")).isEqualTo(3);
  }

  @Test
  void rateLimitIsRetriedIntoOneFill() {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(new JsonObject().put("invalid_nonce_count", 1).put("rate_limit_count", 1)
      .put("error_path", "/api/v1/nextNonce"));

    String id = harness.trade(account, "ETH", "long", "0.5");

    JsonObject status = harness.assertOneOpeningFill(account, id, "1.3333");
    assertThat(status.getInteger("attempts")).isEqualTo(2);
  }

  @Test
  void acceptedSendWhoseAnswerIsLostIsAdoptedNotRepeated() {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(new JsonObject().put("drop_response_count", 1));

    String id = harness.trade(account, "ETH", "long", "0.5");

    JsonObject status = harness.assertOneOpeningFill(account, id, "1.3333");
    List<JsonObject> entries = orders(status, "entry");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getString("state")).isEqualTo("filled");
    assertThat(entries.get(0).getString("filled_base")).isEqualTo("1.3333");
    assertThat(harness.stopLosses(account, ETH)).hasSize(1);
  }

  @Test
  void priceRunningPastTheWorstPriceIsReportedNotFilled() {
    TestAccount account = harness.freshAccount();
    // Every exchange call now takes 600 ms. The order is priced from the book and sent; while its send is held,
    // the price runs up and the delay ends, so the order reaches a book whose best ask is past its worst price.
    harness.injectFaults(new JsonObject().put("latency_ms", 600));

    String id = harness.trade(account, "BTC", "long", "0.5");
    eventually("the send held", Duration.ofSeconds(10),
      () -> harness.exchangeRequests("/api/v1/sendTx"), sends -> sends > 0);
    // the buy may pay up to 95009.5 × 1.01 = 95959.5; the ask is now 97009.7
    harness.setMid(BTC, "97000.0");
    harness.clearFaults();

    JsonObject status = harness.awaitFinal(id);
    assertThat(status.getString("state")).isEqualTo("rejected");
    assertThat(status.getString("error_code")).isEqualTo("NOT_FILLED");
    assertThat(status.getString("error_message")).contains("canceled-too-much-slippage");
    JsonObject entry = orders(status, "entry").get(0);
    assertThat(entry.getString("state")).isEqualTo("cancelled");
    assertThat(entry.getString("exchange_status")).isEqualTo("canceled-too-much-slippage");
    assertThat(harness.position(account, BTC)).isEmpty();
    assertThat(harness.activeOrders(account, BTC)).isEmpty();
    assertThat(harness.awaitTelegram(id, "Trade rejected"))
      .contains("<b>Code:</b> NOT_FILLED", "<b>Reason:</b> canceled-too-much-slippage");
  }
}
