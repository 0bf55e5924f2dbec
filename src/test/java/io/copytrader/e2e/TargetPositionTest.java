package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.BTC;
import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * Target positions through {@code POST /api/position}: the account trades the difference between its position and
 * the target (open, increase, decrease, close, flip), nothing when it holds the target, and the request shows its
 * plan and steps. ETH trades around a mid of 3000.00 (best ask 3000.30, best bid 2999.70); each account starts with
 * 10 000 USDC and the scaling factor is 0.8. The leader side's requests are in {@link FollowRequestTest}.
 */
@ExtendWith(VertxExtension.class)
class TargetPositionTest {

  private static TradingHarness harness;
  /** Holds a BTC long from before BTC became reduce-only. */
  private static TestAccount btcHolder;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 11, Map.of());
    btcHolder = harness.freshAccount();
    harness.filled(harness.submit("/api/position", body(btcHolder, "0.5").put("symbol", "BTC")));
    harness.paperControl(HttpMethod.POST, "/paper/markets/" + BTC + "/config",
      new JsonObject().put("force_reduce_only", true));
    harness.restartService();
  }

  private static String position(TestAccount account, String ratio) {
    return harness.submit("/api/position", body(account, ratio));
  }

  private static JsonObject body(TestAccount account, String ratio) {
    return new JsonObject().put("account_index", account.index()).put("symbol", "ETH")
      .put("target_ratio", new BigDecimal(ratio));
  }

  /** The signed target {@code ratio} of the account's equity now makes at the mid. */
  private static BigDecimal targetOf(TestAccount account, String ratio) {
    BigDecimal equity = harness.exchangeAccount(account).totalAssetValue();
    return equity.multiply(new BigDecimal(ratio).abs()).multiply(new BigDecimal("0.8"))
      .divide(TradingHarness.ETH_MID, 4, RoundingMode.FLOOR).multiply(BigDecimal.valueOf(new BigDecimal(ratio).signum()));
  }

  private static JsonArray steps(JsonObject status) {
    return status.getJsonObject("target").getJsonArray("steps");
  }

  private static JsonObject step(JsonObject status, int index) {
    return steps(status).getJsonObject(index);
  }

  private static JsonObject awaitFinal(String id) {
    return harness.awaitFinal(id);
  }

  @Test
  void aTargetFromFlatOpensItAndProtectsIt() {
    TestAccount account = harness.freshAccount();

    JsonObject status = harness.filled(position(account, "0.5"));

    assertThat(status.getString("kind")).isEqualTo("position");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.3333");
    JsonObject target = status.getJsonObject("target");
    assertThat(target.getString("target_base")).isEqualTo("1.3333");
    assertThat(target.getString("position_before")).isEqualTo("0");
    assertThat(steps(status)).hasSize(1);
    assertThat(step(status, 0).getString("action")).isEqualTo("open");
    assertThat(step(status, 0).getString("outcome")).isEqualTo("filled");
    JsonObject entry = orders(status, "entry").get(0);
    assertThat(step(status, 0).getLong("client_order_index")).isEqualTo(entry.getLong("client_order_index"));
    assertThat(step(status, 0).getJsonArray("orders")).containsExactly(entry.getInteger("ordinal"));
    assertThat(harness.stopLosses(account, ETH)).hasSize(1);
  }

  @ParameterizedTest(name = "[{index}] 0.5 then {0}: {1} {3} ({2})")
  @CsvSource({"0.75, increase, entry, buy", "0.25, decrease, reduce, sell"})
  void aBiggerOrSmallerTargetTradesTheDifferenceWithTheStopLossResized(String ratio, String action, String purpose,
                                                                        String side) {
    TestAccount account = harness.freshAccount();
    harness.filled(position(account, "0.5"));
    BigDecimal wanted = targetOf(account, ratio);

    JsonObject status = harness.filled(position(account, ratio));

    assertThat(step(status, 0).getString("action")).isEqualTo(action);
    assertThat(orders(status, purpose)).singleElement().satisfies(order ->
      assertThat(order.getString("side")).isEqualTo(side));
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(wanted);
    assertThat(harness.stopLosses(account, ETH)).singleElement().satisfies(stop ->
      assertThat(stop.initialBaseAmount()).isEqualByComparingTo(wanted));
  }

  @Test
  void aZeroTargetClosesThePositionAndItsStopLoss() {
    TestAccount account = harness.freshAccount();
    harness.filled(position(account, "0.5"));

    JsonObject status = harness.filled(position(account, "0"));

    assertThat(step(status, 0).getString("action")).isEqualTo("close");
    assertThat(orders(status, "close")).hasSize(1);
    assertThat(harness.signedPosition(account, ETH)).isZero();
    assertThat(harness.stopLosses(account, ETH)).isEmpty();
  }

  @Test
  void anOppositeTargetClosesThenOpensTheOtherSideProtected() {
    TestAccount account = harness.freshAccount();
    harness.filled(position(account, "0.5"));
    BigDecimal wanted = targetOf(account, "-0.5");

    JsonObject status = harness.filled(position(account, "-0.5"));

    assertThat(status.getJsonObject("target").getString("position_before")).isEqualTo("1.3333");
    assertThat(steps(status)).extracting(step -> ((JsonObject) step).getString("action") + " "
      + ((JsonObject) step).getString("side") + " " + ((JsonObject) step).getString("outcome"))
      .containsExactly("close sell filled", "open sell filled");
    List<JsonObject> close = orders(status, "close");
    List<JsonObject> entry = orders(status, "entry");
    assertThat(close).singleElement().satisfies(order -> assertThat(order.getString("base_amount")).isEqualTo("1.3333"));
    assertThat(entry).hasSize(1);
    assertThat(step(status, 1).getLong("client_order_index")).isEqualTo(entry.get(0).getLong("client_order_index"));
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(wanted);
    List<Order> stops = harness.stopLosses(account, ETH);
    assertThat(stops).singleElement().satisfies(stop -> {
      assertThat(stop.isAsk()).as("a short's stop-loss buys").isFalse();
      assertThat(stop.initialBaseAmount()).isEqualByComparingTo(wanted.abs());
    });
  }

  @Test
  void repeatingATargetTradesNothingTheSecondTime() {
    TestAccount account = harness.freshAccount();
    harness.filled(position(account, "0.5"));
    BigDecimal held = harness.signedPosition(account, ETH);

    JsonObject repeat = awaitFinal(position(account, "0.5"));

    assertThat(repeat.getString("state")).isEqualTo("completed");
    assertThat(repeat.getJsonArray("orders")).isEmpty();
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(held);
  }

  @Test
  void theSameIdempotencyKeyAnswersTheFirstRequest() {
    TestAccount account = harness.freshAccount();
    JsonObject keyed = body(account, "0.5").put("client_request_id", "position-once");
    String id = harness.submit("/api/position", keyed);
    harness.filled(id);

    HttpResponse<Buffer> repeat = harness.post("/api/position", keyed);

    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(repeat.bodyAsJsonObject().getString("request_id")).isEqualTo(id);
    assertThat(repeat.bodyAsJsonObject().getString("state")).isEqualTo("filled");
    HttpResponse<Buffer> reused = harness.post("/api/position", body(account, "0.25")
      .put("client_request_id", "position-once"));
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(reused.bodyAsJsonObject().getString("code")).isEqualTo("IDEMPOTENCY_CONFLICT");
  }

  /** Runs {@code checks} with the account's kill switch at halt, resumed after. */
  private static void halted(TestAccount account, Runnable checks) {
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "halt").put("account_index", account.index()));
    try {
      checks.run();
    } finally {
      harness.ok(HttpMethod.POST, "/api/resume", new JsonObject().put("account_index", account.index()));
    }
  }

  @Test
  void theKillSwitchHaltsATargetEntryButLetsATargetClosePass() {
    TestAccount account = harness.freshAccount();
    harness.filled(position(account, "0.5"));
    halted(account, () -> {
      JsonObject increase = awaitFinal(position(account, "0.75"));
      assertThat(increase.getString("state")).isEqualTo("refused");
      assertThat(increase.getString("error_code")).isEqualTo("RAIL_KILL_SWITCH");
      assertThat(step(increase, 0).getString("outcome")).isEqualTo("refused");
      assertThat(increase.getJsonArray("orders")).isEmpty();

      harness.filled(position(account, "0"));

      assertThat(harness.signedPosition(account, ETH)).isZero();
    });
  }

  @Test
  void aFlipWhoseOpenTheKillSwitchRefusesEndsFlatAndSaysSo() {
    TestAccount account = harness.freshAccount();
    harness.filled(position(account, "0.5"));
    halted(account, () -> {
      JsonObject flip = awaitFinal(position(account, "-0.5"));

      assertThat(flip.getString("state")).isEqualTo("partially_filled");
      assertThat(flip.getString("error_code")).isEqualTo("RAIL_KILL_SWITCH");
      assertThat(steps(flip)).extracting(step -> ((JsonObject) step).getString("outcome"))
        .containsExactly("filled", "refused");
      assertThat(flip.getJsonArray("rails")).isNotEmpty();
      assertThat(harness.signedPosition(account, ETH)).isZero();
      assertThat(harness.stopLosses(account, ETH)).isEmpty();
    });
  }

  @Test
  void aMarketThatTakesOnlyExitsRefusesATargetsEntryButNotItsExit() {
    BigDecimal held = harness.signedPosition(btcHolder, BTC);

    JsonObject bigger = awaitFinal(harness.submit("/api/position", body(btcHolder, "0.75").put("symbol", "BTC")));
    JsonObject smaller = harness.filled(harness.submit("/api/position", body(btcHolder, "0.25").put("symbol", "BTC")));

    assertThat(bigger.getString("state")).isEqualTo("rejected");
    assertThat(bigger.getString("error_code")).isEqualTo("MARKET_REDUCE_ONLY");
    assertThat(bigger.getJsonArray("orders")).isEmpty();
    assertThat(step(smaller, 0).getString("action")).isEqualTo("decrease");
    assertThat(harness.signedPosition(btcHolder, BTC)).isPositive().isLessThan(held);
  }

  @Test
  void badBodiesAreRefusedWithTheErrorBody() {
    TestAccount account = harness.freshAccount();
    Map<JsonObject, String> bad = Map.of(
      body(account, "1.5"), "target_ratio must be between -1 and 1",
      body(account, "-1.01"), "target_ratio must be between -1 and 1",
      body(account, "0.5").put("target_ratio", "0.5"), "target_ratio must be a number",
      body(account, "0.5").put("target_base", 1), "unknown field 'target_base'",
      body(account, "0.5").put("trade_type", "long"), "unknown field 'trade_type'",
      new JsonObject().put("account_index", account.index()).put("symbol", "ETH"), "target_ratio is required",
      body(account, "0.5").put("symbol", null), "market_id or symbol is required",
      body(account, "0.5").put("target_ratio", new BigDecimal("0.1234567890123456789")), "target_ratio must have");
    bad.forEach((body, message) -> {
      HttpResponse<Buffer> response = harness.post("/api/position", body);
      assertThat(response.statusCode()).as("%s -> %s", body, response.bodyAsString()).isEqualTo(400);
      JsonObject error = response.bodyAsJsonObject();
      assertThat(error.getString("status")).isEqualTo("error");
      assertThat(error.getString("code")).isEqualTo("INVALID_REQUEST");
      assertThat(error.getString("message")).startsWith(message);
    });
    HttpResponse<Buffer> unknownAccount = harness.post("/api/position", body(account, "0.5").put("account_index", 1));
    assertThat(unknownAccount.statusCode()).isEqualTo(404);
    assertThat(unknownAccount.bodyAsJsonObject().getString("code")).isEqualTo("UNKNOWN_ACCOUNT");
    HttpResponse<Buffer> unknownSymbol = harness.post("/api/position", body(account, "0.5").put("symbol", "NOPE"));
    assertThat(unknownSymbol.statusCode()).isEqualTo(422);
    HttpResponse<Buffer> tooLarge = harness.post("/api/position", body(account, "0.5")
      .put("padding", "x".repeat(70_000)));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.bodyAsJsonObject().getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
    HttpResponse<Buffer> notJson = harness.api(HttpMethod.POST, "/api/position").putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer(body(account, "0.5").encode())).await();
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertThat(harness.signedPosition(account, ETH)).isZero();
  }
}
