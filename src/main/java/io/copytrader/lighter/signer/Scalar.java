package io.copytrader.lighter.signer;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Integers mod n, the prime order of the ECgFp5 group, with their 40-byte little-endian encoding. */
final class Scalar {

  static final BigInteger N = new BigInteger(
      "1067993516717146951041484916571792702745057740581727230159139685185762082554198619328292418486241");
  static final int BYTES = 40;
  static final int BITS = 319;

  private Scalar() {
  }

  /** Reads 40 little-endian bytes and reduces mod n (as {@code ScalarElementFromLittleEndianBytes} does). */
  static BigInteger fromLeBytesReduced(byte[] le) {
    return fromLeBytes(le, 0).mod(N);
  }

  static BigInteger fromLeBytes(byte[] le, int offset) {
    byte[] be = new byte[BYTES + 1];
    for (int i = 0; i < BYTES; i++) {
      be[BYTES - i] = le[offset + i];
    }
    return new BigInteger(be);
  }

  static void toLeBytes(BigInteger value, byte[] out, int offset) {
    long[] limbs = limbs(value);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 8; j++) {
        out[offset + 8 * i + j] = (byte) (limbs[i] >>> (8 * j));
      }
    }
  }

  static byte[] toLeBytes(BigInteger value) {
    byte[] out = new byte[BYTES];
    toLeBytes(value, out, 0);
    return out;
  }

  /** The five 64-bit limbs of a value below 2^320, least significant first. */
  static long[] limbs(BigInteger value) {
    long[] limbs = new long[5];
    BigInteger v = value;
    for (int i = 0; i < 5; i++) {
      limbs[i] = v.longValue();
      v = v.shiftRight(64);
    }
    return limbs;
  }

  /** {@code FromGfp5}: sum of the canonical limbs times 2^(64 i), reduced mod n. */
  static BigInteger fromGfp5(long[] element) {
    byte[] le = new byte[BYTES];
    Gfp5.toBytes(element, le, 0);
    return fromLeBytes(le, 0).mod(N);
  }

  /** Uniform in [1, n - 1]. */
  static BigInteger random(SecureRandom random) {
    while (true) {
      BigInteger k = new BigInteger(BITS, random);
      if (k.signum() > 0 && k.compareTo(N) < 0) {
        return k;
      }
    }
  }

  /**
   * Signed fixed-window recoding of a scalar below n: digits in [-2^(w-1), 2^(w-1)] with
   * value = sum digit[i] * 2^(w i).
   */
  static int[] recodeSigned(long[] limbs, int window) {
    int count = (BITS + window) / window;
    int[] digits = new int[count];
    int half = 1 << (window - 1);
    int mask = (1 << window) - 1;
    int carry = 0;
    for (int i = 0; i < count; i++) {
      int bitPos = i * window;
      int limb = bitPos >>> 6;
      int shift = bitPos & 63;
      long bits = limb < 5 ? limbs[limb] >>> shift : 0;
      if (shift + window > 64 && limb + 1 < 5) {
        bits |= limbs[limb + 1] << (64 - shift);
      }
      int v = (int) (bits & mask) + carry;
      // Without a branch: the scalar may be a secret nonce.
      int above = (half - v) >> 31;
      digits[i] = v - (above & (1 << window));
      carry = above & 1;
    }
    return digits;
  }
}
