package io.copytrader.rails;

import static io.copytrader.rails.RailFixtures.BTC;
import static io.copytrader.rails.RailFixtures.ETH;
import static io.copytrader.rails.RailFixtures.NOW;
import static io.copytrader.rails.RailFixtures.dec;
import static io.copytrader.rails.RailFixtures.evaluate;
import static io.copytrader.rails.RailFixtures.limits;
import static io.copytrader.rails.RailFixtures.opening;
import static io.copytrader.rails.RailFixtures.overrides;
import static io.copytrader.rails.RailFixtures.verdictOf;
import static io.copytrader.rails.RailFixtures.windows;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.rails.RailFixtures.State;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RailEvaluatorTest {

  private static final RailLimits DEFAULTS = RailLimits.DEFAULTS;

  @Test
  void anOpeningWithinEveryRailPassesWhole() {
    RailOutcome outcome = evaluate(DEFAULTS, opening("1"), new State());

    assertThat(outcome.refused()).isFalse();
    assertThat(outcome.size()).isEqualByComparingTo("1");
    assertThat(outcome.verdicts()).extracting(RailVerdict::rail).containsExactly(Rail.values());
    assertThat(outcome.verdicts()).extracting(RailVerdict::verdict).containsOnly(Verdict.PASS);
  }

  @ParameterizedTest(name = "{0} opening orders today of 50 -> {1}")
  @CsvSource({"49, PASS", "50, REFUSE", "51, REFUSE"})
  void ordersPerDayStopAtTheLimit(int openingOrders, Verdict expected) {
    State state = new State();
    state.openingOrders = openingOrders;

    assertOnly(evaluate(DEFAULTS, opening("1"), state), Rail.MAX_ORDERS_PER_DAY, expected);
  }

  @ParameterizedTest(name = "realized {0}, unrealized {1} against 500 -> {2}")
  @CsvSource({"-499.99, 0, PASS", "-500, 0, REFUSE", "-500.01, 0, REFUSE", "-300, -199.99, PASS",
    "-300, -200, REFUSE", "100, -600, REFUSE", "-600, 100.01, PASS"})
  void dailyLossCountsRealizedAndUnrealizedUpToTheLimit(String realized, String unrealized, Verdict expected) {
    State state = new State();
    state.realized = dec(realized);
    state.unrealized = dec(unrealized);

    assertOnly(evaluate(DEFAULTS, opening("1"), state), Rail.MAX_DAILY_LOSS, expected);
  }

  @ParameterizedTest(name = "equity {0} from a 10000 peak against 20 % -> {1}")
  @CsvSource({"8000.01, PASS", "8000, REFUSE", "7999.99, REFUSE"})
  void drawdownFromThePeakStopsAtTheLimit(String equity, Verdict expected) {
    State state = new State();
    state.equity = dec(equity);
    state.available = dec("4000");

    assertOnly(evaluate(DEFAULTS, opening("1"), state), Rail.MAX_DRAWDOWN, expected);
  }

  @ParameterizedTest(name = "last opening {0} ms ago, cooldown 5 s -> {1}")
  @CsvSource({"4999, REFUSE", "5000, PASS", "5001, PASS"})
  void cooldownHoldsOpeningsInTheSameMarket(long millisAgo, Verdict expected) {
    State state = new State();
    state.lastOpening.put(ETH, NOW.minusMillis(millisAgo));

    assertOnly(evaluate(DEFAULTS, opening("1"), state), Rail.COOLDOWN, expected);
  }

  @Test
  void cooldownIgnoresOtherMarkets() {
    State state = new State();
    state.lastOpening.put(BTC, NOW);

    assertThat(verdictOf(evaluate(DEFAULTS, opening("1"), state), Rail.COOLDOWN).verdict()).isEqualTo(Verdict.PASS);
  }

  @ParameterizedTest(name = "identical signal {0} ms ago, window 60 s -> {1}")
  @CsvSource({"59999, REFUSE", "60000, PASS", "60001, PASS"})
  void dedupeRefusesAnIdenticalSignalWithinTheWindow(long millisAgo, Verdict expected) {
    State state = new State();
    state.recentSignals.put("fingerprint-1", NOW.minusMillis(millisAgo));

    assertOnly(evaluate(DEFAULTS, opening("1"), state), Rail.DEDUPE, expected);
  }

  @Test
  void zeroDisablesCooldownAndDedupe() {
    State state = new State();
    state.lastOpening.put(ETH, NOW);
    state.recentSignals.put("fingerprint-1", NOW);

    RailOutcome outcome = evaluate(limits(windows(Duration.ZERO, Duration.ZERO)), opening("1"), state);

    assertThat(outcome.refused()).isFalse();
    assertThat(verdictOf(outcome, Rail.DEDUPE).detail()).isEqualTo("disabled (0 s)");
  }

  @ParameterizedTest(name = "position {0}, buy {1} at 2000, cap 5000 -> {2} {3}")
  @CsvSource({
    "0, 2.49, PASS, 2.49",
    "0, 2.5, PASS, 2.5",
    "0, 2.51, CUT, 2.50",
    "1, 3, CUT, 1.50",
    "2.5, 0.01, REFUSE, ",
    "2.499, 0.01, REFUSE, ",
    "-1, 3.5, PASS, 3.5",
    "-1, 3.6, CUT, 3.50"})
  void positionCapCutsToTheRoomLeftAtTheWorstPrice(String position, String size, Verdict expected, String sent) {
    State state = new State().position(ETH, position, "2000");

    RailOutcome outcome = evaluate(limits(overrides(null, "100")), opening(size), state);

    assertThat(verdictOf(outcome, Rail.MAX_POSITION).verdict()).isEqualTo(expected);
    assertThat(outcome.size()).isEqualTo(dec(sent));
  }

  @Test
  void positionCapOfAShortCountsTheSell() {
    State state = new State().position(ETH, "-2", "2000");
    RailRequest sell = RailFixtures.request(TradeIntent.INCREASE, false, "ETH", Side.SELL, "1", "2000");

    RailOutcome outcome = evaluate(DEFAULTS, sell, state);

    assertThat(verdictOf(outcome, Rail.MAX_POSITION).verdict()).isEqualTo(Verdict.CUT);
    assertThat(outcome.size()).isEqualByComparingTo("0.5");
  }

  @ParameterizedTest(name = "BTC notional {0}, buy {1} ETH at 2000, cap 3 x 10000 -> {2} {3}")
  @CsvSource({
    "26000, 1.99, PASS, 1.99",
    "26000, 2, PASS, 2",
    "26000, 2.01, CUT, 2.00",
    "29999, 1, REFUSE, ",
    "30000, 1, REFUSE, "})
  void leverageCapsTotalExposureAfterTheFill(String btcNotional, String size, Verdict expected, String sent) {
    State state = new State().position(BTC, "1", btcNotional);
    state.available = dec("100000");

    RailOutcome outcome = evaluate(limits(overrides("1000000", null)), opening(size), state);

    assertThat(verdictOf(outcome, Rail.MAX_LEVERAGE).verdict()).isEqualTo(expected);
    assertThat(outcome.size()).isEqualTo(dec(sent));
  }

  @Test
  void leverageChecksTheSizeThePositionCapLeft() {
    State state = new State().position(BTC, "1", "27000");

    RailOutcome outcome = evaluate(limits(overrides("4000", null)), opening("3"), state);

    assertThat(verdictOf(outcome, Rail.MAX_POSITION).detail()).endsWith("cut to 2");
    assertThat(verdictOf(outcome, Rail.MAX_LEVERAGE).detail()).endsWith("cut to 1.5");
    assertThat(outcome.size()).isEqualByComparingTo("1.5");
  }

  @ParameterizedTest(name = "available {0}, order margin 100, equity 10000, least 10 % -> {1}")
  @CsvSource({"1099.99, REFUSE", "1100, PASS", "1100.01, PASS"})
  void availableMarginMustStayAboveTheMinimumAfterTheOrder(String available, Verdict expected) {
    State state = new State();
    state.available = dec(available);

    assertOnly(evaluate(DEFAULTS, opening("1"), state), Rail.MIN_AVAILABLE_MARGIN, expected);
  }

  @ParameterizedTest(name = "allowlist {0}, symbol {1} -> {2}")
  @CsvSource(delimiter = ';', value = {"*; DOGE; PASS", "BTC,ETH; ETH; PASS", "btc, eth; ETH; PASS",
    "BTC,ETH; DOGE; REFUSE"})
  void allowlistNamesTheMarketsOpeningsMayTrade(String allowlist, String symbol, Verdict expected) {
    RailLimits limits = limits(new RailOverrides(SymbolAllowlist.parse(allowlist), null, null, null, null, null, null,
      null, null, null));
    RailRequest request = RailFixtures.request(TradeIntent.OPEN, false, symbol, Side.BUY, "1", "2000");

    assertOnly(evaluate(limits, request, new State()), Rail.SYMBOL_ALLOWLIST, expected);
  }

  @ParameterizedTest(name = "kill switch {0} -> {1}")
  @CsvSource({"OFF, PASS", "HALT, REFUSE", "FLATTEN, REFUSE"})
  void killSwitchStopsOpenings(KillMode mode, Verdict expected) {
    RailOutcome outcome = RailEvaluator.evaluate(DEFAULTS, mode, opening("1"), new State().build(), NOW);

    assertOnly(outcome, Rail.KILL_SWITCH, expected);
  }

  @ParameterizedTest(name = "{0} reduce-only={1} under {2} passes every rail")
  @CsvSource({"CLOSE, false, HALT", "DECREASE, false, FLATTEN", "OPEN, true, HALT", "CLOSE, false, OFF"})
  void exitsPassEveryRailEvenWhenAllAreExceeded(TradeIntent intent, boolean reduceOnly, KillMode mode) {
    State state = new State().position(ETH, "10", null);
    state.openingOrders = 1000;
    state.realized = dec("-100000");
    state.equity = dec("1");
    state.available = BigDecimal.ZERO;
    state.lastOpening.put(ETH, NOW);
    state.recentSignals.put("fingerprint-1", NOW);
    RailLimits onlyBtc = limits(new RailOverrides(SymbolAllowlist.parse("BTC"), null, null, null, null, null, null,
      null, null, null));
    RailRequest exit = RailFixtures.request(intent, reduceOnly, "ETH", Side.SELL, "10", null);

    RailOutcome outcome = RailEvaluator.evaluate(onlyBtc, mode, exit, state.build(), NOW);

    assertThat(outcome.size()).isEqualByComparingTo("10");
    assertThat(outcome.verdicts()).hasSize(Rail.values().length).extracting(RailVerdict::verdict)
      .containsOnly(Verdict.PASS);
  }

  @Test
  void aMissingWorstPriceRefusesTheCapsAndTheMargin() {
    RailRequest unpriced = RailFixtures.request(TradeIntent.OPEN, false, "ETH", Side.BUY, "1", null);

    RailOutcome outcome = evaluate(DEFAULTS, unpriced, new State());

    assertThat(outcome.errorCode()).isEqualTo("RAIL_MAX_POSITION");
    assertThat(outcome.verdicts()).filteredOn(verdict -> verdict.verdict() == Verdict.REFUSE)
      .extracting(RailVerdict::rail)
      .containsExactly(Rail.MAX_POSITION, Rail.MAX_LEVERAGE, Rail.MIN_AVAILABLE_MARGIN);
  }

  @Test
  void aPositionWithoutAMarkPriceRefusesLeverage() {
    RailOutcome outcome = evaluate(DEFAULTS, opening("1"), new State().position(BTC, "1", null));

    assertThat(outcome.errorCode()).isEqualTo("RAIL_MAX_LEVERAGE");
    assertThat(outcome.refusal()).isEqualTo("no mark price for the position in market 1");
  }

  @Test
  void missingAccountFiguresRefuseTheRailsThatNeedThem() {
    State state = new State();
    state.equity = null;
    state.realized = null;

    RailOutcome outcome = evaluate(DEFAULTS, opening("1"), state);

    assertThat(outcome.errorCode()).isEqualTo("RAIL_MAX_DAILY_LOSS");
    assertThat(outcome.verdicts()).filteredOn(verdict -> verdict.verdict() == Verdict.REFUSE)
      .extracting(RailVerdict::rail)
      .containsExactly(Rail.MAX_DAILY_LOSS, Rail.MAX_DRAWDOWN, Rail.MAX_LEVERAGE, Rail.MIN_AVAILABLE_MARGIN);
  }

  @Test
  void theFirstRefusingRailNamesTheRefusal() {
    State state = new State();
    state.openingOrders = 50;

    RailOutcome outcome = RailEvaluator.evaluate(DEFAULTS, KillMode.HALT, opening("1"), state.build(), NOW);

    assertThat(outcome.size()).isNull();
    assertThat(outcome.errorCode()).isEqualTo("RAIL_KILL_SWITCH");
    assertThat(outcome.refusal()).isEqualTo("kill switch halt refuses openings");
  }

  /** {@code rail} gave {@code expected} and decided the outcome; every other rail passed. */
  private static void assertOnly(RailOutcome outcome, Rail rail, Verdict expected) {
    assertThat(verdictOf(outcome, rail).verdict()).isEqualTo(expected);
    assertThat(outcome.verdicts()).filteredOn(verdict -> verdict.rail() != rail).extracting(RailVerdict::verdict)
      .containsOnly(Verdict.PASS);
    assertThat(outcome.refused()).isEqualTo(expected == Verdict.REFUSE);
    if (expected == Verdict.REFUSE) {
      assertThat(outcome.errorCode()).isEqualTo(rail.code());
    }
  }
}
