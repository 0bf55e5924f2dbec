package io.copytrader.paper.limits;

import io.copytrader.lighter.limits.RollingMinute;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Lighter's WebSocket limits per IP ({@link StreamLimits}): open connections, subscriptions per connection, client
 * frames in a rolling minute, frames in flight (received, not yet answered) and different accounts followed. A
 * refused connection, frame or subscription counts for nothing. Not thread-safe: confined to the exchange's context.
 */
public final class StreamLimiter {

  private static final int MESSAGE_COST = 1;

  /** One IP's use. */
  private static final class IpUse {
    int connections;
    int inflight;
    final RollingMinute messages = new RollingMinute();
    /** The accounts its account channels follow, with how many subscriptions follow each. */
    final Map<Long, Integer> accounts = new HashMap<>();

    boolean idle(long now) {
      return connections == 0 && inflight == 0 && accounts.isEmpty() && messages.used(now) == 0;
    }
  }

  private final StreamLimits limits;
  private final LongSupplier clock;
  private final Map<String, IpUse> byIp = new HashMap<>();

  public StreamLimiter(StreamLimits limits, LongSupplier clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** A new connection from {@code ip}: empty when it may stay open (then it counts until {@link #closed}). */
  public Optional<LimitRefusal> connect(String ip) {
    IpUse use = use(ip);
    if (use.connections >= limits.connections()) {
      return Optional.of(LimitRefusal.TOO_MANY_CONNECTIONS);
    }
    use.connections++;
    return Optional.empty();
  }

  /** An admitted connection closed. */
  public void closed(String ip) {
    IpUse use = use(ip);
    use.connections = Math.max(0, use.connections - 1);
  }

  /**
   * A counted client frame from {@code ip}: empty when it may be handled (then it is in flight until
   * {@link #answered}).
   */
  public Optional<LimitRefusal> message(String ip) {
    IpUse use = use(ip);
    if (use.inflight >= limits.inflightMessages()) {
      return Optional.of(LimitRefusal.TOO_MANY_INFLIGHT);
    }
    if (!use.messages.tryCharge(MESSAGE_COST, limits.messagesPerMinute(), clock.getAsLong())) {
      return Optional.of(LimitRefusal.TOO_MANY_MESSAGES);
    }
    use.inflight++;
    return Optional.empty();
  }

  /** An admitted frame was answered. */
  public void answered(String ip) {
    IpUse use = use(ip);
    use.inflight = Math.max(0, use.inflight - 1);
  }

  /**
   * A subscription on a connection already following {@code connectionSubscriptions} channels, to a channel of
   * {@code account} (negative for a market's): empty when it may be held (then it counts until
   * {@link #unsubscribed}).
   */
  public Optional<LimitRefusal> subscribe(String ip, int connectionSubscriptions, long account) {
    if (connectionSubscriptions >= limits.subscriptionsPerConnection()) {
      return Optional.of(LimitRefusal.TOO_MANY_SUBSCRIPTIONS);
    }
    if (account < 0) {
      return Optional.empty();
    }
    IpUse use = use(ip);
    if (!use.accounts.containsKey(account) && use.accounts.size() >= limits.accounts()) {
      return Optional.of(LimitRefusal.TOO_MANY_DIFFERENT_ACCOUNTS);
    }
    use.accounts.merge(account, 1, Integer::sum);
    return Optional.empty();
  }

  /** A held subscription ended (unsubscribed or its connection closed). */
  public void unsubscribed(String ip, long account) {
    if (account >= 0) {
      use(ip).accounts.computeIfPresent(account, (key, count) -> count > 1 ? count - 1 : null);
    }
  }

  /** Per IP in use: open connections, frames in the last minute, in flight, different accounts followed. */
  public Map<String, Usage> usage() {
    long now = clock.getAsLong();
    byIp.entrySet().removeIf(entry -> entry.getValue().idle(now));
    Map<String, Usage> usage = new TreeMap<>();
    byIp.forEach((ip, use) -> usage.put(ip, new Usage(use.connections, use.messages.used(now), use.inflight,
      use.accounts.size())));
    return usage;
  }

  /** One IP's use of the WebSocket's limits. */
  public record Usage(int connections, long messagesLastMinute, int inflight, int accounts) {
  }

  private IpUse use(String ip) {
    return byIp.computeIfAbsent(ip, unused -> new IpUse());
  }
}
