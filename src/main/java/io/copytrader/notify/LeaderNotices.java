package io.copytrader.notify;

import io.copytrader.notify.Notice.Line;
import io.copytrader.notify.Notice.Severity;
import java.util.List;

/**
 * The operator messages of copying leaders (texts pinned by LeaderNoticesTest): one per leader change listing every
 * follower's target, not one per follower; a stale feed (urgent: followers stop opening); the feed back; a drift
 * correction. A leader reads {@code name (#index)}, an account {@code #index}, as in every other notice.
 */
public final class LeaderNotices {

  private LeaderNotices() {
  }

  /**
   * @param changes   each market's change, as "ETH 0 -> 1.5"
   * @param followers each follower's targets, as "#1002 ETH 0.75", or why it got none
   */
  public static Notice copied(String leader, long leaderIndex, List<String> changes, List<String> followers) {
    return new Notice(Severity.INFO, "Leader change copied", List.of(
      new Line("Leader", leader + " (#" + leaderIndex + ")"),
      new Line("Change", String.join(", ", changes)),
      new Line("Followers", followers.isEmpty() ? "none follow these markets now" : String.join(", ", followers))));
  }

  public static Notice stale(String leader, long leaderIndex, long silentMs) {
    return new Notice(Severity.URGENT, "Leader feed stale", List.of(
      new Line("Leader", leader + " (#" + leaderIndex + ")"),
      new Line("Silent for", silentMs / 1000 + " s"),
      new Line("Effect", "followers stop opening; exits still pass until a reconcile succeeds")));
  }

  public static Notice resumed(String leader, long leaderIndex) {
    return new Notice(Severity.INFO, "Leader feed back", List.of(
      new Line("Leader", leader + " (#" + leaderIndex + ")"),
      new Line("Now", "reconciled over REST; following resumed")));
  }

  /** @param drift the drift as a percentage of the follower's equity, e.g. "3.2 %" */
  public static Notice driftCorrected(String leader, long follower, String symbol, String actual, String target,
                                      String drift) {
    return new Notice(Severity.WARNING, "Drift corrected", List.of(
      new Line("Leader", leader),
      new Line("Account", "#" + follower),
      new Line("Market", symbol),
      new Line("Position", actual + " -> target " + target),
      new Line("Drift", drift + " of equity")));
  }
}
