package io.copytrader.lighter.signer;

/** Lowercase hex without prefix. Decoding errors never echo the input (it may be key material). */
final class Hex {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {
  }

  static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >>> 4) & 0xF];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
    }
    return new String(out);
  }

  /** Decodes exactly {@code length} bytes of hex (either case); the message names only {@code what}. */
  static byte[] decode(String hex, int length, String what) {
    if (hex == null || hex.length() != 2 * length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes of hex");
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException(what + " must be " + length + " bytes of hex");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
