package io.copytrader.e2e;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.limits.AccountTier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service within Lighter's REST limits, on the standard tier (60 requests a rolling minute per IP and per L1
 * address), with eight accounts whose protection supervisors would read every second, 16 reads a second in all:
 * what reaches the paper exchange stays within the minute's limit, the periodic reads wait for room, a trade goes
 * ahead of them, and {@code /metrics} shows it; every account is ready once its streams are live. Every assertion
 * on the exchange's counts holds for the first minute of the service, which the class stays within.
 */
@ExtendWith(VertxExtension.class)
class LighterBudgetTest {

  private static final int STANDARD_PER_MINUTE = 60;
  private static final int ACCOUNTS = 8;
  /** The endpoints the service reads without an account's authentication: Lighter counts them against the IP. */
  private static final List<String> IP_PATHS = List.of("/api/v1/account", "/api/v1/orderBooks",
    "/api/v1/orderBookDetails", "/api/v1/orderBookOrders", "/api/v1/nextNonce", "/api/v1/tx");
  /** Those carrying an auth token or a signed transaction: counted against the L1 address. */
  private static final List<String> L1_PATHS = List.of("/api/v1/accountActiveOrders", "/api/v1/accountOrders",
    "/api/v1/sendTx");
  private static TradingHarness harness;
  private static long startedNanos;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    startedNanos = System.nanoTime();
    harness = TradingHarness.start(vertx, dir, ACCOUNTS, Map.of("LIGHTER_ACCOUNT_TIER", "standard",
      "PROTECTION_INTERVAL", "1"));
  }

  @Test
  void periodicReadsOfManyAccountsWaitForRoomRatherThanPassTheMinutesLimit() {
    awaitEveryRoundWaiting();

    JsonObject counts = harness.paperControl(HttpMethod.GET, "/paper/requests", null);
    assertThat(Duration.ofNanos(System.nanoTime() - startedNanos)).as("within the service's first minute")
      .isLessThan(Duration.ofSeconds(55));
    assertThat(sum(counts, IP_PATHS)).as("IP-counted requests: %s", counts).isLessThanOrEqualTo(STANDARD_PER_MINUTE);
    assertThat(sum(counts, L1_PATHS)).as("L1-counted requests: %s", counts).isLessThanOrEqualTo(STANDARD_PER_MINUTE);
    assertThat(bothScopes("delayed_total")).isPositive();
    assertThat(metric("used", "ip")).as("weight, each standard request 400")
      .isLessThanOrEqualTo(AccountTier.STANDARD.weightPerMinute());
  }

  @Test
  void aTradeGoesAheadOfThePeriodicReadsWaiting() {
    TestAccount account = harness.freshAccount();
    awaitEveryRoundWaiting();

    long sendsBefore = harness.exchangeRequests("/api/v1/sendTx");
    long started = System.nanoTime();
    harness.filled(harness.trade(account, "ETH", "long", "0.1"));

    assertThat(harness.exchangeRequests("/api/v1/sendTx")).isGreaterThan(sendsBefore);
    // The waiting rounds need the standard minute to roll (up to 65 s); a trade held behind them would take that.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("signal to fill")
      .isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void a429MakesTheBudgetBackOffAndShrink() {
    double throttledBefore = bothScopes("throttled_total");
    double ipLimit = metric("limit", "ip");
    double l1Limit = metric("limit", "l1_address");
    harness.injectFaults(new JsonObject().put("rate_limit_count", 1));
    try {
      eventually("the 429 seen", Duration.ofSeconds(30), () -> bothScopes("throttled_total"),
        throttled -> throttled > throttledBefore);
    } finally {
      harness.clearFaults();
    }

    assertThat(metric("limit", "ip") + metric("limit", "l1_address")).isLessThan(ipLimit + l1Limit);
  }

  @Test
  void everyAccountIsReadyOnceItsStreamsAreLive() {
    eventually("every account ready", Duration.ofSeconds(30), () -> harness.get("/health").bodyAsJsonObject()
        .getJsonObject("checks").getJsonObject("accounts"),
      accounts -> accounts.fieldNames().stream().filter(name -> !"status".equals(name))
        .allMatch(name -> accounts.getJsonObject(name).getBoolean("ready")));

    assertThat(harness.get("/metrics").bodyAsString()).containsPattern("(?m)^copytrade_accounts_ready 8\\.0$");
  }

  /** Until every account's protection round waits for room: the periodic share of a minute is spent. */
  private static void awaitEveryRoundWaiting() {
    eventually("every account's periodic round waiting for room", Duration.ofSeconds(30),
      () -> bothScopes("waiting"), waiting -> waiting >= ACCOUNTS);
  }

  private static double bothScopes(String name) {
    return metric(name, "ip") + metric(name, "l1_address");
  }

  private static long sum(JsonObject counts, List<String> paths) {
    return paths.stream().mapToLong(path -> counts.getLong(path, 0L)).sum();
  }

  /** {@code copytrade_lighter_budget_<name>{scope="<scope>"}} as {@code /metrics} shows it now. */
  private static double metric(String name, String scope) {
    String metrics = harness.get("/metrics").bodyAsString();
    Matcher value = Pattern.compile("^copytrade_lighter_budget_" + name + "\\{scope=\"" + scope + "\"} (\\S+)$",
      Pattern.MULTILINE).matcher(metrics);
    assertThat(value.find()).as("copytrade_lighter_budget_%s{scope=%s} in /metrics", name, scope).isTrue();
    return Double.parseDouble(value.group(1));
  }
}
