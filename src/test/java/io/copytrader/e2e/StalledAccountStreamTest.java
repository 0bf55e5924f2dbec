package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account channels of the exchange stream stall (the paper exchange holds account updates) while the
 * order books keep the connection fresh: the service must not trade on the stalled account state. Holding is
 * global to the exchange, so every test releases it.
 */
@ExtendWith(VertxExtension.class)
class StalledAccountStreamTest {

  /**
   * Longer than the window after which StreamExchangeView used to trust a stream that disagreed with REST
   * (StreamExchangeView.SETTLE_WINDOW, 5 s).
   */
  private static final Duration PAST_THE_SETTLE_WINDOW = Duration.ofSeconds(6);

  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 3, Map.of());
  }

  @AfterEach
  void releaseAccountUpdates() {
    holdAccountUpdates(false);
  }

  private static void holdAccountUpdates(boolean held) {
    harness.paperControl(HttpMethod.POST, "/paper/streams/hold-account-updates", new JsonObject().put("held", held));
  }

  /** The stale-channel gauge as /metrics shows it now. */
  private static double staleChannels() {
    String metrics = harness.get("/metrics").bodyAsString();
    return metrics.lines().filter(line -> line.startsWith("copytrade_stream_stale_channels "))
      .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
  }

  @Test
  void closeAfterAFillTheStalledStreamNeverShowedClosesThePosition() {
    TestAccount account = harness.freshAccount();
    holdAccountUpdates(true);
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    assertThat(harness.signedPosition(account, ETH)).isPositive();
    long openedAt = System.nanoTime();
    // The stalled stream still shows no position; time alone must not make it trusted again.
    eventually("the settle window to pass", PAST_THE_SETTLE_WINDOW.plusSeconds(5), System::nanoTime,
      now -> now - openedAt > PAST_THE_SETTLE_WINDOW.toNanos());

    JsonObject closed = harness.awaitFinal(harness.trade(account, "ETH", "close", null));

    assertThat(closed.getString("state")).as(closed.encodePrettily()).isEqualTo("filled");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void metricsCountTheStalledChannelsUntilTheyDeliverAgain() {
    TestAccount account = harness.freshAccount();
    eventually("every channel fresh", Duration.ofSeconds(10), StalledAccountStreamTest::staleChannels,
      stale -> stale == 0);
    holdAccountUpdates(true);
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));

    assertThat(staleChannels()).as("the account's channels owe the fill").isPositive();

    holdAccountUpdates(false);
    eventually("the channels delivering again", Duration.ofSeconds(10),
      StalledAccountStreamTest::staleChannels, stale -> stale == 0);
  }
}
