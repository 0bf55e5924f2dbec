package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Addresses;
import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.notify.Notice;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rail through the HTTP API against the paper exchange, one service for every case, each case on an account
 * of its own whose rails are set in its {@code ACCOUNTS} entry (every other rail wide open). A long at ratio 0.5
 * is 1.3333 ETH (10,000 USDC × 0.5 × 0.8 at mid 3000), signed at the worst price {@link #WORST_PRICE}. The
 * exact boundaries of the loss and time rails are pinned by RailEvaluatorTest; here each is shown to hold.
 */
@ExtendWith(VertxExtension.class)
class RailsTest {

  /** The paper book's best ETH ask (3000.30) plus MAX_SLIPPAGE (1 %), in price ticks: what a long is signed with. */
  static final BigDecimal WORST_PRICE = new BigDecimal("3030.30");
  static final BigDecimal SIZE = new BigDecimal("1.3333");
  static final BigDecimal EQUITY = new BigDecimal("10000");
  /** The long's notional at its worst price, 4041.245633 USD: what the position cap checks. */
  static final BigDecimal NOTIONAL = SIZE.multiply(WORST_PRICE);
  /** The available margin (in % of equity) the long leaves at ETH's 5 % initial margin: 97.979377184 %. */
  static final BigDecimal MARGIN_LEFT = EQUITY.subtract(NOTIONAL.multiply(new BigDecimal("0.05")))
    .multiply(BigDecimal.valueOf(100)).divide(EQUITY);
  private static final BigDecimal STEP = new BigDecimal("0.0001");

  /** The accounts' own rails, by the account's position in the list. */
  private static final List<JsonObject> RAILS = List.of(
    rail("max_position_usd", NOTIONAL.add(STEP)),
    rail("max_position_usd", NOTIONAL),
    rail("max_position_usd", NOTIONAL.subtract(STEP)),
    rail("max_position_usd", new BigDecimal("1")),
    rail("max_leverage", NOTIONAL.add(STEP).divide(EQUITY)),
    rail("max_leverage", NOTIONAL.divide(EQUITY)),
    rail("max_leverage", NOTIONAL.subtract(new BigDecimal("1")).divide(EQUITY)),
    rail("min_available_margin_pct", MARGIN_LEFT.subtract(STEP)),
    rail("min_available_margin_pct", MARGIN_LEFT),
    rail("min_available_margin_pct", MARGIN_LEFT.add(STEP)),
    new JsonObject().put("max_orders_per_day", 2),
    new JsonObject().put("cooldown_seconds", 600),
    new JsonObject().put("dedupe_window_seconds", 600),
    new JsonObject().put("symbol_allowlist", "BTC"),
    new JsonObject().put("max_daily_loss_usd", "0.3"),
    new JsonObject().put("max_drawdown_pct", "0.003"),
    new JsonObject(),
    new JsonObject().put("max_orders_per_day", 1),
    new JsonObject().put("cooldown_seconds", 600),
    new JsonObject().put("max_orders_per_day", 5).put("max_position_usd", "3000"),
    new JsonObject().put("max_orders_per_day", 7),
    new JsonObject().put("max_daily_loss_usd", "0.45"));

  private static TradingHarness harness;
  /** Every notice the service published, as the notifier receives them (Telegram sends one a second). */
  private static final List<Notice> NOTICES = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    vertx.eventBus().<JsonObject>consumer(Addresses.NOTIFY, msg -> NOTICES.add(Notice.fromJson(msg.body())))
      .completion().await();
    // Protection runs, which feed the loss alarms, every 2 s.
    harness = TradingHarness.start(vertx, dir, RAILS, Map.of("SHUTDOWN_GRACE", "0", "PROTECTION_INTERVAL", "2"));
  }

  private static JsonObject rail(String name, BigDecimal value) {
    return new JsonObject().put(name, value.toPlainString());
  }

  /** A cap lets the long through whole, cut to the room left (rounded down to the size step), or not at all. */
  @ParameterizedTest(name = "{0}: {1} {2}")
  @CsvSource({
    "0, max_position, below, filled, pass",
    "1, max_position, at, filled, pass",
    "2, max_position, above, filled, cut",
    "3, max_position, far above, refused, refuse",
    "4, max_leverage, below, filled, pass",
    "5, max_leverage, at, filled, pass",
    "6, max_leverage, above, filled, cut",
    "7, min_available_margin, below, filled, pass",
    "8, min_available_margin, at, filled, pass",
    "9, min_available_margin, above, refused, refuse"})
  void aCapPassesCutsOrRefusesTheOpeningAtItsLimit(int account, String rail, String where, String state,
                                                   String verdict) {
    JsonObject status = harness.awaitFinal(harness.trade(harness.account(account), "ETH", "long", "0.5"));

    assertThat(status.getString("state")).as(status.encodePrettily()).isEqualTo(state);
    assertThat(verdict(status, rail).getString("verdict")).isEqualTo(verdict);
    if (state.equals("refused")) {
      assertThat(status.getString("error_code")).isEqualTo("RAIL_" + rail.toUpperCase(Locale.ROOT));
      assertThat(orders(status, "entry")).isEmpty();
      return;
    }
    JsonObject entry = orders(status, "entry").get(0);
    assertThat(new BigDecimal(entry.getString("price"))).isEqualByComparingTo(WORST_PRICE);
    BigDecimal cap = rail.equals("max_position") ? new BigDecimal(RAILS.get(account).getString("max_position_usd"))
      : new BigDecimal(RAILS.get(account).getString("max_leverage", "0")).multiply(EQUITY);
    BigDecimal expected = verdict.equals("cut") ? cap.divide(WORST_PRICE, 4, RoundingMode.FLOOR) : SIZE;
    assertThat(new BigDecimal(entry.getString("filled_base"))).isEqualByComparingTo(expected);
    assertThat(harness.signedPosition(harness.account(account), ETH)).isEqualByComparingTo(expected);
  }

  @Test
  void ordersPerDayCountOpeningsAndLetExitsThrough() {
    TestAccount account = harness.account(10);
    harness.filled(harness.trade(account, "ETH", "long", "0.1"));
    harness.filled(harness.adjust(account, "ETH", "increase", "0.5"));

    JsonObject third = harness.awaitFinal(harness.adjust(account, "ETH", "increase", "0.5"));

    assertRefused(third, "RAIL_MAX_ORDERS_PER_DAY");
    Notice.Line request = new Notice.Line("Request", third.getString("request_id"));
    List<Notice> notices = eventually("the refusal's notice", Duration.ofSeconds(5),
      () -> NOTICES.stream().filter(notice -> notice.lines().contains(request)).toList(), found -> !found.isEmpty());
    assertThat(notices).singleElement().satisfies(notice -> {
      assertThat(notice.title()).isEqualTo("Trade refused by a rail");
      assertThat(notice.lines()).contains(new Notice.Line("Code", "RAIL_MAX_ORDERS_PER_DAY"));
    });
    harness.filled(harness.adjust(account, "ETH", "decrease", "0.5"));
    harness.filled(harness.trade(account, "ETH", "close", null));
    assertThat(harness.signedPosition(account, ETH)).isZero();
  }

  /**
   * After a long in ETH at ratio 0.1, a second opening within the window is refused: the cooldown refuses any in
   * ETH but not one in BTC; the dedupe window refuses the identical signal but not one at another ratio.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource({"11, RAIL_COOLDOWN, 0.2, BTC, 0.1", "12, RAIL_DEDUPE, 0.1, ETH, 0.11"})
  void aSecondOpeningWithinTheWindowIsRefused(int index, String code, String repeatRatio, String otherSymbol,
                                              String otherRatio) {
    TestAccount account = harness.account(index);
    harness.filled(harness.trade(account, "ETH", "long", "0.1"));

    assertRefused(harness.awaitFinal(harness.trade(account, "ETH", "long", repeatRatio)), code);
    harness.filled(harness.trade(account, otherSymbol, "long", otherRatio));
  }

  @Test
  void aSymbolOutsideTheAllowlistIsRefused() {
    TestAccount account = harness.account(13);

    assertRefused(harness.awaitFinal(harness.trade(account, "ETH", "long", "0.1")), "RAIL_SYMBOL_ALLOWLIST");
    harness.filled(harness.trade(account, "BTC", "long", "0.1"));
  }

  /**
   * Bought at the ask (3000.30) and valued at the mid (3000), the long loses 0.4 USD at once, 0.004 % of equity:
   * beyond both loss limits.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource({"14, RAIL_MAX_DAILY_LOSS", "15, RAIL_MAX_DRAWDOWN"})
  void aLossLimitReachedRefusesOpeningsTripsTheKillSwitchAndLetsExitsThrough(int index, String code) {
    TestAccount account = harness.account(index);
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));

    assertRefused(harness.awaitFinal(harness.trade(account, "BTC", "long", "0.1")), code);
    eventually("the loss rail to trip the account's kill switch", Duration.ofSeconds(15),
      () -> accountRails(account).getString("kill_switch"), "halt"::equals);
    Notice.Line reason = new Notice.Line("Reason", code.substring("RAIL_".length()).toLowerCase(Locale.ROOT)
      + (code.equals("RAIL_MAX_DAILY_LOSS") ? " 0.4 of 0.3" : " 0.004 of 0.003"));
    assertThat(NOTICES).filteredOn(notice -> notice.lines().contains(new Notice.Line("Account", "#" + account.index())))
      .anySatisfy(notice -> assertThat(notice.lines()).contains(new Notice.Line("Mode", "halt"), reason));
    assertRefused(harness.awaitFinal(harness.trade(account, "BTC", "long", "0.2")), "RAIL_KILL_SWITCH");
    harness.filled(harness.trade(account, "ETH", "close", null));
  }

  /**
   * Hundreds of signals in a burst, as from a looping alert: five openings execute, the position stays within
   * its cap, every other opening is refused and nothing is left half done.
   */
  @Test
  void aRunawaySourceIsStoppedWithTheExposureBounded() {
    TestAccount account = harness.account(19);
    List<String> accepted = new ArrayList<>();
    for (int signal = 0; signal < 300; signal++) {
      String ratio = "0.0" + (5 + signal % 5);
      HttpResponse<Buffer> response = harness.post("/api/trade", TradingHarness.tradeBody(account, "ETH", "long",
        ratio));
      assertThat(response.statusCode()).isIn(202, 429);
      if (response.statusCode() == 202) {
        accepted.add(response.bodyAsJsonObject().getString("request_id"));
      }
    }

    List<JsonObject> finals = accepted.stream().map(harness::awaitFinal).toList();
    assertThat(accepted).hasSizeGreaterThan(100);
    assertThat(finals).filteredOn(status -> status.getString("state").equals("filled")).hasSize(5);
    assertThat(finals).filteredOn(status -> !status.getString("state").equals("filled"))
      .allSatisfy(status -> assertThat(status.getString("error_code")).startsWith("RAIL_"));
    assertThat(harness.signedPosition(account, ETH).multiply(WORST_PRICE)).isLessThanOrEqualTo(
      new BigDecimal("3000"));
  }

  @Test
  void theKillSwitchHaltRefusesOpeningsAndLetsExitsThrough() {
    TestAccount account = harness.account(16);
    harness.filled(harness.trade(account, "ETH", "long", "0.1"));
    JsonObject only = new JsonObject().put("account_index", account.index());
    assertThat(harness.post("/api/kill", only.copy().put("mode", "halt")).statusCode()).isEqualTo(200);

    JsonObject refused = harness.awaitFinal(harness.trade(account, "BTC", "long", "0.1"));

    assertRefused(refused, "RAIL_KILL_SWITCH");
    harness.filled(harness.trade(account, "ETH", "close", null));
    assertThat(harness.post("/api/resume", only).statusCode()).isEqualTo(200);
    harness.filled(harness.trade(account, "BTC", "long", "0.1"));
  }

  @Test
  void aRestartKeepsTheDaysOrdersAndTheCooldown() throws Exception {
    TestAccount counted = harness.account(17);
    TestAccount cooling = harness.account(18);
    harness.filled(harness.trade(counted, "ETH", "long", "0.1"));
    harness.filled(harness.trade(cooling, "ETH", "long", "0.1"));

    harness.restartService();

    assertRefused(harness.awaitFinal(harness.trade(counted, "BTC", "long", "0.1")), "RAIL_MAX_ORDERS_PER_DAY");
    assertRefused(harness.awaitFinal(harness.adjust(cooling, "ETH", "increase", "0.5")), "RAIL_COOLDOWN");
    harness.filled(harness.trade(cooling, "ETH", "close", null));
  }

  /** The long's 0.4 USD loss is 89 % of a 0.45 USD limit: one warning, however many protection runs see it. */
  @Test
  void aLossAt80PercentOfItsLimitWarnsOnceAndStillLetsOpeningsThrough(Vertx vertx) {
    TestAccount account = harness.account(21);
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    Notice.Line about = new Notice.Line("Account", "#" + account.index());

    eventually("the loss warning", Duration.ofSeconds(10), () -> warnings(about), found -> !found.isEmpty());
    vertx.timer(5, TimeUnit.SECONDS).await(); // two more protection runs see the same loss

    assertThat(warnings(about)).singleElement().satisfies(notice -> assertThat(notice.lines())
      .contains(new Notice.Line("Rail", "max_daily_loss"), new Notice.Line("Limit", "0.45")));
    harness.filled(harness.trade(account, "BTC", "long", "0.1"));
  }

  private static List<Notice> warnings(Notice.Line about) {
    return NOTICES.stream().filter(notice -> notice.title().equals("Loss limit at 80 %"))
      .filter(notice -> notice.lines().contains(about)).toList();
  }

  @Test
  void anAccountShowsItsRailsAndTodaysCounters() {
    TestAccount account = harness.account(20);
    harness.filled(harness.trade(account, "ETH", "long", "0.5"));

    JsonObject rails = accountRails(account);

    assertThat(rails.getLong("account_index")).isEqualTo(account.index());
    assertThat(rails.getString("kill_switch")).isEqualTo("off");
    assertThat(rails.getJsonObject("limits").getMap()).containsEntry("max_orders_per_day", "7")
      .containsEntry("max_position_usd", "100000000").containsEntry("symbol_allowlist", "*")
      .containsEntry("loss_trip_mode", "halt").hasSize(10);
    JsonObject today = rails.getJsonObject("today");
    assertThat(today.getInteger("opening_orders")).isEqualTo(1);
    assertThat(today.getString("equity_peak")).isEqualTo("10000");
    assertThat(new BigDecimal(today.getString("unrealized_pnl"))).isNegative();
    assertThat(new BigDecimal(today.getString("equity")).add(new BigDecimal(today.getString("realized_pnl"))
      .negate()).subtract(new BigDecimal(today.getString("unrealized_pnl")))).isEqualByComparingTo("10000");
    assertThat(new BigDecimal(today.getString("drawdown_pct"))).isPositive();
  }

  /** The account's part of {@code GET /api/rails/{account_index}}. */
  private static JsonObject accountRails(TestAccount account) {
    HttpResponse<Buffer> response = harness.get("/api/rails/" + account.index());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("accounts").getJsonObject(0);
  }

  private static void assertRefused(JsonObject status, String code) {
    assertThat(status.getString("state")).as(status.encodePrettily()).isEqualTo("refused");
    assertThat(status.getString("error_code")).isEqualTo(code);
    assertThat(orders(status, "entry")).isEmpty();
    assertThat(verdict(status, code.substring("RAIL_".length()).toLowerCase(Locale.ROOT))
      .getString("verdict")).isEqualTo("refuse");
  }

  private static JsonObject verdict(JsonObject status, String rail) {
    return status.getJsonArray("rails").stream().map(JsonObject.class::cast)
      .filter(verdict -> verdict.getString("rail").equals(rail)).findFirst().orElseThrow();
  }
}
