package io.copytrader.lighter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of {@link LighterStream}'s channels can be trusted now, channel by channel: each order book and each
 * account's positions, orders and equity channels. A connection that is up and answering pings says nothing
 * about one channel: the private channels can stall while the books keep flowing.
 *
 * <p>A channel is fresh when it has delivered its subscription snapshot on the current connection and owes
 * nothing. Silence alone cannot mark a channel stale, because Lighter has no per-channel heartbeat and sends on
 * a channel only when its content changes (a quiet account's channels, and the paper exchange's books between
 * price moves, are rightly silent for hours), so a bound on silence would send every trade on an idle account
 * to REST. What does prove a channel behind is a change it should have shown and has not: the caller learns
 * one from REST (a position REST reports after a fill that the stream lacks, an order change that the stream
 * has not shown within its settle window) and marks the channel as {@linkplain #owe owing a frame}. An owing
 * channel is stale until it delivers a frame received after the debt arose, which proves it flowing again, or
 * until a REST read agrees with what it holds ({@link #vouch}), which proves it holds the exchange's state.
 * Order books carry nonces besides: a lost book frame is caught at the next one and resubscribed, and a book
 * being resubscribed is stale until its new snapshot.
 *
 * <p>Written on the stream's context, read from any: each channel's state is an immutable record replaced
 * atomically.
 */
final class ChannelLiveness {

  /**
   * One channel's state.
   *
   * @param heardNanos     when its latest frame arrived; 0 before its snapshot on this subscription
   * @param owedSinceNanos since when it owes a frame; 0 when it owes none
   */
  private record State(long heardNanos, long owedSinceNanos) {

    boolean fresh() {
      return heardNanos != 0 && owedSinceNanos == 0;
    }
  }

  private static final State SUBSCRIBED = new State(0, 0);

  private final Map<String, State> channels = new ConcurrentHashMap<>();

  /** A channel's key: the name Lighter gives it in the frames it sends, {@code kind:id}. */
  static String key(String kind, long id) {
    return kind + ":" + id;
  }

  /** The channel was (re)subscribed: nothing it showed before counts until its new snapshot. */
  void subscribed(String channel) {
    channels.put(channel, SUBSCRIBED);
  }

  /** A frame of the channel was applied: it is flowing, so whatever it owed from before now is settled. */
  void heard(String channel) {
    long now = System.nanoTime();
    channels.computeIfPresent(channel, (name, state) -> new State(now, 0));
  }

  /** The channel missed a change the caller knows of; it is stale until it shows it is flowing or agrees. */
  void owe(String channel) {
    long now = System.nanoTime();
    channels.computeIfPresent(channel, (name, state) -> state.owedSinceNanos() != 0 ? state
      : new State(state.heardNanos(), now));
  }

  /** A REST read agreed with what the channel holds: it owes nothing. */
  void vouch(String channel) {
    channels.computeIfPresent(channel, (name, state) -> state.heardNanos() == 0 ? state
      : new State(state.heardNanos(), 0));
  }

  boolean fresh(String channel) {
    State state = channels.get(channel);
    return state != null && state.fresh();
  }

  /** Whether the channel has delivered a frame after {@code nanos} (a {@link System#nanoTime()} reading). */
  boolean heardSince(String channel, long nanos) {
    State state = channels.get(channel);
    return state != null && state.heardNanos() != 0 && state.heardNanos() - nanos > 0;
  }

  /** Whether the channel, subscribed on the current connection, has delivered its snapshot. */
  boolean confirmed(String channel) {
    State state = channels.get(channel);
    return state != null && state.heardNanos() != 0;
  }

  /** How many subscribed channels are not fresh. */
  int staleCount() {
    return (int) channels.values().stream().filter(state -> !state.fresh()).count();
  }

  /** The connection is gone, and every subscription with it. */
  void clear() {
    channels.clear();
  }
}
