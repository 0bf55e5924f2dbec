package io.copytrader.lighter.signer;

/**
 * Arithmetic in GF(p^5) = GF(p)[z] / (z^5 - 3) on 5-limb {@code long[]} values (limb i is the coefficient
 * of z^i, canonical). Operations write into a caller-supplied result array so hot loops allocate nothing;
 * the result may alias an operand.
 */
final class Gfp5 {

  static final int LIMBS = 5;
  static final int BYTES = 40;
  /** A primitive fifth root of unity, 3^((p-1)/5): the Frobenius map multiplies limb i by its i-th power. */
  private static final long LOW_HALF = 0xFFFFFFFFL;
  private static final long DTH_ROOT = 1041288259238279555L;
  private static final long[][] FROBENIUS = new long[5][5];

  static {
    for (int k = 0; k < 5; k++) {
      for (int i = 0; i < 5; i++) {
        FROBENIUS[k][i] = Goldilocks.pow(DTH_ROOT, (long) k * i % 5);
      }
    }
  }

  private Gfp5() {
  }

  static long[] one() {
    return new long[] {1, 0, 0, 0, 0};
  }

  static void copy(long[] r, long[] a) {
    System.arraycopy(a, 0, r, 0, LIMBS);
  }

  static boolean isZero(long[] a) {
    return (a[0] | a[1] | a[2] | a[3] | a[4]) == 0;
  }

  static boolean equal(long[] a, long[] b) {
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3] && a[4] == b[4];
  }

  static void add(long[] r, long[] a, long[] b) {
    r[0] = Goldilocks.add(a[0], b[0]);
    r[1] = Goldilocks.add(a[1], b[1]);
    r[2] = Goldilocks.add(a[2], b[2]);
    r[3] = Goldilocks.add(a[3], b[3]);
    r[4] = Goldilocks.add(a[4], b[4]);
  }

  static void sub(long[] r, long[] a, long[] b) {
    r[0] = Goldilocks.sub(a[0], b[0]);
    r[1] = Goldilocks.sub(a[1], b[1]);
    r[2] = Goldilocks.sub(a[2], b[2]);
    r[3] = Goldilocks.sub(a[3], b[3]);
    r[4] = Goldilocks.sub(a[4], b[4]);
  }

  static void neg(long[] r, long[] a) {
    r[0] = Goldilocks.neg(a[0]);
    r[1] = Goldilocks.neg(a[1]);
    r[2] = Goldilocks.neg(a[2]);
    r[3] = Goldilocks.neg(a[3]);
    r[4] = Goldilocks.neg(a[4]);
  }

  static void dbl(long[] r, long[] a) {
    add(r, a, a);
  }

  /** Division by 2: even limbs shift, odd limbs become (x + p) / 2. */
  static void half(long[] r, long[] a) {
    for (int i = 0; i < LIMBS; i++) {
      long x = a[i];
      r[i] = (x >>> 1) + ((-(x & 1)) & 0x7FFFFFFF80000001L);
    }
  }

  /** Multiplication by a small non-negative integer k (below 2^31). */
  static void mulSmall(long[] r, long[] a, long k) {
    r[0] = Goldilocks.mulSmall(a[0], k);
    r[1] = Goldilocks.mulSmall(a[1], k);
    r[2] = Goldilocks.mulSmall(a[2], k);
    r[3] = Goldilocks.mulSmall(a[3], k);
    r[4] = Goldilocks.mulSmall(a[4], k);
  }

  /** Multiplication by k*z (k small): a shift of the limbs with the z^5 = 3 fold. */
  static void mulSmallZ(long[] r, long[] a, long k) {
    long a4 = a[4];
    long r0 = Goldilocks.mulSmall(a4, 3 * k);
    long r4 = Goldilocks.mulSmall(a[3], k);
    long r3 = Goldilocks.mulSmall(a[2], k);
    long r2 = Goldilocks.mulSmall(a[1], k);
    long r1 = Goldilocks.mulSmall(a[0], k);
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  static void mul(long[] r, long[] a, long[] b) {
    long a0 = signedForm(a[0]);
    long a1 = signedForm(a[1]);
    long a2 = signedForm(a[2]);
    long a3 = signedForm(a[3]);
    long a4 = signedForm(a[4]);
    long b0 = signedForm(b[0]);
    long b1 = signedForm(b[1]);
    long b2 = signedForm(b[2]);
    long b3 = signedForm(b[3]);
    long b4 = signedForm(b[4]);
    // z^5 = 3: the products that wrap around (i + j >= 5) count three times; the factor is applied to the sums of
    // their quarters (see fromQuarters), which costs less than multiplying b by 3 mod p. High words are added in
    // pairs before being split: two of them (each below 2^62 in magnitude) cannot overflow.
    long c0 = fromQuarters(
        q0(a0, b0) + 3 * (q0(a1, b4) + q0(a2, b3) + q0(a3, b2) + q0(a4, b1)),
        q1(a0, b0) + 3 * (q1(a1, b4) + q1(a2, b3) + q1(a3, b2) + q1(a4, b1)),
        q2(a0, b0) + 3 * (q2(a1, b4, a2, b3) + q2(a3, b2, a4, b1)),
        q3(a0, b0) + 3 * (q3(a1, b4, a2, b3) + q3(a3, b2, a4, b1)));
    long c1 = fromQuarters(
        q0(a0, b1) + q0(a1, b0) + 3 * (q0(a2, b4) + q0(a3, b3) + q0(a4, b2)),
        q1(a0, b1) + q1(a1, b0) + 3 * (q1(a2, b4) + q1(a3, b3) + q1(a4, b2)),
        q2(a0, b1, a1, b0) + 3 * (q2(a2, b4, a3, b3) + q2(a4, b2)),
        q3(a0, b1, a1, b0) + 3 * (q3(a2, b4, a3, b3) + q3(a4, b2)));
    long c2 = fromQuarters(
        q0(a0, b2) + q0(a1, b1) + q0(a2, b0) + 3 * (q0(a3, b4) + q0(a4, b3)),
        q1(a0, b2) + q1(a1, b1) + q1(a2, b0) + 3 * (q1(a3, b4) + q1(a4, b3)),
        q2(a0, b2, a1, b1) + q2(a2, b0) + 3 * q2(a3, b4, a4, b3),
        q3(a0, b2, a1, b1) + q3(a2, b0) + 3 * q3(a3, b4, a4, b3));
    long c3 = fromQuarters(
        q0(a0, b3) + q0(a1, b2) + q0(a2, b1) + q0(a3, b0) + 3 * q0(a4, b4),
        q1(a0, b3) + q1(a1, b2) + q1(a2, b1) + q1(a3, b0) + 3 * q1(a4, b4),
        q2(a0, b3, a1, b2) + q2(a2, b1, a3, b0) + 3 * q2(a4, b4),
        q3(a0, b3, a1, b2) + q3(a2, b1, a3, b0) + 3 * q3(a4, b4));
    long c4 = fromQuarters(
        q0(a0, b4) + q0(a1, b3) + q0(a2, b2) + q0(a3, b1) + q0(a4, b0),
        q1(a0, b4) + q1(a1, b3) + q1(a2, b2) + q1(a3, b1) + q1(a4, b0),
        q2(a0, b4, a1, b3) + q2(a2, b2, a3, b1) + q2(a4, b0),
        q3(a0, b4, a1, b3) + q3(a2, b2, a3, b1) + q3(a4, b0));
    r[0] = c0;
    r[1] = c1;
    r[2] = c2;
    r[3] = c3;
    r[4] = c4;
  }

  static void square(long[] r, long[] a) {
    long a1x2 = Goldilocks.add(a[1], a[1]);
    long a2x2 = Goldilocks.add(a[2], a[2]);
    long a3x2 = Goldilocks.add(a[3], a[3]);
    long a4x2 = Goldilocks.add(a[4], a[4]);
    long a3x3 = Goldilocks.add(a3x2, a[3]);
    long a4x3 = Goldilocks.add(a4x2, a[4]);
    long a3x6 = signedForm(Goldilocks.add(a3x3, a3x3));
    long a4x6 = signedForm(Goldilocks.add(a4x3, a4x3));
    long a0 = signedForm(a[0]);
    long a1 = signedForm(a[1]);
    long a2 = signedForm(a[2]);
    long a3 = signedForm(a[3]);
    long a4 = signedForm(a[4]);
    a1x2 = signedForm(a1x2);
    a2x2 = signedForm(a2x2);
    a3x2 = signedForm(a3x2);
    a4x2 = signedForm(a4x2);
    a3x3 = signedForm(a3x3);
    a4x3 = signedForm(a4x3);
    long c0 = dot3(a0, a0, a1, a4x6, a2, a3x6);
    long c1 = dot3(a0, a1x2, a2, a4x6, a3, a3x3);
    long c2 = dot3(a0, a2x2, a1, a1, a3, a4x6);
    long c3 = dot3(a0, a3x2, a1, a2x2, a4, a4x3);
    long c4 = dot3(a0, a4x2, a1, a3x2, a2, a2);
    r[0] = c0;
    r[1] = c1;
    r[2] = c2;
    r[3] = c3;
    r[4] = c4;
  }

  /**
   * The same element as a signed 64-bit value (x - p when x >= 2^63), so that Math.multiplyHigh gives the exact
   * high word of a product: Java 17 has no unsigned multiplyHigh, and correcting the signed one costs five
   * operations per product where this costs three per operand.
   */
  private static long signedForm(long canonical) {
    return canonical - (Goldilocks.P & (canonical >> 63));
  }

  private static long times3(long x) {
    return Goldilocks.add(Goldilocks.add(x, x), x);
  }

  // Sums of products of signed forms are accumulated exactly as four sums of 32-bit quarters: the low and high
  // halves of each product's low word (unsigned) and of its high word (the top half signed, below 2^30 in
  // magnitude since each factor is below 2^63). Up to five quarters add up to less than 2^35 in magnitude, so
  // no addition needs a carry check, and the sum is reduced once (see fromQuarters).

  /** Three products: dot5 with two zero terms, which the JIT folds away once dot5 is inlined. */
  private static long dot3(long x0, long y0, long x1, long y1, long x2, long y2) {
    return dot5(x0, y0, x1, y1, x2, y2, 0, 0, 0, 0);
  }

  private static long dot5(long x0, long y0, long x1, long y1, long x2, long y2, long x3, long y3, long x4,
      long y4) {
    long lo0 = x0 * y0;
    long hi0 = Math.multiplyHigh(x0, y0);
    long lo1 = x1 * y1;
    long hi1 = Math.multiplyHigh(x1, y1);
    long lo2 = x2 * y2;
    long hi2 = Math.multiplyHigh(x2, y2);
    long lo3 = x3 * y3;
    long hi3 = Math.multiplyHigh(x3, y3);
    long lo4 = x4 * y4;
    long hi4 = Math.multiplyHigh(x4, y4);
    return fromQuarters(
        (lo0 & LOW_HALF) + (lo1 & LOW_HALF) + (lo2 & LOW_HALF) + (lo3 & LOW_HALF) + (lo4 & LOW_HALF),
        (lo0 >>> 32) + (lo1 >>> 32) + (lo2 >>> 32) + (lo3 >>> 32) + (lo4 >>> 32),
        (hi0 & LOW_HALF) + (hi1 & LOW_HALF) + (hi2 & LOW_HALF) + (hi3 & LOW_HALF) + (hi4 & LOW_HALF),
        (hi0 >> 32) + (hi1 >> 32) + (hi2 >> 32) + (hi3 >> 32) + (hi4 >> 32));
  }

  // The four quarters of a product of signed forms (q2 and q3 also of the sum of two products' high words), for
  // mul: the JIT computes each product, high word and sum once for the two quarters that share it.

  private static long q0(long x, long y) {
    return (x * y) & LOW_HALF;
  }

  private static long q1(long x, long y) {
    return (x * y) >>> 32;
  }

  private static long q2(long x, long y) {
    return Math.multiplyHigh(x, y) & LOW_HALF;
  }

  private static long q3(long x, long y) {
    return Math.multiplyHigh(x, y) >> 32;
  }

  private static long q2(long x0, long y0, long x1, long y1) {
    return (Math.multiplyHigh(x0, y0) + Math.multiplyHigh(x1, y1)) & LOW_HALF;
  }

  private static long q3(long x0, long y0, long x1, long y1) {
    return (Math.multiplyHigh(x0, y0) + Math.multiplyHigh(x1, y1)) >> 32;
  }

  /**
   * The canonical value of q3 * 2^96 + q2 * 2^64 + q1 * 2^32 + q0 for q0, q1, q2 in [0, 13 * 2^32) and |q3| at
   * most 13 * 2^30 (mul's wrapped products count three times: at most 1 + 3 * 4 quarters, or 1 + 3 * 2 quarters
   * of pairs of high words, each at most 2^31 in magnitude). With 2^64 = 2^32 - 1 and 2^96 = -1 (mod p) that is
   * (q2 + q1) * 2^32 + (q0 - q2 - q3); adding 32 p, written as (2^37 - 64) * 2^32 + (2^37 + 32), makes the low
   * part non-negative without changing the value mod p.
   */
  private static long fromQuarters(long q0, long q1, long q2, long q3) {
    long high = q2 + q1 + (1L << 37) - 64;
    long low = q0 - q2 - q3 + (1L << 37) + 32;
    return Goldilocks.canonical(Goldilocks.fromHalves(low, high));
  }

  /** The k-th power of the Frobenius map, a -> a^(p^k), for k in 0..4. */
  static void frobenius(long[] r, long[] a, int k) {
    long[] f = FROBENIUS[k];
    for (int i = 0; i < LIMBS; i++) {
      r[i] = Goldilocks.mul(a[i], f[i]);
    }
  }

  /** Product of the four non-trivial conjugates of a; a times it is the norm of a, an element of GF(p). */
  private static void conjugateProduct(long[] t, long[] a) {
    long[] f = new long[LIMBS];
    frobenius(t, a, 1);
    frobenius(f, a, 2);
    mul(t, t, f);
    frobenius(f, a, 3);
    mul(t, t, f);
    frobenius(f, a, 4);
    mul(t, t, f);
  }

  /** Limb 0 of a*t: the product is known to lie in GF(p), so the other limbs are not computed. */
  private static long productInBaseField(long[] a, long[] t) {
    return dot5(signedForm(a[0]), signedForm(t[0]), signedForm(a[1]), signedForm(times3(t[4])),
        signedForm(a[2]), signedForm(times3(t[3])), signedForm(a[3]), signedForm(times3(t[2])),
        signedForm(a[4]), signedForm(times3(t[1])));
  }

  /** Inverse; the inverse of 0 is 0. */
  static void inverse(long[] r, long[] a) {
    long[] t = new long[LIMBS];
    conjugateProduct(t, a);
    long norm = productInBaseField(a, t);
    mulBase(r, t, Goldilocks.inverse(norm));
  }

  static void mulBase(long[] r, long[] a, long k) {
    r[0] = Goldilocks.mul(a[0], k);
    r[1] = Goldilocks.mul(a[1], k);
    r[2] = Goldilocks.mul(a[2], k);
    r[3] = Goldilocks.mul(a[3], k);
    r[4] = Goldilocks.mul(a[4], k);
  }

  /** Legendre symbol as a field element: 1 (non-zero square), p - 1 (non-square) or 0. */
  static long legendre(long[] a) {
    long[] t = new long[LIMBS];
    conjugateProduct(t, a);
    return Goldilocks.legendre(productInBaseField(a, t));
  }

  /**
   * Square root; writes a root into r and returns true, or returns false (r untouched) when a is not a square.
   * Which of the two roots is returned is unspecified. With r = 1 + p + p^2 + p^3 + p^4, a^r lies in GF(p)
   * and sqrt(a) = sqrt(a^r) / a^((r-1)/2), where a^((r-1)/2) = frob1(d * frob2(d)) for d = a^((p+1)/2).
   */
  static boolean sqrt(long[] r, long[] a) {
    long[] d = new long[LIMBS];
    long[] y = new long[LIMBS];
    // d = a^((p+1)/2) = (a^(2^32-1))^(2^31) * a
    copy(d, a);
    for (int i = 1; i < 32; i++) {
      square(d, d);
      mul(d, d, a);
    }
    for (int i = 0; i < 31; i++) {
      square(d, d);
    }
    mul(d, d, a);
    frobenius(y, d, 2);
    mul(d, d, y);
    frobenius(d, d, 1);
    square(y, d);
    long norm = productInBaseField(a, y);
    long baseRoot = Goldilocks.sqrt(norm);
    if (Goldilocks.square(baseRoot) != norm) {
      return false;
    }
    inverse(d, d);
    mulBase(r, d, baseRoot);
    return true;
  }

  /** 40-byte little-endian encoding of the canonical limbs. */
  static void toBytes(long[] a, byte[] out, int offset) {
    for (int i = 0; i < LIMBS; i++) {
      long v = a[i];
      for (int j = 0; j < 8; j++) {
        out[offset + 8 * i + j] = (byte) (v >>> (8 * j));
      }
    }
  }

  static byte[] toBytes(long[] a) {
    byte[] out = new byte[BYTES];
    toBytes(a, out, 0);
    return out;
  }

  /** Reads 5 little-endian 64-bit limbs without reducing them. */
  static long[] rawLimbs(byte[] in, int offset) {
    long[] r = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      long v = 0;
      for (int j = 7; j >= 0; j--) {
        v = (v << 8) | (in[offset + 8 * i + j] & 0xFF);
      }
      r[i] = v;
    }
    return r;
  }

  static boolean isCanonical(long[] a) {
    for (long limb : a) {
      if (Long.compareUnsigned(limb, Goldilocks.P) >= 0) {
        return false;
      }
    }
    return true;
  }
}
