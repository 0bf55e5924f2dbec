package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.BTC;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/kill} with {@code flatten}: every position of the accounts it holds is closed through the
 * normal trade path, checked on the paper exchange itself, and the accounts stay held; a flatten interrupted by a
 * restart is finished by the next instance without a second close.
 */
@ExtendWith(VertxExtension.class)
class FlattenTest {

  private static final Duration FLAT_TIMEOUT = Duration.ofSeconds(60);

  private TradingHarness harness;

  @BeforeEach
  void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    harness = TradingHarness.start(vertx, dir, 2, Map.of("SHUTDOWN_GRACE", "0"));
  }

  @Test
  void flattenAllClosesEveryPositionOfEveryAccountAndKeepsThemHeld() {
    TestAccount first = accountHolding("ETH long", "BTC short");
    TestAccount second = accountHolding("ETH short");

    JsonObject killSwitch = harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "flatten")
      .put("reason", "drill"));

    assertThat(killSwitch.getString("mode")).isEqualTo("flatten");
    awaitFlat(first, ETH, BTC);
    awaitFlat(second, ETH);
    assertThat(awaitFlattenedNotice(first)).contains("ETH").contains("BTC");
    assertThat(awaitFlattenedNotice(second)).contains("ETH");
    assertThat(harness.stopLosses(first, ETH)).isEmpty();
    assertThat(harness.stopLosses(second, ETH)).isEmpty();
    assertThat(harness.killSwitch().getString("mode")).isEqualTo("flatten");
    assertThat(closeRequests(first)).hasSize(2);
    assertThat(closeRequests(second)).hasSize(1);
  }

  @Test
  void flattenOfOneAccountLeavesTheOtherUntouched() {
    TestAccount first = accountHolding("ETH long");
    TestAccount second = accountHolding("ETH long");
    BigDecimal untouched = harness.signedPosition(second, ETH);

    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "flatten")
      .put("account_index", first.index()));

    awaitFlat(first, ETH);
    awaitFlattenedNotice(first);
    assertThat(harness.signedPosition(second, ETH)).isEqualByComparingTo(untouched).isPositive();
    assertThat(harness.stopLosses(second, ETH)).hasSize(1);
    assertThat(closeRequests(second)).isEmpty();
    assertThat(harness.killSwitch()).isEqualTo(new JsonObject().put("mode", "off")
      .put("accounts", new JsonObject().put(Long.toString(first.index()), "flatten")));
  }

  @Test
  void flattenOfAnAccountWithNothingOpenReportsItFlat() {
    TestAccount first = harness.freshAccount();
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "flatten")
      .put("account_index", first.index()));

    assertThat(awaitFlattenedNotice(first)).contains("nothing was open");
    assertThat(closeRequests(first)).isEmpty();
  }

  @Test
  void flattenRepeatedAfterARestartClosesEachPositionOnce() throws Exception {
    TestAccount first = accountHolding("ETH long");
    // A slow exchange keeps the close in flight when the service stops.
    harness.injectFaults(new JsonObject().put("latency_ms", 400));
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "flatten"));
    eventually("the flatten's close to be accepted", FLAT_TIMEOUT, () -> closeRequests(first),
      closes -> !closes.isEmpty());

    harness.restartService();
    harness.clearFaults();

    awaitFlat(first, ETH);
    awaitFlattenedNotice(first);
    List<JsonObject> closes = closeRequests(first);
    assertThat(closes).hasSize(1);
    assertThat(harness.awaitFinal(closes.get(0).getString("request_id")).getString("state")).isEqualTo("filled");
    assertThat(harness.killSwitch().getString("mode")).isEqualTo("flatten");
  }

  @Test
  void flattenThatCannotReadThePositionsIsUrgentAndFlattenAgainFinishesIt() {
    TestAccount first = accountHolding("ETH long");

    assertThat(flattenThatCannotReadThePositions(first)).contains("URGENT").contains("could not be read");
    assertThat(harness.position(first, ETH)).isPresent();

    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "flatten")
      .put("account_index", first.index()));

    awaitFlat(first, ETH);
    assertThat(awaitFlattenedNotice(first)).contains("ETH");
    assertThat(closeRequests(first)).hasSize(1);
  }

  @Test
  void flattenLeftUndoneIsFinishedByTheNextStart() throws Exception {
    TestAccount first = accountHolding("ETH long");
    flattenThatCannotReadThePositions(first);

    harness.restartService();

    awaitFlat(first, ETH);
    assertThat(awaitFlattenedNotice(first)).contains("ETH");
    assertThat(closeRequests(first)).hasSize(1);
  }

  /**
   * Engages flatten for the account while the exchange refuses to show accounts, and returns the urgent notice
   * of the failure; the exchange is healthy again when it returns.
   */
  private String flattenThatCannotReadThePositions(TestAccount account) {
    harness.injectFaults(new JsonObject().put("error_count", 1_000_000).put("error_path", "/api/v1/account"));
    harness.ok(HttpMethod.POST, "/api/kill", new JsonObject().put("mode", "flatten")
      .put("account_index", account.index()));
    String failed = eventually("account " + account.index() + " reported not flattened", FLAT_TIMEOUT,
      () -> harness.telegramAbout(account, "Flatten FAILED: positions still open"), texts -> !texts.isEmpty())
      .get(0);
    harness.clearFaults();
    return failed;
  }

  /** A fresh account with a filled position for each "SYMBOL long|short". */
  private TestAccount accountHolding(String... positions) {
    TestAccount account = harness.freshAccount();
    for (String position : positions) {
      String[] symbolAndSide = position.split(" ");
      harness.filled(harness.trade(account, symbolAndSide[0], symbolAndSide[1], "0.3"));
    }
    return account;
  }

  private void awaitFlat(TestAccount account, int... markets) {
    for (int market : markets) {
      eventually("account " + account.index() + " to be flat in market " + market, FLAT_TIMEOUT,
        () -> harness.signedPosition(account, market), position -> position.signum() == 0);
    }
  }

  private String awaitFlattenedNotice(TestAccount account) {
    return eventually("account " + account.index() + " reported flattened", FLAT_TIMEOUT,
      () -> harness.telegramAbout(account, "Account flattened"), texts -> !texts.isEmpty()).get(0);
  }

  /** The account's close requests as the service journaled them. */
  private List<JsonObject> closeRequests(TestAccount account) {
    JsonObject page = harness.ok(HttpMethod.GET, "/api/trades?account_index=" + account.index() + "&limit=100",
      null);
    return page.getJsonArray("requests").stream().map(JsonObject.class::cast)
      .filter(request -> "close".equals(request.getJsonObject("request").getString("action")))
      .toList();
  }
}
