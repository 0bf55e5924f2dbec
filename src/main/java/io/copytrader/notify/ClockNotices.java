package io.copytrader.notify;

import io.copytrader.lighter.ExchangeClock;
import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** What the operator hears when this node's clock is found off the exchange's, and when it is right again. */
public final class ClockNotices {

  private ClockNotices() {
  }

  /** Urgent: the node is unhealthy until its clock is set right (NTP). */
  public static Notice off(String nodeId, ExchangeClock.Offset offset) {
    return new Notice(Severity.URGENT, "Clock is off the exchange's", List.of(
      new Line("Node", nodeId),
      new Line("Host clock", describe(offset)),
      new Line("Effect", "the node reports unhealthy; a transaction whose answer was lost is settled only once the"
        + " exchange's clock has passed its deadline, and entries may expire before the exchange takes them"),
      new Line("Fix", "set the host's clock right (NTP)")));
  }

  public static Notice back(String nodeId, ExchangeClock.Offset offset) {
    return new Notice(Severity.INFO, "Clock is right again", List.of(
      new Line("Node", nodeId),
      new Line("Host clock", describe(offset))));
  }

  /** The bounds as a reader takes them: "ahead of the exchange's by 29.2 to 30.3 s". */
  static String describe(ExchangeClock.Offset offset) {
    long from = offset.aheadAtLeastMs();
    long to = offset.aheadAtMostMs();
    if (from >= 0) {
      return "ahead of the exchange's by " + seconds(from) + " to " + seconds(to) + " s";
    }
    if (to <= 0) {
      return "behind the exchange's by " + seconds(-to) + " to " + seconds(-from) + " s";
    }
    return "within " + seconds(Math.max(-from, to)) + " s of the exchange's";
  }

  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
