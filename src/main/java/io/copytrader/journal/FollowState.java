package io.copytrader.journal;

/** Whether a follower copies the leader in a market, or waits for the leader's next flat or flip to start. */
public enum FollowState {
  FOLLOWING, WAITING_FLAT;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static FollowState fromWire(String wire) {
    return Wire.parse(FollowState.class, wire);
  }
}
