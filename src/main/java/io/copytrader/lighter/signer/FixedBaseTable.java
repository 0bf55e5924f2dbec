package io.copytrader.lighter.signer;

import java.util.Arrays;

/**
 * Fixed-base multiplication of a point P: for every signed window position i and digit d in 1..2^(w-1), the
 * affine point d * 2^(w i) * P is precomputed, so k * P costs one affine addition per window and no doubling,
 * about a fifth of a variable-base multiplication. Building a table costs about as much as a few dozen
 * multiplications, so it pays for the generator and for a public key that verifies many signatures.
 *
 * <p>For G, k is a signing nonce, and a few leaked bits per signature are enough to recover the key from many
 * signatures, so the lookup reads every entry of a window and the addition is done for every window, zero
 * digits included: the sequence of operations and of memory accesses does not depend on k.
 */
final class FixedBaseTable {

  static final int WINDOW = 6;
  private static final int DIGITS_PER_WINDOW = 1 << (WINDOW - 1);
  private static final int WINDOWS = (319 + WINDOW) / WINDOW;
  /** Per point: x (5 limbs) then u (5 limbs). */
  private static final int STRIDE = 10;

  private final long[] table;

  private FixedBaseTable(long[] table) {
    this.table = table;
  }

  /** The table of G, built once, on first use (class initialisation is the lazy holder). */
  static FixedBaseTable generator() {
    return Generator.TABLE;
  }

  /** The table of {@code base}, which must not be the neutral. */
  static FixedBaseTable of(EcPoint base) {
    return new FixedBaseTable(build(base));
  }

  /** k * P for a scalar k below n, given as limbs. */
  EcPoint multiply(long[] scalarLimbs) {
    int[] digits = Scalar.recodeSigned(scalarLimbs, WINDOW);
    EcPoint acc = new EcPoint();
    long[] x = new long[5];
    long[] u = new long[5];
    for (int i = 0; i < digits.length; i++) {
      lookup(i, digits[i], x, u);
      acc.addAffine(x, u);
    }
    return acc;
  }

  /** Writes digit * 2^(w window) * P into (x, u); digit 0 gives the affine neutral (0, 0). */
  private void lookup(int window, int digit, long[] x, long[] u) {
    int sign = digit >> 31;
    int magnitude = (digit ^ sign) - sign;
    // The scan accumulates in locals, not in x and u: the JIT cannot tell those arrays from the table, so
    // writing them would store and reload every limb for every entry.
    long x0 = 0;
    long x1 = 0;
    long x2 = 0;
    long x3 = 0;
    long x4 = 0;
    long u0 = 0;
    long u1 = 0;
    long u2 = 0;
    long u3 = 0;
    long u4 = 0;
    long[] t = table;
    int offset = window * DIGITS_PER_WINDOW * STRIDE;
    for (int j = 1; j <= DIGITS_PER_WINDOW; j++, offset += STRIDE) {
      long selected = ((j ^ magnitude) - 1) >> 31;
      x0 |= t[offset] & selected;
      x1 |= t[offset + 1] & selected;
      x2 |= t[offset + 2] & selected;
      x3 |= t[offset + 3] & selected;
      x4 |= t[offset + 4] & selected;
      u0 |= t[offset + 5] & selected;
      u1 |= t[offset + 6] & selected;
      u2 |= t[offset + 7] & selected;
      u3 |= t[offset + 8] & selected;
      u4 |= t[offset + 9] & selected;
    }
    x[0] = x0;
    x[1] = x1;
    x[2] = x2;
    x[3] = x3;
    x[4] = x4;
    long negative = sign;
    u[0] = negateIf(u0, negative);
    u[1] = negateIf(u1, negative);
    u[2] = negateIf(u2, negative);
    u[3] = negateIf(u3, negative);
    u[4] = negateIf(u4, negative);
  }

  /** -limb mod p when mask is all ones, limb when it is zero, without a branch. */
  private static long negateIf(long limb, long mask) {
    long negated = (Goldilocks.P - limb) & ((limb | -limb) >> 63);
    return limb ^ ((limb ^ negated) & mask);
  }

  private static long[] build(EcPoint point) {
    int count = WINDOWS * DIGITS_PER_WINDOW;
    EcPoint[] points = new EcPoint[count];
    EcPoint base = point.copy();
    for (int i = 0; i < WINDOWS; i++) {
      int first = i * DIGITS_PER_WINDOW;
      points[first] = base.copy();
      for (int j = 1; j < DIGITS_PER_WINDOW; j++) {
        EcPoint next = points[first + j - 1].copy();
        next.add(base);
        points[first + j] = next;
      }
      base = points[first + DIGITS_PER_WINDOW - 1].copy();
      base.dbl();
    }
    return toAffine(points);
  }

  /** x = X/Z and u = U/T for all points with a single inversion (Montgomery's trick on the products Z*T). */
  private static long[] toAffine(EcPoint[] points) {
    int count = points.length;
    long[][] prefix = new long[count][5];
    long[] product = Gfp5.one();
    long[] zt = new long[5];
    for (int i = 0; i < count; i++) {
      Gfp5.mul(zt, points[i].z, points[i].t);
      Gfp5.mul(product, product, zt);
      Gfp5.copy(prefix[i], product);
    }
    long[] inverse = new long[5];
    Gfp5.inverse(inverse, product);
    long[] table = new long[count * STRIDE];
    long[] ztInverse = new long[5];
    long[] coordinate = new long[5];
    for (int i = count - 1; i >= 0; i--) {
      EcPoint p = points[i];
      if (i > 0) {
        Gfp5.mul(ztInverse, inverse, prefix[i - 1]);
      } else {
        Gfp5.copy(ztInverse, inverse);
      }
      Gfp5.mul(zt, p.z, p.t);
      Gfp5.mul(inverse, inverse, zt);
      Gfp5.mul(coordinate, p.x, p.t);
      Gfp5.mul(coordinate, coordinate, ztInverse);
      System.arraycopy(coordinate, 0, table, i * STRIDE, 5);
      Gfp5.mul(coordinate, p.u, p.z);
      Gfp5.mul(coordinate, coordinate, ztInverse);
      System.arraycopy(coordinate, 0, table, i * STRIDE + 5, 5);
    }
    return table;
  }

  private static final class Generator {

    static final FixedBaseTable TABLE = of(EcPoint.generator());
  }
}
