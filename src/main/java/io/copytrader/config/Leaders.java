package io.copytrader.config;

import java.util.List;

/** The leaders to copy, the accounts that follow them, and how the leaders are watched. */
public record Leaders(List<LeaderConfig> leaders, List<FollowerConfig> followers, LeaderFeedSettings feed,
                      boolean paperDemoLeader) {

  public Leaders {
    leaders = List.copyOf(leaders);
    followers = List.copyOf(followers);
  }

  /** The accounts that follow {@code leader}. */
  public List<FollowerConfig> followersOf(String leader) {
    return followers.stream().filter(follower -> follower.leader().equals(leader)).toList();
  }
}
