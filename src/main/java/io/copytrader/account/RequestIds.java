package io.copytrader.account;

import java.security.SecureRandom;

/**
 * Request ids in the Python service's shape ({@code <epoch>-<8 hex>}), with millisecond precision and a random
 * start so that ids from concurrent requests, other nodes and restarts do not collide. Within one millisecond the
 * ids this process makes count up from that start: the journal orders requests by time and then by id (an owner
 * claims another node's requests in that order, and a restart resumes its own in it), so two requests taken in one
 * after the other within a millisecond keep their order.
 */
public final class RequestIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** A millisecond's first suffix is drawn below this, leaving as many again to count up through. */
  private static final long FIRST_SUFFIX_BOUND = 1L << 31;
  private static final long LAST_SUFFIX = (1L << 32) - 1;

  private static long lastMillis = Long.MIN_VALUE;
  private static long lastSuffix;

  private RequestIds() {
  }

  public static synchronized String next(long epochMillis) {
    // A clock that steps back keeps the last millisecond, so ids never sort before one already made.
    long millis = Math.max(epochMillis, lastMillis);
    if (millis == lastMillis && lastSuffix < LAST_SUFFIX) {
      lastSuffix++;
    } else {
      if (millis == lastMillis) {
        millis++;
      }
      lastSuffix = RANDOM.nextLong(FIRST_SUFFIX_BOUND);
    }
    lastMillis = millis;
    return millis + "-" + String.format("%08x", lastSuffix);
  }
}
