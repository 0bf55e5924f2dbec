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
 * A taker order beyond the account's margin never reaches Lighter (which would accept it, consume its nonce and
 * cancel it as {@code canceled-margin-not-allowed}): the minimum-available-margin rail refuses it before it is
 * signed, and the account trades on.
 */
@ExtendWith(VertxExtension.class)
class MarginRefusalTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    // notional = equity × ratio × 100: at ratio 1 a hundred times the equity, far beyond 5 % initial margin
    harness = TradingHarness.start(vertx, dir, 1, Map.of("SCALING_FACTOR", "100", "MAX_LEVERAGE", "100"));
  }

  @Test
  void orderBeyondMarginIsRefusedUnsentAndTheNextOrderStillTrades() {
    TestAccount account = harness.freshAccount();

    JsonObject refused = harness.awaitFinal(harness.trade(account, "ETH", "long", "1"));

    assertThat(refused.getString("state")).isEqualTo("refused");
    assertThat(refused.getString("error_code")).isEqualTo("RAIL_MIN_AVAILABLE_MARGIN");
    assertThat(orders(refused, "entry")).isEmpty();
    assertThat(harness.signedPosition(account, ETH)).isZero();

    JsonObject filled = harness.filled(harness.trade(account, "ETH", "long", "0.005"));
    assertThat(orders(filled, "entry").get(0).getLong("nonce")).isZero();
  }
}
