package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entry whose answer is lost is taken to have expired unapplied only once the exchange's clock has passed its
 * {@code ExpiredAt}, not this host's. Here the exchange's clock runs 30 s behind, the entry (10 s to expire, its
 * nonce unused) waits 17 s in the exchange's queue, unanswered, and the lookup of the transaction by hash fails
 * throughout. By this host's clock, 5 s past the entry's deadline, it was taken for expired 2 s before the exchange
 * applied it.
 */
@ExtendWith(VertxExtension.class)
class ExpiryOnTheExchangesClockTest {

  @Test
  void anEntryAppliedAfterItsExpiryByThisHostsClockIsFoundNotReplaced(Vertx vertx, @TempDir Path dir)
    throws Exception {
    // The shortest entry expiry: 10 s.
    TradingHarness harness = TradingHarness.start(vertx, dir, 1, Map.of("MAX_SIGNAL_AGE", "10"));
    TestAccount account = harness.freshAccount();
    // Set with the other faults: the settlement reads the exchange's time itself, not the health checks' last one.
    harness.injectFaults(new JsonObject().put("clock_offset_ms", -30_000).put("drop_after_apply_count", 1)
      .put("sequencer_delay_ms", 17_000).put("lookup_error_path", "/api/v1/tx").put("lookup_error_count", 1_000));

    String requestId = harness.trade(account, "ETH", "long", "0.1");
    // Followed through the service's own API: reading the exchange this often would spend its rate limit.
    JsonObject status = harness.awaitFinal(requestId);
    harness.clearFaults();

    assertThat(status.getString("state")).as(status.encodePrettily()).isEqualTo("filled");
    assertThat(harness.filledMarketOrders(account, ETH)).hasSize(1);
    BigDecimal journaled = orders(status, "entry").stream().map(entry -> entry.getString("filled_base"))
      .filter(filled -> filled != null).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(journaled);
  }
}
