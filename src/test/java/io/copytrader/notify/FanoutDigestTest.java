package io.copytrader.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.Side;
import io.copytrader.account.TradeAction;
import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a fan-out summary counts and says, from the notices the accounts of one signal publish. */
class FanoutDigestTest {

  private static final Fanout SIGNAL = new Fanout("webhook:crowd:s-1", 30);
  private static final Fill FILL = new Fill(Side.BUY, new BigDecimal("0.5"), new BigDecimal("3000"));
  private static final StopLoss STOP = new StopLoss(Side.BUY, new BigDecimal("2850"), new BigDecimal("0.5"));

  private static TradeContext account(int index) {
    return TradeContext.of("req-" + index, 7000 + index, "acct" + index, 0, "ETH").inFanout(SIGNAL);
  }

  private static String lines(Notice notice) {
    return notice.lines().stream().map(line -> line.label() + "=" + line.value()).collect(Collectors.joining("; "));
  }

  private static FanoutDigest digest(Stream<Notice> notices) {
    FanoutDigest digest = new FanoutDigest(SIGNAL);
    notices.forEach(digest::add);
    return digest;
  }

  static Stream<Arguments> outcomes() {
    TradeContext one = account(1);
    return Stream.of(
      Arguments.of(Notices.opened(one, FILL), FanoutOutcome.FILLED),
      Arguments.of(Notices.increased(one, FILL, BigDecimal.ONE), FanoutOutcome.FILLED),
      Arguments.of(Notices.reduced(one, FILL, BigDecimal.ONE, null), FanoutOutcome.FILLED),
      Arguments.of(Notices.closed(one, FILL, null), FanoutOutcome.FILLED),
      Arguments.of(Notices.rejected(one, TradeAction.LONG, "NOT_FILLED", "no liquidity"), FanoutOutcome.REJECTED),
      Arguments.of(Notices.refused(one, TradeAction.LONG, "RAIL_COOLDOWN", "too soon", 0), FanoutOutcome.REFUSED),
      Arguments.of(Notices.failedAfterRetries(one, TradeAction.LONG, 3, "503"), FanoutOutcome.FAILED),
      Arguments.of(Notices.outcomeUnknown(one, TradeAction.CLOSE, "no answer"), FanoutOutcome.UNKNOWN),
      Arguments.of(Notices.expired(one, TradeAction.LONG, Duration.ofSeconds(70)), FanoutOutcome.EXPIRED),
      Arguments.of(Notices.stopLossFailed(one, Side.BUY, BigDecimal.ONE, null, "refused"),
        FanoutOutcome.STOP_LOSS_PROBLEM),
      Arguments.of(Notices.stopLossNotAttached(one, "21700", "no groups"), FanoutOutcome.STOP_LOSS_PROBLEM),
      Arguments.of(Notices.stopLossPlaced(one, STOP), FanoutOutcome.PROTECTED),
      Arguments.of(Notices.protectionPairPlaced(one, STOP, new BigDecimal("3300")), FanoutOutcome.PROTECTED),
      Arguments.of(Notices.stopLossRenewed(one, STOP, Instant.EPOCH), FanoutOutcome.OTHER),
      Arguments.of(Notices.leverageUnchanged(one, "5x", "3x", "open position"), FanoutOutcome.OTHER));
  }

  @ParameterizedTest
  @MethodSource("outcomes")
  void eachTradeNoticeCountsAsItsOutcome(Notice notice, FanoutOutcome outcome) {
    assertThat(FanoutOutcome.of(notice)).isEqualTo(outcome);
    assertThat(notice.fanout()).isEqualTo(SIGNAL);
  }

  @Test
  void summaryCountsEveryOutcomeAndTotalsTheFills() {
    Notice summary = digest(Stream.of(
      Notices.opened(account(1), FILL),
      Notices.opened(account(2), FILL),
      Notices.increased(account(3), FILL, BigDecimal.ONE),
      Notices.stopLossPlaced(account(1), STOP),
      Notices.stopLossPlaced(account(2), STOP),
      Notices.rejected(account(4), TradeAction.LONG, "NOT_FILLED", "no liquidity"),
      Notices.refused(account(5), TradeAction.LONG, "RAIL_MAX_POSITION", "over 5000", 0),
      Notices.outcomeUnknown(account(6), TradeAction.LONG, "no answer"))).summary();

    assertThat(summary.severity()).isEqualTo(Severity.URGENT);
    assertThat(summary.title()).isEqualTo("Signal to 30 accounts: 8 notices summed up");
    assertThat(lines(summary)).isEqualTo("Signal=webhook:crowd:s-1; Market=ETH (id 0); Accounts reporting=6 of 30; "
      + "Filled=3 (opened 2, increased 1); Rejected=1; Refused by a rail=1; Outcome unknown=1; Stop-loss placed=2; "
      + "Filled size=1.5; Filled value=4500.00; Need action now=1; Need a look=2; "
      + "acct6 (#7006)=URGENT Trade outcome UNKNOWN: check the account: Problem no answer (request req-6); "
      + "acct4 (#7004)=WARNING Trade rejected: Code NOT_FILLED; Reason no liquidity (request req-4); "
      + "acct5 (#7005)=WARNING Trade refused by a rail: Code RAIL_MAX_POSITION; Reason over 5000 (request req-5)");
  }

  @Test
  void summaryListsAccountsUpToItsBoundAndCountsTheRest() {
    Notice summary = digest(IntStream.rangeClosed(1, 30)
      .mapToObj(i -> Notices.failedAfterRetries(account(i), TradeAction.CLOSE, 3, "HTTP 503"))).summary();

    List<Line> listed = summary.lines().stream().filter(line -> line.label().startsWith("acct")).toList();
    assertThat(listed).hasSize(FanoutDigest.LISTED_ACCOUNTS);
    assertThat(listed.get(0).label()).isEqualTo("acct1 (#7001)");
    assertThat(summary.value("Need action now")).isEqualTo("30");
    assertThat(summary.value("Failed")).isEqualTo("30");
    assertThat(summary.value("And")).isEqualTo("10 more (each in the service log)");
  }

  @Test
  void urgentAccountsAreListedBeforeTheOthers() {
    Notice summary = digest(Stream.concat(
      IntStream.rangeClosed(1, 25).mapToObj(i -> Notices.rejected(account(i), TradeAction.LONG, "X", "y")),
      Stream.of(Notices.stopLossFailed(account(26), Side.BUY, BigDecimal.ONE, null, "refused")))).summary();

    assertThat(summary.lines().stream().filter(line -> line.label().startsWith("acct")).findFirst().orElseThrow()
      .value()).startsWith("URGENT Stop-loss FAILED");
    assertThat(summary.value("And")).isEqualTo("6 more (each in the service log)");
  }

  @Test
  void aWindowOfOneNoticeSendsThatNotice() {
    Notice alone = Notices.opened(account(1), FILL);

    assertThat(digest(Stream.of(alone)).summary()).isEqualTo(alone);
  }

  @Test
  void accountsInSeveralMarketsAreSaidToBe() {
    TradeContext btc = TradeContext.of("req-9", 7009, "acct9", 1, "BTC").inFanout(SIGNAL);

    Notice summary = digest(Stream.of(Notices.opened(account(1), FILL), Notices.opened(btc, FILL))).summary();

    assertThat(summary.value("Market")).isEqualTo("several");
    assertThat(summary.severity()).isEqualTo(Severity.INFO);
  }

  @Test
  void theSignalSurvivesTheBus() {
    Notice notice = Notices.opened(account(1), FILL);

    assertThat(Notice.fromJson(notice.toJson())).isEqualTo(notice);
    assertThat(Notice.fromJson(Notices.opened(TradeContext.of("r", 1, null, 0, "ETH"), FILL).toJson()).fanout())
      .isNull();
  }
}
