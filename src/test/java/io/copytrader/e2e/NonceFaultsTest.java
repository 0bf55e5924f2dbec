package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lighter nonces going wrong while a signal executes: a send refused with 21104 is re-signed with the
 * exchange's next nonce and sent once more; a nonce that cannot be fetched is an exchange failure like any
 * other and is retried. Either way the signal fills exactly once. Each account's first nonce was read ahead after
 * the start, so the reads counted here are the ones a 21104 makes.
 */
@ExtendWith(VertxExtension.class)
class NonceFaultsTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 4, Map.of());
    eventually("every account's nonce read ahead", Duration.ofSeconds(15),
      () -> harness.exchangeRequests("/api/v1/nextNonce"), reads -> reads == 4);
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
  void invalidNonceReloadsTheNonceAndResendsOnce() {
    TestAccount account = harness.freshAccount();
    harness.injectFaults(new JsonObject().put("invalid_nonce_count", 1));

    String id = harness.trade(account, "ETH", "long", "0.5");

    JsonObject status = harness.assertOneOpeningFill(account, id, "1.3333");
    assertThat(status.getInteger("attempts")).isEqualTo(1);
    // the refused send and its re-signed replacement, each the entry with its stop-loss attached
    assertThat(harness.exchangeRequests("/api/v1/sendTx")).isEqualTo(2);
    assertThat(harness.exchangeRequests("/api/v1/nextNonce")).isEqualTo(1);
    assertThat(TradingHarness.orders(status, "entry")).extracting(order -> order.getString("state"))
      .containsExactly("rejected", "filled");
  }

  @Test
  void failedNonceFetchIsRetried() {
    TestAccount account = harness.freshAccount();
    // Hold every exchange call for 600 ms and refuse the entry with 21104; once the nonce fetch that refusal makes
    // is held, make the next answer a 503, which that fetch receives when its delay ends.
    harness.injectFaults(new JsonObject().put("latency_ms", 600).put("invalid_nonce_count", 1));

    String id = harness.trade(account, "ETH", "long", "0.5");
    eventually("the nonce fetch after the refusal", Duration.ofSeconds(10),
      () -> harness.exchangeRequests("/api/v1/nextNonce"), fetches -> fetches > 0);
    harness.injectFaults(new JsonObject().put("latency_ms", 0).put("error_count", 1).put("error_status", 503));

    JsonObject status = harness.assertOneOpeningFill(account, id, "1.3333");
    assertThat(status.getInteger("attempts")).isEqualTo(2);
    assertThat(harness.exchangeRequests("/api/v1/nextNonce")).isEqualTo(1);
  }
}
