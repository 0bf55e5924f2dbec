package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.expiredAt;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protection run follows every reconnect of the account stream, whatever {@code PROTECTION_INTERVAL} says: what
 * changed while the stream was away is checked at once. The interval here is an hour, so only the reconnect can
 * be what runs it.
 */
@ExtendWith(VertxExtension.class)
class ProtectionOnReconnectTest {

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 1, Map.of("PROTECTION_INTERVAL", "3600"));
  }

  @Test
  void aReconnectOfTheStreamRunsProtectionAtOnce() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    List<Order> stops = harness.stopLosses(account, ETH);
    assertThat(stops).hasSize(1);
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, ETH, stops.get(0).orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));
    assertThat(harness.stopLosses(account, ETH)).isEmpty();

    harness.paperControl(HttpMethod.POST, "/paper/streams/disconnect", new JsonObject());

    Order replaced = eventually("a stop-loss placed after the reconnect", Duration.ofSeconds(20),
      () -> harness.stopLosses(account, ETH), found -> found.size() == 1).get(0);
    assertThat(replaced.triggerPrice()).isEqualByComparingTo(stops.get(0).triggerPrice());
    assertThat(harness.protectionRuns(account)).singleElement()
      .satisfies(run -> assertThat(run.getJsonObject("request").getString("reason")).isEqualTo("reconnect"));
  }
}
