package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Markets that take only exits, as {@code orderBookDetails} presents them (set on the paper exchange, then read by a
 * restarted service): ETH reduce-only, BTC hidden, SOL with trading hours, RESOLV with a multiplier of 10. Opening
 * and increasing requests are refused at intake; a position held from before can still be reduced and closed, its
 * stop-loss following it.
 */
@ExtendWith(VertxExtension.class)
class MarketTradabilityTest {

  private static TradingHarness harness;
  private static TestAccount holder;
  private static TestAccount newcomer;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 2, Map.of("PROTECTION_INTERVAL", "3600"));
    holder = harness.freshAccount();
    newcomer = harness.freshAccount();
    harness.filled(harness.trade(holder, "ETH", "long", "0.5"));
    configure(0, new JsonObject().put("force_reduce_only", true));
    configure(1, new JsonObject().put("hidden", true));
    configure(2, new JsonObject().put("trading_hours", "Mon-Fri 13:30-20:00"));
    configure(51, new JsonObject().put("multiplier", "10"));
    harness.restartService();
  }

  private static void configure(int marketId, JsonObject config) {
    harness.paperControl(HttpMethod.POST, "/paper/markets/" + marketId + "/config", config);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> refused: {3}")
  @CsvSource({
    "ETH,    /api/trade,        long,     is reduce-only",
    "ETH,    /api/trade,        short,    is reduce-only",
    "ETH,    /api/trade/adjust, increase, is reduce-only",
    "BTC,    /api/trade,        long,     is hidden",
    "SOL,    /api/trade,        short,    has trading hours",
    "RESOLV, /api/trade,        long,     has multiplier 10"})
  void openingRequestsAreRefusedAtIntake(String symbol, String path, String type, String reason) {
    JsonObject body = path.endsWith("adjust") ? TradingHarness.adjustBody(holder, symbol, type, "0.5")
      : TradingHarness.tradeBody(newcomer, symbol, type, "0.5");
    harness.resetExchangeRequests();

    HttpResponse<Buffer> response = harness.post(path, body);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("MARKET_REDUCE_ONLY");
    assertThat(response.bodyAsJsonObject().getString("message")).contains(symbol, reason);
    assertThat(harness.exchangeRequests("/api/v1/sendTx")).isZero();
  }

  @Test
  void aPositionHeldFromBeforeCanStillBeReducedAndClosed() {
    harness.filled(harness.adjust(holder, "ETH", "decrease", "0.5"));

    List<Order> stopLosses = harness.stopLosses(holder, ETH);
    assertThat(stopLosses).hasSize(1);
    assertThat(stopLosses.get(0).remainingBaseAmount())
      .isEqualByComparingTo(harness.position(holder, ETH).orElseThrow().position());

    harness.filled(harness.trade(holder, "ETH", "close", null));

    assertThat(harness.signedPosition(holder, ETH)).isZero();
    assertThat(harness.stopLosses(holder, ETH)).isEmpty();
  }
}
