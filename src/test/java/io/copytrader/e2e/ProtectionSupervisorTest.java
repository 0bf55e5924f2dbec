package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.expiredAt;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.limits.AccountTier;
import io.copytrader.paper.limits.RateLimits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protection supervisor against the paper exchange, running every second: what others do to an account's
 * stop-losses behind the service's back is put right by the next run, positions the service did not open are
 * reported (the default {@code PROTECT_EXTERNAL_POSITIONS=report}), stops near expiry are renewed, and a stop
 * the exchange does not show resting never counts as placed. The test moving a price uses SOL, which no other
 * test in this class trades.
 */
@ExtendWith(VertxExtension.class)
class ProtectionSupervisorTest {

  private static final int SOL = 2;
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);
  private static TradingHarness harness;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    // A protection run a second for each of 5 accounts reads far more than a premium IP's minute holds (80 reads
    // of weight 300): the builder tier's 800 leave the runs unthrottled, on the exchange and in the service's budget.
    harness = TradingHarness.start(vertx, dir, Collections.nCopies(5, new JsonObject()),
      Map.of("PROTECTION_INTERVAL", "1", "LIGHTER_ACCOUNT_TIER", "builder"),
      paper -> paper.withRateLimits(RateLimits.lighter().withDefaultTier(AccountTier.BUILDER)));
  }

  private static Order onlyStopLoss(TestAccount account, int marketId) {
    List<Order> stopLosses = harness.stopLosses(account, marketId);
    assertThat(stopLosses).as("stop-loss orders in market %s", marketId).hasSize(1);
    return stopLosses.get(0);
  }

  /** The protection run that sent an order with this client order index. */
  private static Optional<JsonObject> runThatSent(TestAccount account, String purpose, long clientOrderIndex) {
    return harness.protectionRuns(account).stream()
      .filter(run -> orders(run, purpose).stream()
        .anyMatch(order -> order.getLong("client_order_index") == clientOrderIndex))
      .findFirst();
  }

  @Test
  void aStopLossCancelledBehindTheServicesBackIsPlacedAgainByTheNextRun() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    Order original = onlyStopLoss(account, ETH);

    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, ETH, original.orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));

    List<Order> replaced = eventually("a new stop-loss in place of the cancelled one", RUN_TIMEOUT,
      () -> harness.stopLosses(account, ETH),
      stops -> stops.size() == 1 && stops.get(0).orderIndex() != original.orderIndex());
    Order stop = replaced.get(0);
    assertThat(stop.status()).isEqualTo("pending");
    assertThat(stop.isAsk()).isTrue();
    assertThat(stop.reduceOnly()).isTrue();
    assertThat(stop.triggerPrice()).isEqualByComparingTo(original.triggerPrice());
    assertThat(stop.remainingBaseAmount()).isEqualByComparingTo(harness.position(account, ETH).orElseThrow().position());
    JsonObject run = eventually("the run to finish", RUN_TIMEOUT,
      () -> runThatSent(account, "stop_loss_place", stop.clientOrderIndex()),
      found -> found.isPresent() && !found.get().getString("state").equals("executing")).orElseThrow();
    assertThat(run.getString("state")).isEqualTo("completed");
    assertThat(harness.awaitTelegram(run.getString("request_id"), "Stop-loss placed"))
      .contains("<b>Trigger:</b> " + original.triggerPrice().stripTrailingZeros().toPlainString());
  }

  @Test
  void aPositionOpenedOutsideTheServiceIsReportedAndLeftWithoutAStop() {
    TestAccount account = harness.freshAccount();

    harness.sendDirectly(account, nonce -> new CreateOrderTx(account.index(), 0, ETH, 0, 10_000, 3_100_00, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), nonce,
      TxAttributes.none()));

    String report = eventually("a report of the position", RUN_TIMEOUT,
      () -> harness.telegramAbout(account, "Position not opened by the service"), found -> !found.isEmpty()).get(0);
    assertThat(report).contains("<b>Side:</b> LONG", "<b>Position size:</b> 1");
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("1.0000");
    assertThat(harness.stopLosses(account, ETH)).isEmpty();
    assertThat(harness.protectionRuns(account)).singleElement().satisfies(run -> {
      assertThat(run.getString("state")).isEqualTo("completed");
      assertThat(run.getJsonArray("orders")).isEmpty();
    });
  }

  @Test
  void aStopLossNearItsExpiryIsReplacedBeforeTheOldOneIsCancelled() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "short", "0.5"));
    Order original = onlyStopLoss(account, ETH);
    // The service's own stop as it would be three weeks and six days after it was placed: same client order
    // index, trigger and size, expiring in a day. No run can read the orders while it is swapped in.
    long expiresSoon = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
    harness.injectFaults(new JsonObject().put("error_count", 1_000_000)
      .put("error_path", "/api/v1/accountActiveOrders"));
    try {
      harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, ETH, original.orderIndex(),
        expiredAt(), nonce, TxAttributes.none()));
      harness.sendDirectly(account, nonce -> new CreateOrderTx(account.index(), 0, ETH, original.clientOrderIndex(),
        original.remainingBaseAmount().movePointRight(4).longValueExact(),
        original.price().movePointRight(2).longValueExact(), 0, CreateOrderTx.TYPE_STOP_LOSS_LIMIT,
        CreateOrderTx.TIF_GOOD_TILL_TIME, 1, original.triggerPrice().movePointRight(2).longValueExact(), expiresSoon,
        expiredAt(), nonce, TxAttributes.none()));
    } finally {
      harness.clearFaults();
    }

    Order renewed = eventually("a renewed stop-loss", RUN_TIMEOUT, () -> harness.stopLosses(account, ETH),
      stops -> stops.size() == 1 && stops.get(0).clientOrderIndex() != original.clientOrderIndex()).get(0);

    assertThat(renewed.orderExpiry()).isCloseTo(System.currentTimeMillis() + Duration.ofDays(28).toMillis(),
      within(Duration.ofMinutes(5).toMillis()));
    assertThat(renewed.triggerPrice()).isEqualByComparingTo(original.triggerPrice());
    assertThat(renewed.remainingBaseAmount()).isEqualByComparingTo(original.remainingBaseAmount());
    assertThat(renewed.isAsk()).isFalse();
    JsonObject run = eventually("the run to finish", RUN_TIMEOUT,
      () -> runThatSent(account, "stop_loss_place", renewed.clientOrderIndex()),
      found -> found.isPresent() && !found.get().getString("state").equals("executing")).orElseThrow();
    assertThat(run.getString("state")).isEqualTo("completed");
    // A place may be signed twice (the nonces moved behind the service's back); the cancel comes after it.
    assertThat(run.getJsonArray("orders")).extracting(order -> ((JsonObject) order).getString("purpose"))
      .as("the new stop first, then the old one cancelled").containsOnly("stop_loss_place", "stop_loss_cancel")
      .endsWith("stop_loss_cancel").containsOnlyOnce("stop_loss_cancel");
    assertThat(harness.ordersByClientIndex(account, List.of(original.clientOrderIndex())))
      .allSatisfy(order -> assertThat(order.status()).startsWith("canceled"));
    assertThat(harness.awaitTelegram(run.getString("request_id"), "Stop-loss renewed")).contains("<b>Side:</b> SHORT");
  }

  @Test
  void aStopLossPlacedWhenThePriceIsPastItsTriggerClosesThePositionAsItFires() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "SOL", "long", "0.5"));
    Order original = onlyStopLoss(account, SOL);
    // The price gaps through the stop and below its limit (149.265 × 0.99 = 147.77). Cancelled then, a stop at the
    // same trigger fires as it arrives: with a limit from the trigger it would rest as a sell nobody takes.
    harness.setMid(SOL, "140.000");
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, SOL, original.orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));

    eventually("the position closed by the new stop-loss", RUN_TIMEOUT, () -> harness.position(account, SOL),
      Optional::isEmpty);
    long placed = eventually("a protection run that placed a stop-loss", RUN_TIMEOUT,
      () -> harness.protectionRuns(account).stream().flatMap(run -> orders(run, "stop_loss_place").stream())
        .map(order -> order.getLong("client_order_index")).findFirst(), Optional::isPresent).orElseThrow();
    Order fired = harness.ordersByClientIndex(account, List.of(placed)).get(0);
    assertThat(fired.status()).isEqualTo("filled");
    assertThat(fired.price()).isLessThan(new BigDecimal("140"));
    assertThat(harness.telegramAbout(account, "Stop-loss FAILED: position is unprotected")).isEmpty();
  }

  @Test
  void aProtectionRunAndTheAccountsRequestsNeverRunAtOnce() {
    TestAccount account = harness.freshAccount();
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    Order original = onlyStopLoss(account, ETH);

    // The ETH stop cancelled behind the service's back gives a run work, while BTC requests arrive: one waits for
    // the other, whichever comes first.
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, ETH, original.orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));
    List<String> requests = List.of(harness.trade(account, "BTC", "long", "0.2"),
      harness.trade(account, "BTC", "long", "0.2"));
    requests.forEach(harness::filled);
    Order replaced = eventually("a new ETH stop-loss", RUN_TIMEOUT, () -> harness.stopLosses(account, ETH),
      stops -> stops.size() == 1 && stops.get(0).orderIndex() != original.orderIndex()).get(0);
    JsonObject run = eventually("the run placing it", RUN_TIMEOUT,
      () -> runThatSent(account, "stop_loss_place", replaced.clientOrderIndex()),
      found -> found.isPresent() && !found.get().getString("state").equals("executing")).orElseThrow();
    assertThat(run.getString("state")).isEqualTo("completed");

    JsonObject page = harness.get("/api/trades?account_index=" + account.index() + "&limit=100").bodyAsJsonObject();
    List<long[]> spans = page.getJsonArray("requests").stream().map(listed -> (JsonObject) listed)
      .filter(request -> request.getString("finished_at") != null)
      .map(request -> new long[] {Instant.parse(request.getString("started_at")).toEpochMilli(),
        Instant.parse(request.getString("finished_at")).toEpochMilli()})
      .sorted(Comparator.comparingLong(span -> span[0])).toList();
    assertThat(spans).hasSizeGreaterThanOrEqualTo(4);
    for (int i = 1; i < spans.size(); i++) {
      assertThat(spans.get(i)[0]).as("request %s starts after the one before finished", i)
        .isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
    }
    assertThat(onlyStopLoss(account, 1).remainingBaseAmount())
      .isEqualByComparingTo(harness.position(account, 1).orElseThrow().position());
  }
}
