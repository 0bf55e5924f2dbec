package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.Order;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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

/**
 * Opening, adding to, reducing and closing positions through {@code POST /api/trade} and
 * {@code POST /api/trade/adjust}, checked on the exchange and in the Telegram reports. ETH trades around a
 * mid of 3000.00 with the best ask at 3000.30 and the best bid at 2999.70; each account starts with
 * 10 000 USDC and the scaling factor is 0.8.
 */
@ExtendWith(VertxExtension.class)
class PositionTradingTest {

  private static final BigDecimal SCALING = new BigDecimal("0.8");
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 12, Map.of());
  }

  /** What the service should buy or sell for {@code ratio} of the account's current equity at the mid. */
  private static BigDecimal openSize(TestAccount account, String ratio) {
    BigDecimal equity = harness.exchangeAccount(account).totalAssetValue();
    return equity.multiply(new BigDecimal(ratio)).multiply(SCALING)
      .divide(TradingHarness.ETH_MID, 4, RoundingMode.FLOOR);
  }

  private static JsonObject onlyOrder(JsonObject status, String purpose) {
    List<JsonObject> found = orders(status, purpose);
    assertThat(found).as("%s orders of %s", purpose, status.encodePrettily()).hasSize(1);
    return found.get(0);
  }

  @Test
  void longSignalOpensALongSizedFromEquityRatioAndScaling() {
    TestAccount account = harness.freshAccount();

    String id = harness.trade(account, "ETH", "long", "0.5");

    JsonObject entry = onlyOrder(harness.filled(id), "entry");
    assertThat(entry.getString("side")).isEqualTo("buy");
    assertThat(entry.getString("filled_base")).isEqualTo("1.3333");
    assertThat(entry.getString("state")).isEqualTo("filled");
    AccountPosition position = harness.position(account, ETH).orElseThrow();
    assertThat(position.signedPosition()).isEqualByComparingTo("1.3333");
    assertThat(position.avgEntryPrice()).isEqualByComparingTo("3000.30");
    assertThat(harness.awaitTelegram(id, "Position opened"))
      .contains("<b>Side:</b> LONG", "<b>Size:</b> 1.3333", "<b>Price:</b> 3000.3", "<b>Market:</b> ETH (id 0)");
    assertThat(harness.telegramSent()).allSatisfy(sent -> {
      assertThat(sent.body().getString("chat_id")).isEqualTo(TradingHarness.CHAT_ID);
      assertThat(sent.body().getString("parse_mode")).isEqualTo("HTML");
    });
  }

  @Test
  void shortSignalOpensAShortAtTheBid() {
    TestAccount account = harness.freshAccount();

    String id = harness.trade(account, "ETH", "short", "0.5");

    JsonObject entry = onlyOrder(harness.filled(id), "entry");
    assertThat(entry.getString("side")).isEqualTo("sell");
    AccountPosition position = harness.position(account, ETH).orElseThrow();
    assertThat(position.signedPosition()).isEqualByComparingTo("-1.3333");
    assertThat(position.avgEntryPrice()).isEqualByComparingTo("2999.70");
    assertThat(harness.awaitTelegram(id, "Position opened"))
      .contains("<b>Side:</b> SHORT", "<b>Size:</b> 1.3333", "<b>Price:</b> 2999.7");
  }

  @Test
  void secondLongSignalAddsToTheLong() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    BigDecimal added = openSize(account, "0.25");

    String id = harness.trade(account, "ETH", "long", "0.25");

    JsonObject entry = onlyOrder(harness.filled(id), "entry");
    assertThat(new BigDecimal(entry.getString("filled_base"))).isEqualByComparingTo(added);
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(new BigDecimal("1.3333").add(added));
    assertThat(harness.awaitTelegram(id, "Position increased"))
      .contains("<b>Side:</b> LONG", "<b>Position size:</b> "
        + new BigDecimal("1.3333").add(added).stripTrailingZeros().toPlainString());
  }

  @Test
  void increaseAdjustmentAddsAQuarterOfTheLong() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));

    String id = harness.adjust(account, "ETH", "increase", "0.25");

    JsonObject entry = onlyOrder(harness.filled(id), "entry");
    assertThat(entry.getString("side")).isEqualTo("buy");
    assertThat(entry.getString("filled_base")).isEqualTo("0.3333");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.6666");
    assertThat(harness.awaitTelegram(id, "Position increased")).contains("<b>Position size:</b> 1.6666");
  }

  @Test
  void decreaseAdjustmentSellsAQuarterOfTheLongReduceOnly() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));

    String id = harness.adjust(account, "ETH", "decrease", "0.25");

    JsonObject reduce = onlyOrder(harness.filled(id), "reduce");
    assertThat(reduce.getString("side")).isEqualTo("sell");
    assertThat(reduce.getString("filled_base")).isEqualTo("0.3333");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.0000");
    assertThat(harness.awaitTelegram(id, "Position reduced"))
      .contains("<b>Side:</b> LONG", "<b>Size:</b> 0.3333", "<b>Position size:</b> 1\n");
  }

  /*
   * Lighter cancels a position's reduce-only orders itself once the position is gone ("canceled-reduce-only"),
   * so the stop-loss is gone too and the service has nothing left to cancel: none of its own cancel
   * transactions may be needed or fail.
   */
  @Test
  void closeSignalFlattensThePositionAndLeavesNoStopBehind() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    Order stopLoss = harness.stopLosses(account, ETH).get(0);

    String id = harness.trade(account, "ETH", "close", null);

    JsonObject status = harness.filled(id);
    JsonObject close = onlyOrder(status, "close");
    assertThat(close.getString("side")).isEqualTo("sell");
    assertThat(close.getString("filled_base")).isEqualTo("1.3333");
    assertThat(status.getString("error_code")).isNull();
    assertThat(harness.position(account, ETH)).isEmpty();
    assertThat(harness.activeOrders(account, ETH)).isEmpty();
    Order gone = harness.ordersByClientIndex(account, List.of(stopLoss.clientOrderIndex())).get(0);
    assertThat(gone.status()).as("stop-loss status").startsWith("canceled");
    assertThat(orders(status, "stop_loss_cancel")).allSatisfy(cancel ->
      assertThat(cancel.getString("state")).isNotEqualTo("rejected"));
    assertThat(harness.awaitTelegram(id, "Position closed"))
      .contains("<b>Side:</b> LONG", "<b>Size:</b> 1.3333", "<b>Realized PnL:</b> -0.79998");
  }

  @Test
  void marketZeroIsAddressedById() {
    TestAccount account = harness.freshAccount();

    String id = harness.submit("/api/trade", new JsonObject().put("account_index", account.index())
      .put("market_id", 0).put("trade_type", "long").put("reference_position_ratio", 0.5));

    JsonObject status = harness.filled(id);
    assertThat(status.getJsonObject("request").getString("symbol")).isEqualTo("ETH");
    assertThat(onlyOrder(status, "entry").getInteger("market_id")).isZero();
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.3333");
    assertThat(harness.awaitTelegram(id, "Position opened")).contains("<b>Market:</b> ETH (id 0)");
  }

  @Test
  void lowercaseSymbolResolvesToTheMarket() {
    TestAccount account = harness.freshAccount();

    String id = harness.trade(account, "eth", "short", "0.5");

    JsonObject status = harness.filled(id);
    assertThat(status.getJsonObject("request").getInteger("market_id")).isZero();
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("-1.3333");
    assertThat(harness.awaitTelegram(id, "Position opened")).contains("<b>Market:</b> ETH (id 0)");
  }

  @Test
  void smallerOppositeSignalOnlyReducesThePosition() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    BigDecimal reduceBy = openSize(account, "0.25");

    String id = harness.trade(account, "ETH", "short", "0.25");

    JsonObject reduce = onlyOrder(harness.filled(id), "reduce");
    assertThat(reduce.getString("side")).isEqualTo("sell");
    assertThat(new BigDecimal(reduce.getString("filled_base"))).isEqualByComparingTo(reduceBy);
    assertThat(harness.signedPosition(account, ETH))
      .isEqualByComparingTo(new BigDecimal("1.3333").subtract(reduceBy)).isPositive();
    assertThat(harness.awaitTelegram(id, "Position reduced")).contains("<b>Side:</b> LONG");
  }

  @Test
  void largerOppositeSignalClosesWithoutFlipping() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.25"));

    String id = harness.trade(account, "ETH", "short", "0.75");

    JsonObject close = onlyOrder(harness.filled(id), "close");
    assertThat(close.getString("side")).isEqualTo("sell");
    assertThat(close.getString("base_amount")).isEqualTo("0.6666");
    assertThat(harness.position(account, ETH)).isEmpty();
    assertThat(harness.awaitTelegram(id, "Position closed")).contains("<b>Side:</b> LONG");
  }
}
