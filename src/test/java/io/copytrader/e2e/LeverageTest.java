package io.copytrader.e2e;

import static io.copytrader.e2e.TradingHarness.ETH;
import static io.copytrader.e2e.TradingHarness.expiredAt;
import static io.copytrader.e2e.TradingHarness.orders;
import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.copytrader.cli.AccountCheck;
import io.copytrader.config.AppConfig;
import io.copytrader.config.ConfigException;
import io.copytrader.e2e.TradingHarness.TestAccount;
import io.copytrader.lighter.AccountPosition;
import io.copytrader.lighter.EnrichedTx;
import io.copytrader.lighter.LighterClient;
import io.copytrader.lighter.LighterClientOptions;
import io.copytrader.lighter.signer.CreateOrderTx;
import io.copytrader.lighter.signer.TxAttributes;
import io.copytrader.lighter.signer.UpdateLeverageTx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leverage the configuration asks for, set on the paper exchange with UpdateLeverage: before the first order in
 * a market (and only when the exchange's fraction differs), at start for a market holding a position, and refused
 * cleanly when the exchange will not take it. ETH on the paper exchange has a 5 % default initial margin (20x) and a
 * 2 % minimum (50x).
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeverageTest {

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);
  /** Ten times the collateral's worth at 20x: at 2x its margin would be far beyond the account's. */
  private static final long LARGE_ETH_TICKS = 10_0000;

  private static TradingHarness harness;
  private static Path journal;

  @BeforeAll
  static void startService(Vertx vertx, @TempDir Path dir) throws Exception {
    JsonObject tenX = new JsonObject().put("leverage", new JsonObject().put("ETH", 10));
    JsonObject twoX = new JsonObject().put("leverage", new JsonObject().put("ETH", 2));
    harness = TradingHarness.start(vertx, dir, List.of(tenX, new JsonObject().put("leverage", 20), twoX, tenX, twoX,
      new JsonObject().put("leverage", 100)), Map.of("PROTECTION_INTERVAL", "3600"));
    journal = dir.resolve("data").resolve("journal.db");
  }

  /** The account's journaled leverage changes: market, fraction, state, request id, tx hash; oldest first. */
  /**
   * The account's changes that reached the exchange's checks. A change the exchange refused 21104 first (a direct
   * send used the nonce the service had read ahead) was re-signed, and its first row is {@code not_sent}.
   */
  private static List<String[]> sentChanges(TestAccount account) {
    return changes(account).stream().filter(row -> !"not_sent".equals(row[2])).toList();
  }

  private static List<String[]> changes(TestAccount account) {
    List<String[]> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
         PreparedStatement select = connection.prepareStatement("SELECT market_id, initial_margin_fraction, state,"
           + " request_id, tx_hash FROM leverage_changes WHERE account_index = ? ORDER BY change_id")) {
      select.setLong(1, account.index());
      try (ResultSet found = select.executeQuery()) {
        while (found.next()) {
          rows.add(new String[] {found.getString(1), found.getString(2), found.getString(3), found.getString(4),
            found.getString(5)});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the journal", e);
    }
    return rows;
  }

  private static BigDecimal fractionShown(TestAccount account) {
    return harness.position(account, ETH).map(AccountPosition::initialMarginFraction).orElse(null);
  }

  private static void buyDirectly(TestAccount account, long baseTicks) {
    harness.sendDirectly(account, nonce -> new CreateOrderTx(account.index(), 0, ETH, 0, baseTicks, 3_100_00, 0,
      CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0, 0, expiredAt(), nonce,
      TxAttributes.none()));
  }

  @Test
  @Order(1)
  void theLeverageIsInForceOnTheExchangeBeforeTheFirstOrderInTheMarket() {
    TestAccount account = harness.account(0);
    // A slow sequencer: an order sent without waiting for the change would be queued before it is applied.
    harness.injectFaults(new JsonObject().put("sequencer_delay_ms", 200));
    JsonObject filled;
    try {
      filled = harness.filled(harness.trade(account, "ETH", "long", "0.5"));
    } finally {
      harness.clearFaults();
    }

    List<String[]> changes = changes(account);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0)).containsExactly("0", "1000", "applied", filled.getString("request_id"),
      changes.get(0)[4]);
    EnrichedTx change = harness.exchangeTx(changes.get(0)[4]);
    EnrichedTx entry = harness.exchangeTx(orders(filled, "entry").get(0).getString("tx_hash"));
    assertThat(change.type()).isEqualTo(UpdateLeverageTx.TX_TYPE);
    assertThat(change.refusal()).isEmpty();
    assertThat(entry.queuedAt()).as("the entry was queued after the change was applied")
      .isGreaterThanOrEqualTo(change.executedAt());
    assertThat(fractionShown(account)).isEqualByComparingTo("10.00");
  }

  @Test
  @Order(2)
  void theStopLossDistanceFollowsTheNewFraction() {
    // entry 3000.30 × (1 − 0.10 × 0.05) = 2985.2985, up to the tick; at the default 20x it would be 2992.80
    assertThat(harness.stopLosses(harness.account(0), ETH)).singleElement()
      .satisfies(stopLoss -> assertThat(stopLoss.triggerPrice()).isEqualByComparingTo("2985.30"));
  }

  @Test
  @Order(3)
  void aLeverageAlreadyInForceIsNotSentAgain() {
    TestAccount increased = harness.account(0);
    harness.filled(harness.adjust(increased, "ETH", "increase", "0.5"));
    assertThat(changes(increased)).as("one change, from the first order").hasSize(1);

    TestAccount preset = harness.account(1);
    harness.sendDirectly(preset, nonce -> new UpdateLeverageTx(preset.index(), 0, ETH, 500,
      UpdateLeverageTx.CROSS_MARGIN, expiredAt(), nonce, TxAttributes.none()));
    harness.filled(harness.trade(preset, "ETH", "long", "0.2"));
    assertThat(changes(preset)).as("the exchange had 20x already").isEmpty();
  }

  @Test
  @Order(4)
  void checkShowsEachMarketsLeverageConfiguredAndOnTheExchange(Vertx vertx) {
    AppConfig config = harness.serviceConfig();
    LighterClient lighter = new LighterClient(vertx, LighterClientOptions.defaults(config.lighter().baseUrl()));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<String> problems = new AccountCheck(config, lighter, new PrintStream(printed, true, StandardCharsets.UTF_8))
      .check().await();
    lighter.close();

    assertThat(problems).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
      "account #7001: leverage setting ETH=10\n",
      "account #7001: ETH leverage configured 10, on the exchange 10x (10.00 %)\n",
      "account #7002: leverage setting 20\n",
      "account #7002: ETH leverage configured 20, on the exchange 20x (5.00 %)\n",
      "account #7003: ETH leverage configured 2, on the exchange the market default\n");
  }

  @Test
  @Order(5)
  void aChangeTheExchangeRefusesEndsTheOpeningRejectedWithNothingSent() {
    TestAccount account = harness.account(2);
    buyDirectly(account, LARGE_ETH_TICKS);

    JsonObject rejected = harness.awaitFinal(harness.adjust(account, "ETH", "increase", "0.1"));

    assertThat(rejected.getString("state")).isEqualTo("rejected");
    assertThat(rejected.getString("error_code")).isEqualTo("LEVERAGE_REFUSED");
    assertThat(rejected.getString("error_message")).contains("leverage 2 for ETH", "LIGHTER_21508");
    assertThat(orders(rejected, "entry")).isEmpty();
    assertThat(harness.signedPosition(account, ETH)).isEqualByComparingTo("10");
    assertThat(fractionShown(account)).isEqualByComparingTo("5.00");
    assertThat(sentChanges(account)).singleElement().satisfies(row -> assertThat(row[2]).isEqualTo("refused"));
    assertThat(harness.awaitTelegram(rejected.getString("request_id"), "Trade rejected")).contains("LEVERAGE_REFUSED");

    // A short against the long only takes exposure off: it goes ahead at the leverage in force, with no change.
    harness.filled(harness.trade(account, "ETH", "short", "0.05"));
    assertThat(harness.signedPosition(account, ETH)).isLessThan(BigDecimal.TEN);
    assertThat(sentChanges(account)).hasSize(1);
  }

  @Test
  @Order(6)
  void atStartAHeldPositionsLeverageIsCorrectedOrTheRefusalWarnedAbout() throws Exception {
    TestAccount correctable = harness.account(3);
    TestAccount tooLarge = harness.account(4);
    TestAccount traded = harness.account(0);
    buyDirectly(correctable, 1_0000);
    buyDirectly(tooLarge, LARGE_ETH_TICKS);
    // Someone sets the service's own position back to 20x behind its back.
    harness.sendDirectly(traded, nonce -> new UpdateLeverageTx(traded.index(), 0, ETH, 500,
      UpdateLeverageTx.CROSS_MARGIN, expiredAt(), nonce, TxAttributes.none()));
    BigDecimal stopBefore = harness.stopLosses(traded, ETH).get(0).triggerPrice();

    harness.restartService();

    eventually("the corrected leverage on the exchange", RUN_TIMEOUT,
      () -> fractionShown(correctable), shown -> shown != null && shown.compareTo(BigDecimal.TEN) == 0);
    List<String[]> corrections = eventually("the correction journaled as applied", RUN_TIMEOUT,
      () -> changes(correctable), rows -> rows.size() == 1 && rows.get(0)[2].equals("applied"));
    assertThat(corrections.get(0)[3]).as("no request: a correction at start").isNull();
    String warning = eventually("a warning", RUN_TIMEOUT,
      () -> harness.telegramAbout(tooLarge, "Leverage not changed"), found -> !found.isEmpty()).get(0);
    assertThat(warning).contains("<b>Configured:</b> 2", "<b>In force:</b> 20x (5.00 %)", "21508");
    assertThat(fractionShown(tooLarge)).isEqualByComparingTo("5.00");
    // The stop of the service's position keeps the distance of the corrected fraction, not of the 20x it found.
    eventually("the service's position back at 10x", RUN_TIMEOUT,
      () -> changes(traded), rows -> rows.size() == 2 && rows.get(1)[2].equals("applied"));
    BigDecimal entry = harness.position(traded, ETH).orElseThrow().avgEntryPrice();
    assertThat(fractionShown(traded)).isEqualByComparingTo("10.00");
    assertThat(harness.stopLosses(traded, ETH)).singleElement().satisfies(stopLoss -> assertThat(
      stopLoss.triggerPrice()).isEqualByComparingTo(stopBefore)
      .isEqualByComparingTo(entry.multiply(new BigDecimal("0.995")).setScale(2, RoundingMode.CEILING)));
    // The service trades on: an exit of the position it could not correct goes through.
    harness.filled(harness.adjust(tooLarge, "ETH", "decrease", "0.5"));
  }

  @Test
  void aLeverageForEveryMarketThatAMarketCannotTakeRefusesTheOpeningThereWithNothingSent() {
    TestAccount account = harness.account(5);

    JsonObject rejected = harness.awaitFinal(harness.trade(account, "ETH", "long", "0.1"));

    assertThat(rejected.getString("state")).isEqualTo("rejected");
    assertThat(rejected.getString("error_code")).isEqualTo("LEVERAGE_REFUSED");
    assertThat(rejected.getString("error_message")).isEqualTo("leverage 100 for ETH is above the market's maximum"
      + " of 50 (its min_initial_margin_fraction is 200); nothing was sent");
    assertThat(orders(rejected, "entry")).isEmpty();
    assertThat(changes(account)).isEmpty();
    assertThat(harness.signedPosition(account, ETH)).isZero();
  }

  @Test
  void aSymbolNoMarketHasOrALeverageAboveTheMarketsMaximumStopsTheStart(Vertx vertx, @TempDir Path dir) {
    assertThatThrownBy(() -> TradingHarness.start(vertx, dir, 1,
        Map.of("LEVERAGE", "{\"NOPE\":5,\"ETH\":60}")))
      .isInstanceOfSatisfying(ConfigException.class, refused -> assertThat(refused.problems()).containsExactly(
        "account #7001: leverage 60 for ETH is above the market's maximum of 50 (its min_initial_margin_fraction"
          + " is 200)",
        "account #7001: leverage is set for NOPE, which is not a market of the exchange"));
  }
}
