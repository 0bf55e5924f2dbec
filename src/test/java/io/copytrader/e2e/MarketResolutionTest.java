package io.copytrader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signals naming a market the exchange does not trade are refused at intake with the documented status and
 * code, and nothing is journaled or sent.
 */
@ExtendWith(VertxExtension.class)
class MarketResolutionTest {

  private static TradingHarness harness;
  private static TestAccount account;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 1, Map.of());
    account = harness.freshAccount();
  }

  @ParameterizedTest(name = "{0} / {1} -> {2} {3}")
  @CsvSource(nullValues = "-", value = {
    "NOPE,     -,   422, UNKNOWN_SYMBOL",
    "delisted, -,   422, MARKET_INACTIVE",
    "-,        60,  422, MARKET_INACTIVE",
    "-,        999, 422, UNKNOWN_MARKET",
    "BTC,      0,   400, INVALID_REQUEST"})
  void marketThatCannotBeTradedIsRefusedAtIntake(String symbol, Integer marketId, int status, String code) {
    JsonObject body = new JsonObject().put("account_index", account.index()).put("trade_type", "long")
      .put("reference_position_ratio", 0.5);
    if (symbol != null) {
      body.put("symbol", symbol);
    }
    if (marketId != null) {
      body.put("market_id", marketId);
    }
    harness.resetExchangeRequests();

    HttpResponse<Buffer> response = harness.post("/api/trade", body);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
    assertThat(harness.get("/api/trades?account_index=" + account.index()).bodyAsJsonObject()
      .getJsonArray("requests")).isEmpty();
    assertThat(harness.exchangeRequests("/api/v1/sendTx")).isZero();
  }
}
