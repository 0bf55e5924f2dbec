package io.copytrader.lighter;

/** An account's private channels on {@link LighterStream}, by the kind Lighter names them with. */
public enum AccountChannel {
  POSITIONS("account_all_positions"),
  ORDERS("account_all_orders"),
  STATS("user_stats");

  private final String kind;

  AccountChannel(String kind) {
    this.kind = kind;
  }

  /** The kind in Lighter's channel names: {@code kind/account} to subscribe, {@code kind:account} in frames. */
  public String kind() {
    return kind;
  }

  String key(long accountIndex) {
    return ChannelLiveness.key(kind, accountIndex);
  }
}
