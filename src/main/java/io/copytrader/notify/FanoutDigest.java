package io.copytrader.notify;

import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The notices of one signal's accounts gathered over a window, and the one notice that sums them up for Telegram:
 * the signal, how many accounts reported what, the filled totals, and the accounts that need someone, the URGENT
 * ones first, by name up to {@link #LISTED_ACCOUNTS}. Memory stays bounded whatever the number of accounts: beyond
 * the listed ones only counts are kept (every notice is logged in full as it arrives, by {@link FanoutCoalescer}).
 */
final class FanoutDigest {

  /** Accounts a summary names; the others needing someone are counted. */
  static final int LISTED_ACCOUNTS = 20;
  /** The lines of a notice that say what went wrong, in the order a listed account shows them. */
  private static final List<String> DETAILS = List.of("Code", "Reason", "Problem", "Error", "Last error");
  private static final String POSITION = "Position ";

  private final Fanout fanout;
  private final Map<FanoutOutcome, Integer> counts = new EnumMap<>(FanoutOutcome.class);
  private final Map<String, Integer> fills = new LinkedHashMap<>();
  private final Set<String> accounts = new HashSet<>();
  private final List<Notice> urgent = new ArrayList<>();
  private final List<Notice> warnings = new ArrayList<>();
  private Notice first;
  private int notices;
  private int urgentCount;
  private int warningCount;
  private Severity severity = Severity.INFO;
  private String market;
  private boolean severalMarkets;
  private BigDecimal filledSize = BigDecimal.ZERO;
  private BigDecimal filledValue = BigDecimal.ZERO;

  FanoutDigest(Fanout fanout) {
    this.fanout = Objects.requireNonNull(fanout, "fanout");
  }

  void add(Notice notice) {
    first = first == null ? notice : first;
    notices++;
    severity = notice.severity().compareTo(severity) > 0 ? notice.severity() : severity;
    accounts.add(Objects.requireNonNullElse(notice.value("Account"), "?"));
    FanoutOutcome outcome = FanoutOutcome.of(notice);
    counts.merge(outcome, 1, Integer::sum);
    if (outcome == FanoutOutcome.FILLED) {
      filled(notice);
    }
    market(notice.value("Market"));
    if (notice.severity() == Severity.URGENT) {
      urgentCount++;
      keep(urgent, notice);
    } else if (notice.severity() == Severity.WARNING) {
      warningCount++;
      keep(warnings, notice);
    }
  }

  int notices() {
    return notices;
  }

  /** What Telegram receives for the window: the notice itself when it was the only one, else the summary. */
  Notice summary() {
    if (notices == 1) {
      return first;
    }
    List<Line> lines = new ArrayList<>();
    lines.add(new Line("Signal", fanout.key()));
    if (market != null) {
      lines.add(new Line("Market", severalMarkets ? "several" : market));
    }
    lines.add(new Line("Accounts reporting", accounts.size() + " of " + fanout.accounts()));
    counts.forEach((outcome, count) -> lines.add(new Line(outcome.label(), count + detail(outcome))));
    if (counts.containsKey(FanoutOutcome.FILLED)) {
      lines.add(new Line("Filled size", Notices.amount(filledSize)));
      lines.add(new Line("Filled value", filledValue.setScale(2, RoundingMode.HALF_EVEN).toPlainString()));
    }
    if (urgentCount > 0) {
      lines.add(new Line("Need action now", Integer.toString(urgentCount)));
    }
    if (warningCount > 0) {
      lines.add(new Line("Need a look", Integer.toString(warningCount)));
    }
    List<Notice> listed = Stream.concat(urgent.stream(), warnings.stream()).limit(LISTED_ACCOUNTS).toList();
    listed.forEach(notice -> lines.add(new Line(Objects.requireNonNullElse(notice.value("Account"), "?"),
      listing(notice))));
    int unlisted = urgentCount + warningCount - listed.size();
    if (unlisted > 0) {
      lines.add(new Line("And", unlisted + " more (each in the service log)"));
    }
    return new Notice(severity, "Signal to " + fanout.accounts() + " accounts: " + notices + " notices summed up",
      lines);
  }

  private void filled(Notice notice) {
    if (notice.title().startsWith(POSITION)) {
      fills.merge(notice.title().substring(POSITION.length()), 1, Integer::sum);
    }
    filledSize = filledSize.add(decimal(notice.value("Size")));
    filledValue = filledValue.add(decimal(notice.value("Value")));
  }

  private void market(String value) {
    if (value == null) {
      return;
    }
    if (market == null) {
      market = value;
    } else if (!market.equals(value)) {
      severalMarkets = true;
    }
  }

  private String detail(FanoutOutcome outcome) {
    if (outcome != FanoutOutcome.FILLED || fills.isEmpty()) {
      return "";
    }
    return fills.entrySet().stream().map(kind -> kind.getKey() + " " + kind.getValue())
      .collect(Collectors.joining(", ", " (", ")"));
  }

  /** One listed account: severity, what happened, why, and the request to look up. */
  private static String listing(Notice notice) {
    String why = DETAILS.stream().map(label -> notice.value(label) == null ? null : label + " " + notice.value(label))
      .filter(Objects::nonNull).collect(Collectors.joining("; "));
    String request = notice.value("Request");
    return notice.severity() + " " + notice.title() + (why.isEmpty() ? "" : ": " + why)
      + (request == null ? "" : " (request " + request + ")");
  }

  private static void keep(List<Notice> listed, Notice notice) {
    if (listed.size() < LISTED_ACCOUNTS) {
      listed.add(notice);
    }
  }

  private static BigDecimal decimal(String text) {
    if (text == null) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException notAnAmount) {
      return BigDecimal.ZERO;
    }
  }
}
