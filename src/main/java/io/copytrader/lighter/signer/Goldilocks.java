package io.copytrader.lighter.signer;

/**
 * Arithmetic in the Goldilocks field GF(p), p = 2^64 - 2^32 + 1, on raw {@code long} values.
 * Every value passed in and returned is canonical: an unsigned 64-bit integer below p.
 */
final class Goldilocks {

  static final long P = 0xFFFFFFFF00000001L;
  /** 2^64 mod p. */
  static final long EPSILON = 0xFFFFFFFFL;

  private Goldilocks() {
  }

  /** Reduces any unsigned 64-bit value mod p (a single subtraction suffices because 2^64 < 2p). */
  static long canonical(long x) {
    return Long.compareUnsigned(x, P) >= 0 ? x - P : x;
  }

  static long add(long a, long b) {
    long s = a + b;
    if (Long.compareUnsigned(s, a) < 0) {
      // The carry is worth 2^64, which is EPSILON mod p; a + b < 2p keeps this from overflowing.
      s += EPSILON;
    }
    return canonical(s);
  }

  static long sub(long a, long b) {
    long d = a - b;
    if (Long.compareUnsigned(a, b) < 0) {
      // The borrow added 2^64; taking EPSILON back leaves a - b + p, which is below p.
      d -= EPSILON;
    }
    return d;
  }

  static long neg(long a) {
    return a == 0 ? 0 : P - a;
  }

  static long mul(long a, long b) {
    long lo = a * b;
    // Java 17 has no unsignedMultiplyHigh: correct the signed high word for operands with the top bit set.
    long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    return reduce128(hi, lo);
  }

  static long square(long a) {
    return mul(a, a);
  }

  /** Reduces hi * 2^64 + lo using 2^64 = 2^32 - 1 and 2^96 = -1 (mod p). */
  static long reduce128(long hi, long lo) {
    long hiHi = hi >>> 32;
    long hiLo = hi & EPSILON;
    long t0 = lo - hiHi;
    if (Long.compareUnsigned(lo, hiHi) < 0) {
      t0 -= EPSILON;
    }
    long t1 = hiLo * EPSILON;
    long t2 = t0 + t1;
    if (Long.compareUnsigned(t2, t1) < 0) {
      t2 += EPSILON;
    }
    return canonical(t2);
  }

  /** Multiplication by a small non-negative integer (below 2^31). */
  static long mulSmall(long a, long k) {
    long lo = a * k;
    long hi = Math.multiplyHigh(a, k) + ((a >> 63) & k);
    return reduce128(hi, lo);
  }

  static long pow(long a, long exponent) {
    long result = 1;
    long base = a;
    long e = exponent;
    while (e != 0) {
      if ((e & 1) != 0) {
        result = mul(result, base);
      }
      base = square(base);
      e >>>= 1;
    }
    return result;
  }

  /** Inverse by Fermat (a^(p-2)); the inverse of 0 is 0. */
  static long inverse(long a) {
    return pow(a, P - 2);
  }

  /** Legendre symbol as a field element: 1, p - 1 or 0. */
  static long legendre(long a) {
    return pow(a, (P - 1) >>> 1);
  }

  /** Value of a two's-complement 64-bit integer as a field element (Go's uint64 conversion, then mod p). */
  static long fromRaw(long x) {
    return canonical(x);
  }
}
