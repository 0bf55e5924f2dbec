package io.copytrader.notify;

import io.copytrader.notify.Notice.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeaderNoticesTest {

  static Stream<Arguments> everyMessage() {
    return Stream.of(
      Arguments.of(LeaderNotices.copied("whale", 900, List.of("ETH 0 -> 1.5"), List.of("#7 ETH 0.75", "#8 ETH 1.5")),
        Severity.INFO, "Leader change copied", "Leader=whale (#900); Change=ETH 0 -> 1.5; Followers=#7 ETH 0.75, #8 ETH 1.5"),
      Arguments.of(LeaderNotices.copied("whale", 900, List.of("BTC 1 -> 0"), List.of()), Severity.INFO,
        "Leader change copied", "Leader=whale (#900); Change=BTC 1 -> 0; Followers=none follow these markets now"),
      Arguments.of(LeaderNotices.stale("whale", 900, 61_500), Severity.URGENT, "Leader feed stale",
        "Leader=whale (#900); Silent for=61 s; Effect=followers stop opening; exits still pass until a reconcile "
          + "succeeds"),
      Arguments.of(LeaderNotices.resumed("whale", 900), Severity.INFO, "Leader feed back",
        "Leader=whale (#900); Now=reconciled over REST; following resumed"),
      Arguments.of(LeaderNotices.driftCorrected("whale", 7, "ETH", "0", "1.0000", "60.0 %"), Severity.WARNING,
        "Drift corrected", "Leader=whale; Account=#7; Market=ETH; Position=0 -> target 1.0000; Drift=60.0 % of equity"));
  }

  @ParameterizedTest(name = "{2}: {3}")
  @MethodSource("everyMessage")
  void everyMessageCarriesItsSeverityTitleAndLines(Notice notice, Severity severity, String title, String lines) {
    NoticeExpectations.assertNotice(notice, severity, title, lines);
  }
}
