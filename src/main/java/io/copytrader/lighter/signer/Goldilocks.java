package io.copytrader.lighter.signer;

/**
 * Arithmetic in the Goldilocks field GF(p), p = 2^64 - 2^32 + 1, on raw {@code long} values.
 * Every value passed in and returned is canonical: an unsigned 64-bit integer below p.
 */
final class Goldilocks {

  static final long P = 0xFFFFFFFF00000001L;
  /** 2^64 mod p. */
  static final long EPSILON = 0xFFFFFFFFL;
  /** 7^(2^32 - 1), a primitive 2^32-th root of unity (7 is a non-residue). */
  private static final long ROOT_OF_UNITY_2_32 = 1753635133440165772L;

  private Goldilocks() {
  }

  /** Reduces any unsigned 64-bit value mod p (a single subtraction suffices because 2^64 < 2p). */
  static long canonical(long x) {
    return Long.compareUnsigned(x, P) >= 0 ? x - P : x;
  }

  // Carries and borrows occur for about half of random operands; they are written as conditional expressions
  // that the JIT compiles to conditional moves, since a mispredicted branch costs more than the operation.

  static long add(long a, long b) {
    long s = a + b;
    // A carry is worth 2^64 = EPSILON (mod p); a + b < 2p keeps the correction from overflowing.
    return canonical(s + (Long.compareUnsigned(s, a) < 0 ? EPSILON : 0));
  }

  static long sub(long a, long b) {
    // A borrow added 2^64; taking EPSILON back leaves a - b + p, which is below p.
    return a - b - (Long.compareUnsigned(a, b) < 0 ? EPSILON : 0);
  }

  static long neg(long a) {
    return a == 0 ? 0 : P - a;
  }

  static long mul(long a, long b) {
    return canonical(mulLazy(a, b));
  }

  /**
   * a * b for any unsigned 64-bit a and b, reduced below 2^64 but not necessarily below p: chains of
   * products (the Poseidon2 S-box) skip the final comparison that only the last one needs.
   */
  static long mulLazy(long a, long b) {
    long lo = a * b;
    // Java 17 has no unsignedMultiplyHigh: correct the signed high word for operands with the top bit set.
    long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    return reduce128Lazy(hi, lo);
  }

  /** a * b + c for any unsigned 64-bit values, reduced once (a * b + c < 2^128) and lazily as {@link #mulLazy}. */
  static long mulAddLazy(long a, long b, long c) {
    long lo = a * b;
    long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    long sum = lo + c;
    hi += Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
    return reduce128Lazy(hi, sum);
  }

  static long square(long a) {
    return mul(a, a);
  }

  /** Reduces hi * 2^64 + lo (any two words) to its canonical value. */
  static long reduce128(long hi, long lo) {
    return canonical(reduce128Lazy(hi, lo));
  }

  /**
   * Reduces hi * 2^64 + lo (any two words) below 2^64, not necessarily below p, using 2^64 = 2^32 - 1 and
   * 2^96 = -1 (mod p).
   */
  static long reduce128Lazy(long hi, long lo) {
    long hiHi = hi >>> 32;
    long hiLo = hi & EPSILON;
    long t0 = lo - hiHi;
    if (Long.compareUnsigned(lo, hiHi) < 0) {
      // Rare (hiHi < 2^32), so a well-predicted branch is cheaper than computing the borrow. The borrow took
      // 2^64 away; adding p back leaves t0 - EPSILON, which cannot underflow again (t0 >= 2^64 - 2^32).
      t0 -= EPSILON;
    }
    long t1 = (hiLo << 32) - hiLo;
    long t2 = t0 + t1;
    // A carry is worth EPSILON; the wrapped t2 is below t1 <= 2^64 - 2^33 + 1, so adding it cannot carry again.
    return t2 + (Long.compareUnsigned(t2, t1) < 0 ? EPSILON : 0);
  }

  /** high * 2^32 + low mod p, below 2^64 but not necessarily canonical, for high and low below 2^62. */
  static long fromHalves(long low, long high) {
    long carried = high + (low >>> 32);
    long value = (carried << 32) | (low & EPSILON);
    long top = carried >>> 32;
    // value + top * 2^64, and 2^64 = EPSILON (mod p); top is small, so a wrapped sum cannot carry again.
    long topTimesEpsilon = (top << 32) - top;
    long sum = value + topTimesEpsilon;
    return sum + (Long.compareUnsigned(sum, value) < 0 ? EPSILON : 0);
  }

  /** Multiplication by a small non-negative integer (below 2^31). */
  static long mulSmall(long a, long k) {
    long lo = a * k;
    long hi = Math.multiplyHigh(a, k) + ((a >> 63) & k);
    // hi < k < 2^31, so hi * 2^64 = hi * EPSILON (mod p) is below 2^63, and a wrapped sum cannot carry again.
    long high = hi * EPSILON;
    long sum = lo + high;
    return canonical(sum + (Long.compareUnsigned(sum, high) < 0 ? EPSILON : 0));
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

  /**
   * Tonelli-Shanks square root (p - 1 = 2^32 * (2^32 - 1)). For a non-square the result is not a root, so
   * callers check it by squaring.
   */
  static long sqrt(long a) {
    if (a == 0) {
      return 0;
    }
    long q = EPSILON;
    long c = ROOT_OF_UNITY_2_32;
    long x = pow(a, (q + 1) >>> 1);
    long t = pow(a, q);
    int m = 32;
    while (t != 1) {
      int i = 0;
      long probe = t;
      while (probe != 1) {
        probe = square(probe);
        i++;
        if (i == m) {
          return 0;
        }
      }
      long b = c;
      for (int j = 0; j < m - i - 1; j++) {
        b = square(b);
      }
      x = mul(x, b);
      c = square(b);
      t = mul(t, c);
      m = i;
    }
    return x;
  }

  /** Value of a two's-complement 64-bit integer as a field element (Go's uint64 conversion, then mod p). */
  static long fromRaw(long x) {
    return canonical(x);
  }
}
