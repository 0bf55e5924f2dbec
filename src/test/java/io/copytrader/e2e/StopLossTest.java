package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.expiredAt;
import static io.copytrader.e2e.TradingHarness.orders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
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

/**
 * The stop-loss every position carries, as it rests on the exchange: where it triggers and fills (entry moved
 * by initial margin fraction × STOP_LOSS_RATIO, limit a further MAX_SLIPPAGE), how it follows the position, and
 * that it does close the position when the price falls through it. That no stop-loss outlives a close is
 * checked with the close itself in {@link PositionTradingTest}. ETH's initial margin fraction is 5% and
 * SOL's 10%, the stop-loss ratio is 0.05 and the slippage 0.01. Tests that move a price use a market no
 * other test in this class trades.
 */
@ExtendWith(VertxExtension.class)
class StopLossTest {

  private static final int BTC = 1;
  private static final int SOL = 2;
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    // Protection runs only at start here: what is checked is what a trade itself leaves.
    harness = TradingHarness.start(vertx, dir, 8, Map.of("PROTECTION_INTERVAL", "3600"));
  }

  private static Order onlyStopLoss(TestAccount account, int marketId) {
    List<Order> stopLosses = harness.stopLosses(account, marketId);
    assertThat(stopLosses).as("stop-loss orders in market %s", marketId).hasSize(1);
    return stopLosses.get(0);
  }

  @Test
  void longCarriesASellStopBelowEntryForTheWholePosition() {
    TestAccount account = harness.freshAccount();

    String id = harness.trade(account, "ETH", "long", "0.5");
    harness.filled(id);

    // entry 3000.30 × (1 - 0.05 × 0.05) = 2992.799…, up to the tick; limit 2992.80 × 0.99 = 2962.872, up
    Order stopLoss = onlyStopLoss(account, ETH);
    assertThat(stopLoss.type()).isEqualTo("stop-loss-limit");
    assertThat(stopLoss.isAsk()).isTrue();
    assertThat(stopLoss.reduceOnly()).isTrue();
    assertThat(stopLoss.timeInForce()).isEqualTo("good-till-time");
    assertThat(stopLoss.triggerPrice()).isEqualByComparingTo("2992.80");
    assertThat(stopLoss.price()).isEqualByComparingTo("2962.88");
    assertThat(stopLoss.remainingBaseAmount()).isEqualByComparingTo("1.3333");
    assertThat(stopLoss.orderExpiry()).isCloseTo(System.currentTimeMillis() + Duration.ofDays(28).toMillis(),
      within(Duration.ofMinutes(5).toMillis()));
    assertThat(harness.awaitTelegram(id, "Stop-loss placed"))
      .contains("<b>Side:</b> LONG", "<b>Trigger:</b> 2992.8", "<b>Size:</b> 1.3333");
  }

  @Test
  void shortCarriesABuyStopAboveEntry() {
    TestAccount account = harness.freshAccount();

    String id = harness.trade(account, "ETH", "short", "0.5");
    JsonObject status = harness.filled(id);

    // entry 2999.70 × (1 + 0.05 × 0.05) = 3007.199…, down to the tick; limit 3007.19 × 1.01 = 3037.2619, down
    Order stopLoss = onlyStopLoss(account, ETH);
    assertThat(stopLoss.isAsk()).isFalse();
    assertThat(stopLoss.triggerPrice()).isEqualByComparingTo("3007.19");
    assertThat(stopLoss.price()).isEqualByComparingTo("3037.26");
    assertThat(stopLoss.remainingBaseAmount()).isEqualByComparingTo("1.3333");
    JsonObject placed = orders(status, "stop_loss_place").get(0);
    assertThat(placed.getString("trigger_price")).isEqualTo("3007.19");
    assertThat(placed.getString("price")).isEqualTo("3037.26");
    assertThat(placed.getLong("client_order_index")).isEqualTo(stopLoss.clientOrderIndex());
    assertThat(harness.awaitTelegram(id, "Stop-loss placed")).contains("<b>Side:</b> SHORT", "<b>Trigger:</b> 3007.19");
  }

  @Test
  void increaseMovesTheSameStopToTheNewEntryAndSize() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "BTC", "long", "0.5"));
    Order before = onlyStopLoss(account, BTC);
    harness.setMid(BTC, "96000.0");

    String id = harness.adjust(account, "BTC", "increase", "0.5");
    JsonObject status = harness.filled(id);

    BigDecimal entry = harness.position(account, BTC).orElseThrow().avgEntryPrice();
    BigDecimal trigger = entry.multiply(new BigDecimal("0.9975")).setScale(1, RoundingMode.CEILING);
    Order after = onlyStopLoss(account, BTC);
    assertThat(after.orderIndex()).as("modified in place, never cancelled").isEqualTo(before.orderIndex());
    assertThat(after.triggerPrice()).isEqualByComparingTo(trigger).isGreaterThan(before.triggerPrice());
    assertThat(after.remainingBaseAmount()).isEqualByComparingTo(harness.position(account, BTC).orElseThrow().position());
    assertThat(orders(status, "stop_loss_modify")).hasSize(1);
    // The stop-loss attached to the increase, merged away once the first one covers the whole position.
    JsonObject attached = orders(status, "stop_loss_place").get(0);
    assertThat(orders(status, "stop_loss_place")).hasSize(1);
    assertThat(orders(status, "stop_loss_cancel")).extracting(order -> order.getLong("client_order_index"))
      .containsExactly(attached.getLong("client_order_index"));
    assertThat(orders(status, "stop_loss_cancel").get(0).getInteger("ordinal"))
      .isGreaterThan(orders(status, "stop_loss_modify").get(0).getInteger("ordinal"));
    assertThat(harness.awaitTelegram(id, "Stop-loss moved")).contains(
      "<b>Trigger:</b> " + trigger.stripTrailingZeros().toPlainString(),
      "<b>Previous trigger:</b> " + before.triggerPrice().stripTrailingZeros().toPlainString());
  }

  @Test
  void decreaseResizesTheShortsStopToTheRemainingPosition() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "short", "0.5"));
    Order before = onlyStopLoss(account, ETH);

    String id = harness.adjust(account, "ETH", "decrease", "0.5");
    JsonObject status = harness.filled(id);

    // 1.3333 × 0.5 = 0.66665, bought back as 0.6666 with a reduce-only buy
    JsonObject reduce = orders(status, "reduce").get(0);
    assertThat(reduce.getString("side")).isEqualTo("buy");
    assertThat(reduce.getString("filled_base")).isEqualTo("0.6666");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("-0.6667");
    Order after = onlyStopLoss(account, ETH);
    assertThat(after.orderIndex()).isEqualTo(before.orderIndex());
    assertThat(after.remainingBaseAmount()).isEqualByComparingTo("0.6667");
    assertThat(after.triggerPrice()).isEqualByComparingTo(before.triggerPrice());
    assertThat(harness.awaitTelegram(id, "Stop-loss resized"))
      .contains("<b>Side:</b> SHORT", "<b>Size:</b> 0.6667", "<b>Previous size:</b> 1.3333");
  }

  @Test
  void priceFallingThroughTheTriggerClosesTheLong() {
    TestAccount account = harness.freshAccount();
    String id = harness.trade(account, "SOL", "long", "0.5");
    harness.filled(id);
    Order stopLoss = onlyStopLoss(account, SOL);
    // entry 150.015 × (1 - 0.10 × 0.05) = 149.264925, up to the tick
    assertThat(stopLoss.triggerPrice()).isEqualByComparingTo("149.265");

    harness.setMid(SOL, "149.000");

    assertThat(harness.position(account, SOL)).isEmpty();
    Order triggered = harness.ordersByClientIndex(account, List.of(stopLoss.clientOrderIndex())).get(0);
    assertThat(triggered.status()).isEqualTo("filled");
    assertThat(triggered.filledBaseAmount()).isEqualByComparingTo("26.666");
    assertThat(harness.activeOrders(account, SOL)).isEmpty();
    assertThat(harness.awaitTelegram(id, "Stop-loss placed")).contains("<b>Trigger:</b> 149.265");
  }

  @Test
  void aLeftoverBuyStopOfAFormerShortIsNotTakenAsTheLongsProtection() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "short", "0.5"));
    Order leftover = onlyStopLoss(account, ETH);
    // Someone turns the 1.3333 short into a 1.3333 long by hand; the service's buy stop stays behind.
    harness.sendDirectly(account, nonce -> new CreateOrderTx(account.index(), 0, ETH, 0, 26_666, 3_100_00, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), nonce,
      TxAttributes.none()));
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.3333");
    assertThat(onlyStopLoss(account, ETH).orderIndex()).isEqualTo(leftover.orderIndex());

    String id = harness.adjust(account, "ETH", "increase", "0.5");
    JsonObject status = harness.filled(id);

    Order stop = onlyStopLoss(account, ETH);
    assertThat(stop.orderIndex()).isNotEqualTo(leftover.orderIndex());
    assertThat(stop.isAsk()).as("a sell stop for the long").isTrue();
    assertThat(stop.reduceOnly()).isTrue();
    assertThat(stop.triggerPrice()).isLessThan(harness.position(account, ETH).orElseThrow().avgEntryPrice());
    assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(harness.position(account, ETH).orElseThrow().position());
    // The stop-loss attached to the increase is the long's only one: moved to cover the whole position. (The
    // direct order above used the account's nonce: the service's first signing was refused and re-signed.)
    List<JsonObject> placed = orders(status, "stop_loss_place").stream()
      .filter(order -> !"rejected".equals(order.getString("state"))).toList();
    JsonObject attached = placed.get(0);
    assertThat(placed).hasSize(1);
    assertThat(stop.clientOrderIndex()).isEqualTo(attached.getLong("client_order_index"));
    assertThat(orders(status, "stop_loss_modify")).extracting(order -> order.getLong("client_order_index"))
      .containsExactly(attached.getLong("client_order_index"));
    assertThat(orders(status, "stop_loss_cancel")).extracting(order -> order.getLong("client_order_index"))
      .containsExactly(leftover.clientOrderIndex());
  }
}
