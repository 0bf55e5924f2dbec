package io.copytrader.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one account's notice says became of its share of a signal, as a fan-out summary counts it. Read from the
 * notice's title, which {@link Notices} sets and NoticesTest pins; a notice of any other title counts as
 * {@link #OTHER}.
 */
enum FanoutOutcome {
  FILLED("Filled", "Position opened", "Position increased", "Position reduced", "Position closed"),
  REJECTED("Rejected", "Trade rejected"),
  REFUSED("Refused by a rail", "Trade refused by a rail"),
  FAILED("Failed", "Trade failed after retries"),
  UNKNOWN("Outcome unknown", "Trade outcome UNKNOWN: check the account"),
  EXPIRED("Expired", "Trade request expired"),
  STOP_LOSS_PROBLEM("Stop-loss problems", "Stop-loss FAILED: position is unprotected",
    "Stop-loss not attached: entries go in two steps"),
  PROTECTED("Stop-loss placed", "Stop-loss placed", "Stop-loss and take-profit placed"),
  OTHER("Other notices");

  private static final Map<String, FanoutOutcome> BY_TITLE = Arrays.stream(values())
    .flatMap(outcome -> outcome.titles.stream().map(title -> Map.entry(title, outcome)))
    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final String label;
  private final List<String> titles;

  FanoutOutcome(String label, String... titles) {
    this.label = label;
    this.titles = List.of(titles);
  }

  /** How the summary's line for this outcome is labelled. */
  String label() {
    return label;
  }

  static FanoutOutcome of(Notice notice) {
    return notice.title() == null ? OTHER : BY_TITLE.getOrDefault(notice.title(), OTHER);
  }
}
