package io.copytrader.notify;

import io.copytrader.notify.Notice.Severity;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KillSwitchNoticesTest {

  static Stream<Arguments> everyMessage() {
    KillSwitch globalHalt = new KillSwitch(KillMode.HALT, Map.of());
    return Stream.of(
      Arguments.of(KillSwitchNotices.engaged(KillMode.HALT, null, "runaway source"), Severity.URGENT,
        "Kill switch engaged", "Accounts=all; Mode=halt; "
          + "Effect=openings refused until POST /api/resume; exits still pass; Reason=runaway source"),
      Arguments.of(KillSwitchNotices.engaged(KillMode.FLATTEN, 7L, "daily loss"), Severity.URGENT,
        "Kill switch engaged", "Account=#7; Mode=flatten; "
          + "Effect=every position is being closed; openings refused until POST /api/resume; Reason=daily loss"),
      Arguments.of(KillSwitchNotices.cleared(null, KillSwitch.OFF), Severity.URGENT, "Kill switch cleared",
        "Accounts=all; Now=trading resumed"),
      Arguments.of(KillSwitchNotices.cleared(7L, KillSwitch.OFF), Severity.URGENT, "Kill switch cleared",
        "Account=#7; Now=trading resumed"),
      Arguments.of(KillSwitchNotices.cleared(7L, globalHalt), Severity.URGENT, "Kill switch cleared",
        "Account=#7; Now=still held by the all-accounts kill switch (halt)"),
      Arguments.of(KillSwitchNotices.flattened(7, List.of("ETH 1.5 long", "BTC 0.01 short")), Severity.INFO,
        "Account flattened",
        "Account=#7; Closed=ETH 1.5 long, BTC 0.01 short; Now=halted: openings refused until POST /api/resume"),
      Arguments.of(KillSwitchNotices.flattened(7, List.of()), Severity.INFO, "Account flattened",
        "Account=#7; Closed=nothing was open; Now=halted: openings refused until POST /api/resume"),
      Arguments.of(KillSwitchNotices.flattenFailed(7, List.of("ETH 1.5 long"), "ETH: request r-1 failed"),
        Severity.URGENT, "Flatten FAILED: positions still open", "Account=#7; Still open=ETH 1.5 long; "
          + "Problem=ETH: request r-1 failed; Now=halted; POST /api/kill with flatten again retries the closes"),
      Arguments.of(KillSwitchNotices.flattenFailed(7, List.of(), "timeout"), Severity.URGENT,
        "Flatten FAILED: positions still open", "Account=#7; Still open=unknown; Problem=timeout; "
          + "Now=halted; POST /api/kill with flatten again retries the closes"));
  }

  @ParameterizedTest(name = "{2}: {3}")
  @MethodSource("everyMessage")
  void everyMessageCarriesItsSeverityTitleAndLines(Notice notice, Severity severity, String title, String lines) {
    NoticeExpectations.assertNotice(notice, severity, title, lines);
  }
}
