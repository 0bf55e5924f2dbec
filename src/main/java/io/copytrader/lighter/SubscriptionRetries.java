package io.copytrader.lighter;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends again, through the connection's paced outbox, a subscription the exchange has not confirmed with its
 * snapshot within {@link LighterStreamOptions#confirmTimeout()}: Lighter refuses a subscription beyond its limits
 * with an error frame that names no channel (30009 beyond the IP's messages a minute, 23001 beyond a connection's
 * subscriptions), so the refused channel is known only by its missing snapshot. The wait doubles on each retry up
 * to {@value #MAX_BACKOFF_FACTOR} times the timeout, retries last as long as the connection, a channel live is
 * never sent again, and each channel is logged once. Used on the stream's context only.
 */
final class SubscriptionRetries {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRetries.class);
  private static final int MAX_BACKOFF_FACTOR = 8;

  private final Vertx vertx;
  private final long timeoutMs;
  private final Predicate<String> confirmed;
  private final Consumer<Supplier<JsonObject>> outbox;
  private final Set<Long> timers = new HashSet<>();
  private final Set<String> logged = new HashSet<>();

  /**
   * @param confirmed whether a channel (its key in frames) has delivered its snapshot on the current connection
   * @param outbox    queues a frame, built when its turn comes, on the connection's paced outbox
   */
  SubscriptionRetries(Vertx vertx, Duration timeout, Predicate<String> confirmed,
                      Consumer<Supplier<JsonObject>> outbox) {
    this.vertx = vertx;
    this.timeoutMs = timeout.toMillis();
    this.confirmed = confirmed;
    this.outbox = outbox;
  }

  /** Queues the subscription of the channel {@code key}, sent again while unconfirmed. */
  void subscribe(String key, Supplier<JsonObject> frame) {
    outbox.accept(watched(key, frame, 0));
  }

  /** The connection is gone: its subscriptions with it, and nothing is sent again. */
  void clear() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }

  /** The frame, which once sent starts the wait for its confirmation. */
  private Supplier<JsonObject> watched(String key, Supplier<JsonObject> frame, int retries) {
    return () -> {
      JsonObject built = frame.get();
      if (built != null) {
        long wait = timeoutMs * Math.min(1L << Math.min(retries, 30), MAX_BACKOFF_FACTOR);
        long[] timer = new long[1];
        timer[0] = vertx.setTimer(wait, fired -> {
          timers.remove(timer[0]);
          unconfirmedAfter(key, frame, retries, wait);
        });
        timers.add(timer[0]);
      }
      return built;
    };
  }

  private void unconfirmedAfter(String key, Supplier<JsonObject> frame, int retries, long waitedMs) {
    if (confirmed.test(key)) {
      return;
    }
    if (logged.add(key)) {
      LOG.warn("Lighter stream: {} not confirmed within {} ms; subscribing again, with backoff, until it is", key,
        waitedMs);
    }
    outbox.accept(watched(key, frame, retries + 1));
  }
}
