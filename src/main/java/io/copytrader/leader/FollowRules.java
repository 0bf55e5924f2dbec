package io.copytrader.leader;

import io.copytrader.journal.FollowState;
import java.math.BigDecimal;

/**
 * When a follower copies a leader's market. A market the leader already holds when the follower starts is copied at
 * once with {@code copy_existing}, otherwise it waits for the leader's next flat (from which every change is copied)
 * or flip (which is copied): the follower never enters a position midway that it did not see opened.
 */
final class FollowRules {

  /** What a leader change does to a follower's market: its state after, and whether it gets a new target. */
  record Step(FollowState state, boolean submit) {
  }

  private FollowRules() {
  }

  /** The state of a market the leader holds {@code size} of when the follower starts following. */
  static FollowState atStart(boolean copyExisting, BigDecimal size) {
    return copyExisting || size.signum() == 0 ? FollowState.FOLLOWING : FollowState.WAITING_FLAT;
  }

  /**
   * The leader's position in the market went from {@code before} to {@code after}.
   *
   * @param current the follower's state in the market, null when it has none (the leader was flat there)
   */
  static Step onChange(FollowState current, BigDecimal before, BigDecimal after) {
    boolean changed = before.compareTo(after) != 0;
    if (current != FollowState.WAITING_FLAT) {
      return new Step(FollowState.FOLLOWING, changed);
    }
    if (after.signum() == 0) {
      return new Step(FollowState.FOLLOWING, false);
    }
    boolean flipped = before.signum() * after.signum() < 0;
    return new Step(flipped ? FollowState.FOLLOWING : FollowState.WAITING_FLAT, flipped);
  }
}
