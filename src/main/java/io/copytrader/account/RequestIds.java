package io.copytrader.account;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Request ids in the Python service's shape ({@code <epoch>-<8 hex>}), with millisecond precision and
 * 32 random bits so that ids from concurrent requests and restarts do not collide.
 */
public final class RequestIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestIds() {
  }

  public static String next(long epochMillis) {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return epochMillis + "-" + HexFormat.of().formatHex(suffix);
  }
}
