package io.copytrader.health;

import io.copytrader.lighter.ExchangeClock;
import io.copytrader.notify.ClockNotices;
import io.copytrader.notify.Notice;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the exchange's time from each health check's status answer into the node's {@link ExchangeClock}, and says
 * whether this host's clock is off the exchange's: for certain further than {@link ExchangeClock#ASSUMED_AHEAD}
 * either way. Ahead, a transaction whose answer was lost waits that much longer to be settled; behind, entries
 * expire on the exchange before they are applied. Used from the health verticle's context only.
 */
final class ClockWatch {

  private static final Logger LOG = LoggerFactory.getLogger(ClockWatch.class);

  private final ExchangeClock clock;
  private final String nodeId;
  private boolean off;
  /** The last reported time was not taken for the exchange's clock ({@link ExchangeClock#PLAUSIBLE}). */
  private Long implausible;

  ClockWatch(ExchangeClock clock, String nodeId) {
    this.clock = clock;
    this.nodeId = nodeId;
  }

  /** One status answer; the notice to send when the clock was just found off, or right again. */
  Optional<Notice> observe(long reported, long sentAtMillis, long answeredAtMillis) {
    if (!clock.observe(reported, sentAtMillis, answeredAtMillis)) {
      if (implausible == null) {
        LOG.warn("The exchange's status reports time {}, not within {} of this host's clock at {}: not taken for the"
          + " exchange's clock; a lost answer's transaction is taken to have expired {} s after its deadline",
          reported, ExchangeClock.PLAUSIBLE, answeredAtMillis, ExchangeClock.ASSUMED_AHEAD.toSeconds());
      }
      implausible = reported;
      return Optional.empty();
    }
    implausible = null;
    Optional<ExchangeClock.Offset> offset = clock.offset();
    boolean nowOff = offset.map(read -> read.beyond(ExchangeClock.ASSUMED_AHEAD)).orElse(false);
    if (nowOff == off || offset.isEmpty()) {
      return Optional.empty();
    }
    off = nowOff;
    return Optional.of(off ? ClockNotices.off(nodeId, offset.get()) : ClockNotices.back(nodeId, offset.get()));
  }

  /** Whether the last reading found the clock off. */
  boolean off() {
    return off;
  }

  /**
   * The {@code clock} check's details: the bounds of the last reading taken, and the time the exchange reported last
   * when it was not taken.
   */
  JsonObject details() {
    JsonObject details = clock.offset().map(read -> new JsonObject()
        .put("ahead_of_exchange_ms_at_least", read.aheadAtLeastMs())
        .put("ahead_of_exchange_ms_at_most", read.aheadAtMostMs()))
      .orElseGet(JsonObject::new)
      .put("settles_expiry_after_ms", clock.expiryMargin().toMillis());
    return implausible == null ? details : details.put("exchange_time_not_taken", implausible);
  }
}
