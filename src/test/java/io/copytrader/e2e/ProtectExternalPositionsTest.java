package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** With {@code PROTECT_EXTERNAL_POSITIONS=protect}, a position the service did not open gets its stop-loss too. */
@ExtendWith(VertxExtension.class)
class ProtectExternalPositionsTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 1,
      Map.of("PROTECTION_INTERVAL", "1", "PROTECT_EXTERNAL_POSITIONS", "protect"));
  }

  @Test
  void aShortOpenedOutsideTheServiceGetsAStopLossForItsWholeSize() {
    TestAccount account = harness.freshAccount();

    harness.shortOutsideTheService(account);

    Order stop = eventually("a stop-loss on the short", Duration.ofSeconds(20),
      () -> harness.stopLosses(account, ETH), stops -> !stops.isEmpty()).get(0);
    BigDecimal entry = harness.position(account, ETH).orElseThrow().avgEntryPrice();
    // entry × (1 + 0.05 × 0.05), down to the tick
    assertThat(stop.triggerPrice()).isEqualByComparingTo(entry.multiply(new BigDecimal("1.0025"))
      .setScale(2, RoundingMode.FLOOR));
    assertThat(stop.isAsk()).isFalse();
    assertThat(stop.reduceOnly()).isTrue();
    assertThat(stop.status()).isEqualTo("pending");
    assertThat(stop.remainingBaseAmount()).isEqualByComparingTo("0.5000");
    assertThat(harness.stopLosses(account, ETH)).hasSize(1);
    JsonObject run = harness.protectionRuns(account).get(0);
    // The service read its nonce ahead, before the direct send used it: a first stop-loss refused 21104 (rejected,
    // nothing placed) may precede the one re-signed with the next nonce.
    assertThat(orders(run, "stop_loss_place")).filteredOn(order -> !"rejected".equals(order.getString("state")))
      .extracting(order -> order.getLong("client_order_index")).isEqualTo(List.of(stop.clientOrderIndex()));
    assertThat(harness.telegramAbout(account, "Position not opened by the service")).isEmpty();
  }
}
