package io.copytrader.notify;

import java.time.Duration;

/**
 * How the notifier queues and paces messages.
 *
 * @param queueCapacity notices waiting to be sent; beyond this the least severe, oldest one is dropped
 * @param minInterval least time between the end of one send and the start of the next, per chat
 * @param maxAttempts sends of one notice that failed in transport or with a 5xx before it is given up
 * @param maxRateLimitWaits 429 answers one notice may receive before it is given up
 * @param requestTimeout limit on one {@code sendMessage} request, connect included
 */
public record NotifierSettings(int queueCapacity, Duration minInterval, int maxAttempts, int maxRateLimitWaits,
                               Duration requestTimeout) {

  public NotifierSettings {
    if (queueCapacity < 1 || maxAttempts < 1 || maxRateLimitWaits < 0) {
      throw new IllegalArgumentException("queueCapacity and maxAttempts must be positive, maxRateLimitWaits >= 0");
    }
    if (minInterval.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("minInterval must be >= 0 and requestTimeout > 0");
    }
  }

  /** Telegram allows about one message per second to a chat. */
  public static NotifierSettings defaults() {
    return new NotifierSettings(200, Duration.ofSeconds(1), 3, 10, Duration.ofSeconds(10));
  }
}
