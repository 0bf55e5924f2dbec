package io.copytrader.journal;

import java.math.BigDecimal;

/**
 * A market a follower follows (or waits to follow) its leader in.
 *
 * @param since     when this state began, epoch ms
 * @param lastEvent the leader change last submitted to the follower for this market, null before the first
 * @param target    the target position last submitted, null before the first
 */
public record FollowedMarketRecord(long follower, String leader, int marketId, FollowState state, long since,
                                   String lastEvent, BigDecimal target) {

  public FollowedMarketRecord submitted(String event, BigDecimal submittedTarget) {
    return new FollowedMarketRecord(follower, leader, marketId, state, since, event, submittedTarget);
  }
}
