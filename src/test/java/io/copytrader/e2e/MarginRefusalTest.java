package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A taker order beyond the account's margin, as Lighter treats it: accepted, its nonce consumed, and cancelled by
 * the sequencer as {@code canceled-margin-not-allowed}. The request ends not filled and the account trades on.
 */
@ExtendWith(VertxExtension.class)
class MarginRefusalTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    // notional = equity × ratio × 100: at ratio 1 a hundred times the equity, far beyond 5 % initial margin
    harness = TradingHarness.start(vertx, dir, 1, Map.of("SCALING_FACTOR", "100"));
  }

  @Test
  void orderBeyondMarginEndsNotFilledAndTheNextOrderStillTrades() {
    TestAccount account = harness.freshAccount();

    JsonObject refused = harness.awaitFinal(harness.trade(account, "ETH", "long", "1"));

    assertThat(refused.getString("state")).isEqualTo("rejected");
    assertThat(refused.getString("error_code")).isEqualTo("NOT_FILLED");
    assertThat(orders(refused, "entry")).singleElement()
      .satisfies(entry -> assertThat(entry.getString("exchange_status")).isEqualTo("canceled-margin-not-allowed"));
    assertThat(harness.signedPosition(account, ETH)).isZero();

    JsonObject filled = harness.filled(harness.trade(account, "ETH", "long", "0.005"));
    assertThat(orders(filled, "entry").get(0).getLong("nonce"))
      .isEqualTo(orders(refused, "entry").get(0).getLong("nonce") + 1);
  }
}
