package io.copytrader.lighter.signer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Lighter auth tokens: {@code "<deadline>:<accountIndex>:<apiKeyIndex>:<hex signature>"}, the signature being a
 * Schnorr signature over H5 of the ASCII message packed into little-endian 8-byte words.
 */
public final class AuthToken {

  private static final int SIGNATURE_HEX_CHARS = 2 * Schnorr.SIGNATURE_BYTES;

  private AuthToken() {
  }

  /** A token valid until {@code deadlineEpochSeconds} (Unix seconds), signed with a fresh random nonce. */
  public static String create(ApiKey key, long accountIndex, int apiKeyIndex, long deadlineEpochSeconds) {
    String message = message(deadlineEpochSeconds, accountIndex, apiKeyIndex);
    return message + ":" + Hex.encode(Schnorr.sign(key, messageHash(message)));
  }

  /** As {@link #create} with a caller-supplied Schnorr nonce; tests only. */
  static String createWithNonce(ApiKey key, long accountIndex, int apiKeyIndex, long deadlineEpochSeconds,
      BigInteger k) {
    String message = message(deadlineEpochSeconds, accountIndex, apiKeyIndex);
    return message + ":" + Hex.encode(Schnorr.signWithNonce(key, messageHash(message), k));
  }

  /**
   * Splits a token into its parts. Numbers must be plain decimal (no sign on the deadline, no leading zeros) so
   * the signed message is exactly reconstructible; the signature is 160 hex characters.
   */
  public static Parsed parse(String token) {
    if (token == null) {
      throw new IllegalArgumentException("auth token is missing");
    }
    String[] parts = token.split(":", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("auth token must have 4 colon-separated parts");
    }
    long deadline = canonicalLong(parts[0], "deadline");
    if (deadline < 0) {
      throw new IllegalArgumentException("auth token deadline must not be negative");
    }
    long accountIndex = canonicalLong(parts[1], "account index");
    long apiKeyIndex = canonicalLong(parts[2], "API key index");
    if (apiKeyIndex < 0 || apiKeyIndex > 255) {
      throw new IllegalArgumentException("auth token API key index must be 0..255");
    }
    if (parts[3].length() != SIGNATURE_HEX_CHARS) {
      throw new IllegalArgumentException("auth token signature must be 160 hex characters");
    }
    byte[] signature = Hex.decode(parts[3], Schnorr.SIGNATURE_BYTES, "auth token signature");
    return new Parsed(deadline, accountIndex, (int) apiKeyIndex, signature);
  }

  private static long canonicalLong(String text, String what) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("auth token " + what + " is not a decimal integer");
    }
    if (!Long.toString(value).equals(text)) {
      throw new IllegalArgumentException("auth token " + what + " is not in canonical decimal form");
    }
    return value;
  }

  static String message(long deadlineEpochSeconds, long accountIndex, int apiKeyIndex) {
    return deadlineEpochSeconds + ":" + accountIndex + ":" + apiKeyIndex;
  }

  /** The ASCII message as little-endian 8-byte words, the last one zero-padded. */
  static long[] messageElements(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
    long[] elements = new long[(bytes.length + 7) / 8];
    for (int i = 0; i < bytes.length; i++) {
      elements[i >>> 3] |= (bytes[i] & 0xFFL) << (8 * (i & 7));
    }
    return elements;
  }

  static long[] messageHash(String message) {
    return Poseidon2.hashToQuinticExtension(messageElements(message));
  }

  /** The parts of a token; {@link #verify} checks the signature over the message they spell. */
  public record Parsed(long deadlineEpochSeconds, long accountIndex, int apiKeyIndex, byte[] signature) {

    public Parsed {
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    public String message() {
      return AuthToken.message(deadlineEpochSeconds, accountIndex, apiKeyIndex);
    }

    /** True when the signature is valid for {@code publicKey} (40-byte encoding); never throws. */
    public boolean verify(byte[] publicKey) {
      return Schnorr.verify(publicKey, messageHash(message()), signature);
    }
  }
}
