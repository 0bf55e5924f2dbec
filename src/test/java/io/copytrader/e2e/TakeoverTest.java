package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.BTC;
import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.expiredAt;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.MainVerticle;
import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.Order;
import io.copytrader.lighter.signer.CancelOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.testing.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service instances, each on a Vert.x of its own as two machines would be, share one paper exchange and one
 * PostgreSQL journal. The first owns the account and trades; it dies without releasing anything; the second takes
 * the account over once the lease expires, finishes the request the first left unfinished exactly once, and runs
 * the account's protection.
 */
@ExtendWith(VertxExtension.class)
class TakeoverTest {

  private static final long LEASE_TTL_MS = 3000;
  private static final String SEND_TX = "/api/v1/sendTx";

  private final Vertx first = Vertx.vertx();
  private final Vertx second = Vertx.vertx();

  @AfterEach
  void closeNodes() {
    first.close().await();
    second.close().await();
  }

  @Test
  void aSecondNodeTakesOverACrashedOwnersAccountFinishesItsRequestOnceAndProtectsIt(Vertx vertx, @TempDir Path dir)
    throws Exception {
    PostgresServer postgres = PostgresServer.shared();
    TradingHarness harness = TradingHarness.withoutService(vertx, dir, List.of(new JsonObject()), Map.of(
      "JOURNAL_URL", postgres.url(postgres.freshSchema()), "LEASE_TTL_MS", String.valueOf(LEASE_TTL_MS),
      "SHUTDOWN_GRACE", "0", "PROTECTION_INTERVAL", "3600"), UnaryOperator.identity());
    // The owner waits a minute between attempts, so its request is still running when it dies.
    MainVerticle owner = harness.node(first, Map.of("NODE_ID", "node-a", "RETRY_INTERVAL", "60"));
    MainVerticle standby = harness.node(second, Map.of("NODE_ID", "node-b"));
    TestAccount account = harness.freshAccount();
    assertThat(owned(harness)).isEmpty();
    assertThat(health(harness).getJsonObject("checks").getJsonObject("accounts")
      .getJsonObject(String.valueOf(account.index())).getBoolean("owned_by_this_node")).isFalse();
    harness.talkTo(owner);
    assertThat(owned(harness)).containsExactly(account.index());

    harness.filled(harness.trade(account, "BTC", "long", "0.5"));
    List<Order> stops = harness.stopLosses(account, BTC);
    assertThat(stops).hasSize(1);
    // Refused before processing: the owner's entry is not sent, and it waits to try again.
    harness.injectFaults(new JsonObject().put("rate_limit_count", 1_000_000).put("error_path", SEND_TX));
    long sendsBefore = harness.exchangeRequests(SEND_TX);
    String unfinished = harness.trade(account, "ETH", "long", "0.5");
    eventually("the owner's first attempt refused", Duration.ofSeconds(10),
      () -> harness.exchangeRequests(SEND_TX) > sendsBefore);
    eventually("the owner journaled the refusal", Duration.ofSeconds(10), () -> TradingHarness.orders(
      harness.requestStatus(unfinished), "entry").stream()
      .noneMatch(entry -> "signed".equals(entry.getString("state"))));

    first.close().await();
    long crashed = System.nanoTime();
    harness.clearFaults();
    // While nobody owns the account, its BTC stop-loss goes: the new owner's protection must put one back.
    harness.sendDirectly(account, nonce -> new CancelOrderTx(account.index(), 0, BTC, stops.get(0).orderIndex(),
      expiredAt(), nonce, TxAttributes.none()));
    assertThat(harness.stopLosses(account, BTC)).isEmpty();
    harness.talkTo(standby);

    eventually("the standby owns the account", Duration.ofSeconds(10),
      () -> owned(harness).contains(account.index()));
    assertThat(Duration.ofNanos(System.nanoTime() - crashed))
      .isLessThan(Duration.ofMillis(LEASE_TTL_MS + LEASE_TTL_MS / 5 + 2000));
    JsonObject health = health(harness);
    assertThat(health.getString("node_id")).isEqualTo("node-b");
    assertThat(health.getJsonObject("lease_age_ms").getLong(String.valueOf(account.index())))
      .isBetween(0L, LEASE_TTL_MS);
    JsonObject done = harness.filled(unfinished);
    // The owner's attempt and the one the new owner resumed it with.
    assertThat(done.getInteger("attempts")).isEqualTo(2);
    // The owner's refused entry and the new owner's: only one of them ever reached the exchange.
    List<Long> entries = TradingHarness.orders(done, "entry").stream()
      .map(entry -> entry.getLong("client_order_index")).distinct().toList();
    assertThat(entries).hasSize(2);
    List<Order> onExchange = harness.ordersByClientIndex(account, entries);
    assertThat(onExchange).hasSize(1);
    assertThat(onExchange.get(0).clientOrderIndex()).isEqualTo(entries.get(1));
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo(onExchange.get(0).filledBaseAmount());
    harness.awaitTelegram(unfinished, "Position opened");
    assertThat(harness.telegramFor(unfinished)).filteredOn(text -> text.contains("<b>Position opened</b>")).hasSize(1);
    eventually("the adopted BTC position protected again", Duration.ofSeconds(20),
      () -> harness.stopLosses(account, BTC).size() == 1);
    assertThat(metric(harness, "copytrade_owned_accounts")).isEqualTo("1.0");
    assertThat(Double.parseDouble(metric(harness, "copytrade_lease_age_ms{account=\"" + account.index() + "\"}")))
      .isBetween(0.0, (double) LEASE_TTL_MS);
  }

  private static JsonObject health(TradingHarness harness) {
    return harness.get("/health").bodyAsJsonObject();
  }

  /** The accounts {@code /health} says the node owns. */
  private static List<Long> owned(TradingHarness harness) {
    return health(harness).getJsonArray("owned_accounts").stream().map(index -> ((Number) index).longValue())
      .toList();
  }

  /** The value of the first sample of {@code name} on {@code /metrics}. */
  private static String metric(TradingHarness harness, String name) {
    return harness.get("/metrics").bodyAsString().lines().filter(line -> line.startsWith(name + " "))
      .map(line -> line.substring(name.length() + 1)).findFirst().orElse(null);
  }
}
