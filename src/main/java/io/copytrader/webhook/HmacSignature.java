package io.copytrader.webhook;

import io.copytrader.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Signature} of a signed webhook: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw
 * body)>}, over the body's bytes exactly as they arrived. A signature more than {@link #TOLERANCE_SECONDS} away
 * from now is stale, so a captured request cannot be replayed later; the digests are compared with
 * {@link MessageDigest#isEqual} over their fixed 32 bytes, so neither where they differ nor a length leaks.
 */
public final class HmacSignature {

  public static final String HEADER = "X-Signature";
  public static final long TOLERANCE_SECONDS = 300;
  private static final int DIGEST_BYTES = 32;

  /** What a presented signature proved. */
  public enum Check {
    VALID("valid"),
    MISSING(HEADER + " is required for this source"),
    MALFORMED(HEADER + " must be t=<unix seconds>,v1=<hex HMAC-SHA256>"),
    STALE(HEADER + " timestamp is more than " + TOLERANCE_SECONDS + " s from now"),
    MISMATCH(HEADER + " does not match the body");

    private final String message;

    Check(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  private HmacSignature() {
  }

  /** Checks {@code header} (null when absent) for {@code body} against {@code secret} at {@code nowSeconds}. */
  public static Check check(String header, byte[] body, Secret secret, long nowSeconds) {
    if (header == null || header.isBlank()) {
      return Check.MISSING;
    }
    String timestamp = null;
    String digest = null;
    for (String part : header.split(",", 8)) {
      String item = part.strip();
      if (item.startsWith("t=") && timestamp == null) {
        timestamp = item.substring(2);
      } else if (item.startsWith("v1=") && digest == null) {
        digest = item.substring(3);
      }
    }
    if (timestamp == null || digest == null || !timestamp.matches("\\d{1,12}")
      || !digest.matches("[0-9a-fA-F]{" + 2 * DIGEST_BYTES + "}")) {
      return Check.MALFORMED;
    }
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
      return Check.STALE;
    }
    byte[] expected = sign(secret, timestamp, body);
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(digest)) ? Check.VALID : Check.MISMATCH;
  }

  /** The header a sender writes for {@code body} at {@code timestamp}. */
  public static String header(Secret secret, long timestamp, byte[] body) {
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(secret, Long.toString(timestamp), body));
  }

  private static byte[] sign(Secret secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
