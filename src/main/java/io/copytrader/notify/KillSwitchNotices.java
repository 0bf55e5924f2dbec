package io.copytrader.notify;

import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator messages of the kill switch (texts pinned by KillSwitchNoticesTest). Tripping and clearing are
 * urgent, whoever did it: either changes what the service will trade. An account's line reads {@code #index},
 * as in every other notice.
 */
public final class KillSwitchNotices {

  private KillSwitchNotices() {
  }

  /** @param accountIndex the account it was engaged for, or null for all accounts */
  public static Notice engaged(KillMode mode, Long accountIndex, String reason) {
    List<Line> lines = new ArrayList<>();
    lines.add(scope(accountIndex));
    lines.add(new Line("Mode", mode.wire()));
    lines.add(new Line("Effect", mode == KillMode.FLATTEN
      ? "every position is being closed; openings refused until POST /api/resume"
      : "openings refused until POST /api/resume; exits still pass"));
    lines.add(new Line("Reason", reason));
    return new Notice(Severity.URGENT, "Kill switch engaged", lines);
  }

  /**
   * @param accountIndex the account it was cleared for, or null for all accounts
   * @param now the kill switch after clearing: the account may still be held by the all-accounts mode
   */
  public static Notice cleared(Long accountIndex, KillSwitch now) {
    List<Line> lines = new ArrayList<>();
    lines.add(scope(accountIndex));
    KillMode remaining = accountIndex == null ? KillMode.OFF : now.effectiveMode(accountIndex);
    lines.add(new Line("Now", remaining == KillMode.OFF ? "trading resumed"
      : "still held by the all-accounts kill switch (" + remaining.wire() + ")"));
    return new Notice(Severity.URGENT, "Kill switch cleared", lines);
  }

  /** @param closed each position closed, as "SYMBOL size", or empty when nothing was open */
  public static Notice flattened(long accountIndex, List<String> closed) {
    return new Notice(Severity.INFO, "Account flattened", List.of(
      scope(accountIndex),
      new Line("Closed", closed.isEmpty() ? "nothing was open" : String.join(", ", closed)),
      new Line("Now", "halted: openings refused until POST /api/resume")));
  }

  /**
   * @param stillOpen each position still open, as "SYMBOL size"; empty when the positions could not be read
   * @param problem what went wrong (the closes' outcomes, or why the positions could not be read)
   */
  public static Notice flattenFailed(long accountIndex, List<String> stillOpen, String problem) {
    List<Line> lines = new ArrayList<>();
    lines.add(scope(accountIndex));
    lines.add(new Line("Still open", stillOpen.isEmpty() ? "unknown" : String.join(", ", stillOpen)));
    lines.add(new Line("Problem", problem));
    lines.add(new Line("Now", "halted; POST /api/kill with flatten again retries the closes"));
    return new Notice(Severity.URGENT, "Flatten FAILED: positions still open", lines);
  }

  private static Line scope(Long accountIndex) {
    return accountIndex == null ? new Line("Accounts", "all") : new Line("Account", "#" + accountIndex);
  }
}
