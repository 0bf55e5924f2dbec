package io.copytrader.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.account.TradeAction;
import io.copytrader.config.Mode;
import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NoticesTest {

  private static final TradeContext BTC = TradeContext.of("req-42", 7, "alpha", 1, "BTC");
  private static final TradeContext UNNAMED_UNRESOLVED = new TradeContext("req-9", 3, null, null, "DOGE2");
  private static final Fill LONG_FILL = new Fill(Side.BUY, new BigDecimal("0.01500"), new BigDecimal("64250.5"));
  private static final StopLoss LONG_STOP = new StopLoss(Side.BUY, new BigDecimal("61000.0"),
    new BigDecimal("0.015"));

  private static String lines(Notice notice) {
    return notice.lines().stream().map(line -> line.label() + "=" + line.value()).collect(Collectors.joining("; "));
  }

  static Stream<Arguments> everyMessage() {
    String head = "Account=alpha (#7); Market=BTC (id 1); ";
    return Stream.of(
      Arguments.of(Notices.opened(BTC, LONG_FILL), Severity.INFO, "Position opened",
        head + "Side=LONG; Size=0.015; Price=64250.5; Value=963.76; Request=req-42"),
      Arguments.of(Notices.increased(BTC, LONG_FILL, new BigDecimal("0.030")), Severity.INFO, "Position increased",
        head + "Side=LONG; Size=0.015; Price=64250.5; Value=963.76; Position size=0.03; Request=req-42"),
      Arguments.of(Notices.reduced(BTC, LONG_FILL, new BigDecimal("0.015"), new BigDecimal("12.30")), Severity.INFO,
        "Position reduced",
        head + "Side=LONG; Size=0.015; Price=64250.5; Value=963.76; Position size=0.015; Realized PnL=+12.3; "
          + "Request=req-42"),
      Arguments.of(Notices.closed(BTC, LONG_FILL, new BigDecimal("-4.5")), Severity.INFO, "Position closed",
        head + "Side=LONG; Size=0.015; Price=64250.5; Value=963.76; Realized PnL=-4.5; Request=req-42"),
      Arguments.of(Notices.closed(BTC, LONG_FILL, null), Severity.INFO, "Position closed",
        head + "Side=LONG; Size=0.015; Price=64250.5; Value=963.76; Request=req-42"),
      Arguments.of(Notices.stopLossPlaced(BTC, LONG_STOP), Severity.INFO, "Stop-loss placed",
        head + "Side=LONG; Trigger=61000; Size=0.015; Request=req-42"),
      Arguments.of(Notices.stopLossMoved(BTC, new BigDecimal("60000"), LONG_STOP), Severity.INFO, "Stop-loss moved",
        head + "Side=LONG; Trigger=61000; Previous trigger=60000; Size=0.015; Request=req-42"),
      Arguments.of(Notices.stopLossResized(BTC, new BigDecimal("0.03"), LONG_STOP), Severity.INFO,
        "Stop-loss resized", head + "Side=LONG; Trigger=61000; Size=0.015; Previous size=0.03; Request=req-42"),
      Arguments.of(Notices.protectionPairPlaced(BTC, LONG_STOP, new BigDecimal("64000")), Severity.INFO,
        "Stop-loss and take-profit placed",
        head + "Side=LONG; Trigger=61000; Size=0.015; Take-profit trigger=64000; Request=req-42"),
      Arguments.of(Notices.takeProfitCancelled(BTC, LONG_STOP, "a second take-profit"), Severity.INFO,
        "Take-profit cancelled", head + "Side=LONG; Trigger=61000; Size=0.015; Reason=a second take-profit;"
          + " Request=req-42"),
      Arguments.of(Notices.stopLossCancelled(BTC, LONG_STOP, "position closed"), Severity.INFO,
        "Stop-loss cancelled", head + "Side=LONG; Trigger=61000; Size=0.015; Reason=position closed; Request=req-42"),
      Arguments.of(Notices.stopLossFailed(BTC, Side.SELL, new BigDecimal("2"), new BigDecimal("70000"),
          "21104 invalid nonce"), Severity.URGENT, "Stop-loss FAILED: position is unprotected",
        head + "Side=SHORT; Position size=2; Intended trigger=70000; Error=21104 invalid nonce; Request=req-42"),
      Arguments.of(Notices.stopLossFailed(BTC, Side.BUY, null, null, "no price"), Severity.URGENT,
        "Stop-loss FAILED: position is unprotected", head + "Side=LONG; Error=no price; Request=req-42"),
      Arguments.of(Notices.rejected(UNNAMED_UNRESOLVED, TradeAction.LONG, "UNKNOWN_SYMBOL", "no market DOGE2"),
        Severity.WARNING, "Trade rejected",
        "Account=#3; Market=DOGE2; Action=LONG; Code=UNKNOWN_SYMBOL; Reason=no market DOGE2; Request=req-9"),
      Arguments.of(Notices.refused(BTC, TradeAction.LONG, "RAIL_COOLDOWN", "last opening 2 s ago, window 5 s", 0),
        Severity.WARNING, "Trade refused by a rail", head + "Action=LONG; Code=RAIL_COOLDOWN;"
          + " Reason=last opening 2 s ago, window 5 s; Request=req-42"),
      Arguments.of(Notices.refused(BTC, TradeAction.INCREASE, "RAIL_MAX_ORDERS_PER_DAY", "50 today", 12),
        Severity.WARNING, "Trade refused by a rail", head + "Action=INCREASE; Code=RAIL_MAX_ORDERS_PER_DAY;"
          + " Reason=50 today; Also refused=12 since the last notice; Request=req-42"),
      Arguments.of(Notices.leverageUnchanged(BTC, "2", "20x (5.00 %)", "LIGHTER_21508: below initial margin"),
        Severity.WARNING, "Leverage not changed", head + "Configured=2; In force=20x (5.00 %);"
          + " Reason=LIGHTER_21508: below initial margin; Request=req-42"),
      Arguments.of(Notices.lossWarning(7, "alpha", "max_daily_loss", new BigDecimal("401.256"),
          new BigDecimal("500")), Severity.WARNING, "Loss limit at 80 %",
        "Account=alpha (#7); Rail=max_daily_loss; Used=401.26; Limit=500"),
      Arguments.of(Notices.failedAfterRetries(BTC, TradeAction.SHORT, 3, "timeout"), Severity.WARNING,
        "Trade failed after retries", head + "Action=SHORT; Attempts=3; Last error=timeout; Request=req-42"),
      Arguments.of(Notices.failedAfterRetries(BTC, TradeAction.CLOSE, 3, "timeout"), Severity.URGENT,
        "Trade failed after retries", head + "Action=CLOSE; Attempts=3; Last error=timeout; Request=req-42"),
      Arguments.of(Notices.failedAfterRetries(BTC, TradeAction.DECREASE, 2, "503"), Severity.URGENT,
        "Trade failed after retries", head + "Action=DECREASE; Attempts=2; Last error=503; Request=req-42"),
      Arguments.of(Notices.expired(BTC, TradeAction.INCREASE, Duration.ofSeconds(95)), Severity.WARNING,
        "Trade request expired", head + "Action=INCREASE; Waited=1m 35s; Request=req-42"),
      Arguments.of(Notices.lighterDown(2, false, "connection refused"), Severity.URGENT,
        "Lighter is DOWN: trading paused",
        "Reason=consecutive failed health checks; Failed checks=2; Last error=connection refused"),
      Arguments.of(Notices.lighterDown(0, true, null), Severity.URGENT, "Lighter is DOWN: trading paused",
        "Reason=circuit breaker open after repeated exchange failures; Failed checks=0"),
      Arguments.of(Notices.lighterUp(Duration.ofSeconds(3725)), Severity.INFO, "Lighter is back up",
        "Down for=1h 2m 5s"),
      Arguments.of(Notices.lighterUp(null), Severity.INFO, "Lighter is back up", ""),
      Arguments.of(Notices.startup(new StartupSummary(Mode.PAPER,
          List.of(new StartupSummary.Account(7, "alpha", "max_position_usd=5000"),
            new StartupSummary.Account(9, null, "max_position_usd=100")),
          List.of("BTC", "ETH"))), Severity.INFO, "Copy trader started",
        "Mode=PAPER; Accounts=2: alpha (#7), #9; Markets=2 (BTC, ETH); Rails alpha (#7)=max_position_usd=5000;"
          + " Rails #9=max_position_usd=100"),
      Arguments.of(Notices.startup(new StartupSummary(Mode.LIVE, List.of(), List.of())), Severity.INFO,
        "Copy trader started", "Mode=LIVE; Accounts=0; Markets=0"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyMessage")
  void everyMessageCarriesItsSeverityTitleAndLines(Notice notice, Severity severity, String title, String lines) {
    assertThat(notice.severity()).isEqualTo(severity);
    assertThat(notice.title()).isEqualTo(title);
    assertThat(lines(notice)).isEqualTo(lines);
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyMessage")
  void everyMessageSurvivesTheEventBusJson(Notice notice) {
    assertThat(Notice.fromJson(notice.toJson())).isEqualTo(notice);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0,          0",
    "0.000,      0",
    "100,        100",
    "1E+3,       1000",
    "0.00000001, 0.00000001",
    "-2.50,      -2.5",
    "12345678901234567890.123456789, 12345678901234567890.123456789",
  })
  void amountsArePlainWithoutTrailingZeros(BigDecimal value, String shown) {
    assertThat(Notices.amount(value)).isEqualTo(shown);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "5.10,  +5.1",
    "-5.10, -5.1",
    "0.00,  0",
  })
  void pnlShowsItsSign(BigDecimal value, String shown) {
    assertThat(Notices.signed(value)).isEqualTo(shown);
  }

  @Test
  void notionalIsRoundedHalfEvenToTheCent() {
    Notice notice = Notices.opened(BTC, new Fill(Side.SELL, new BigDecimal("1"), new BigDecimal("0.125")));

    assertThat(notice.lines()).contains(new Line("Value", "0.12"));
  }
}
