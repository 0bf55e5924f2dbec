package io.copytrader.lighter.signer;

import java.util.Arrays;

/**
 * A mutable element of the ECgFp5 group in Pornin's fractional (x, u) coordinates: x = X/Z, u = U/T with
 * u = x/y, the neutral having u = 0. The addition formulas are complete (no special cases), so scalar
 * multiplication needs no branches on the points. Each instance owns its temporaries: arithmetic on it
 * allocates nothing.
 */
final class EcPoint {

  /** The curve's b constant is B1 * z. */
  private static final long B1 = 263;
  private static final long[] A = {2, 0, 0, 0, 0};
  private static final long[] B_MUL4 = {0, 4 * B1, 0, 0, 0};
  private static final long[] GENERATOR_X = {
      Long.parseUnsignedLong("12883135586176881569"), Long.parseUnsignedLong("4356519642755055268"),
      Long.parseUnsignedLong("5248930565894896907"), Long.parseUnsignedLong("2165973894480315022"),
      Long.parseUnsignedLong("2448410071095648785")};
  /** u = 1/4 for the generator, whose encoding is w = 4. */
  private static final long GENERATOR_U = Long.parseUnsignedLong("13835058052060938241");

  final long[] x = new long[5];
  final long[] z = new long[5];
  final long[] u = new long[5];
  final long[] t = new long[5];

  private final long[] t1 = new long[5];
  private final long[] t2 = new long[5];
  private final long[] t3 = new long[5];
  private final long[] t4 = new long[5];
  private final long[] t5 = new long[5];
  private final long[] t6 = new long[5];
  private final long[] t7 = new long[5];
  private final long[] t8 = new long[5];
  private final long[] t9 = new long[5];
  private final long[] t10 = new long[5];

  EcPoint() {
    setNeutral();
  }

  static EcPoint generator() {
    EcPoint g = new EcPoint();
    Gfp5.copy(g.x, GENERATOR_X);
    g.z[0] = 1;
    g.u[0] = GENERATOR_U;
    g.t[0] = 1;
    return g;
  }

  void setNeutral() {
    Arrays.fill(x, 0);
    Arrays.fill(z, 0);
    Arrays.fill(u, 0);
    Arrays.fill(t, 0);
    z[0] = 1;
    t[0] = 1;
  }

  /** this = (x, u) given in affine coordinates; (0, 0) is the neutral. */
  void setAffine(long[] x2, long[] u2) {
    Gfp5.copy(x, x2);
    Gfp5.copy(u, u2);
    Arrays.fill(z, 0);
    Arrays.fill(t, 0);
    z[0] = 1;
    t[0] = 1;
  }

  void set(EcPoint p) {
    Gfp5.copy(x, p.x);
    Gfp5.copy(z, p.z);
    Gfp5.copy(u, p.u);
    Gfp5.copy(t, p.t);
  }

  EcPoint copy() {
    EcPoint c = new EcPoint();
    c.set(this);
    return c;
  }

  void negate() {
    Gfp5.neg(u, u);
  }

  /** this += p (10M). */
  void add(EcPoint p) {
    Gfp5.mul(t1, x, p.x);
    Gfp5.mul(t2, z, p.z);
    Gfp5.mul(t3, u, p.u);
    Gfp5.mul(t4, t, p.t);
    Gfp5.add(t5, x, z);
    Gfp5.add(t6, p.x, p.z);
    Gfp5.mul(t5, t5, t6);
    Gfp5.sub(t5, t5, t1);
    Gfp5.sub(t5, t5, t2);
    Gfp5.add(t6, u, t);
    Gfp5.add(t7, p.u, p.t);
    Gfp5.mul(t6, t6, t7);
    Gfp5.sub(t6, t6, t3);
    Gfp5.sub(t6, t6, t4);
    finishAdd();
  }

  /** this += (x2, u2) given in affine coordinates; (0, 0) is the neutral (8M). */
  void addAffine(long[] x2, long[] u2) {
    Gfp5.mul(t1, x, x2);
    Gfp5.copy(t2, z);
    Gfp5.mul(t3, u, u2);
    Gfp5.copy(t4, t);
    Gfp5.mul(t5, x2, z);
    Gfp5.add(t5, t5, x);
    Gfp5.mul(t6, u2, t);
    Gfp5.add(t6, t6, u);
    finishAdd();
  }

  /** Common tail of both additions, from t1 = X1X2, t2 = Z1Z2, t3 = U1U2, t4 = T1T2, t5, t6. */
  private void finishAdd() {
    // t2 = b*t2, used twice; t7 = t1 + b*t2
    Gfp5.mulSmallZ(t2, t2, B1);
    Gfp5.add(t7, t2, t1);
    // t8 = t4 * t7
    Gfp5.mul(t8, t4, t7);
    // t9 = t3 * (2b*t5 + 2*t7) = (2*t3) * (b*t5 + t7), with 2*t3 shared with t10
    Gfp5.dbl(t3, t3);
    Gfp5.mulSmallZ(t9, t5, B1);
    Gfp5.add(t9, t9, t7);
    Gfp5.mul(t9, t3, t9);
    // t10 = (t4 + 2*t3) * (t5 + t7)
    Gfp5.add(t10, t4, t3);
    Gfp5.add(t5, t5, t7);
    Gfp5.mul(t10, t10, t5);
    // X = b*(t10 - t8); Z = t8 - t9; U = t6 * (b*t2 - t1); T = t8 + t9
    Gfp5.sub(t10, t10, t8);
    Gfp5.mulSmallZ(x, t10, B1);
    Gfp5.sub(z, t8, t9);
    Gfp5.sub(t2, t2, t1);
    Gfp5.mul(u, t6, t2);
    Gfp5.add(t, t8, t9);
  }

  /** this = 2 * this (4M + 5S). */
  void dbl() {
    Gfp5.mul(t1, z, t);
    Gfp5.mul(t2, t1, t);
    Gfp5.square(t5, t2);
    Gfp5.mul(t6, t1, u);
    Gfp5.square(t3, u);
    Gfp5.add(t7, x, z);
    Gfp5.dbl(t7, t7);
    Gfp5.mul(t7, t7, t3);
    Gfp5.sub(t7, t2, t7);
    Gfp5.square(t4, t6);
    Gfp5.mulSmallZ(x, t4, 4 * B1);
    Gfp5.square(z, t7);
    Gfp5.add(u, t7, t6);
    Gfp5.square(u, u);
    Gfp5.sub(u, u, t4);
    Gfp5.sub(u, u, z);
    Gfp5.dbl(t, t5);
    Gfp5.mulSmall(t4, t4, 4);
    Gfp5.sub(t, t, t4);
    Gfp5.sub(t, t, z);
  }

  /**
   * this = 2^n * this with Pornin's repeated-doubling formulas, n*(2M + 5S) + 2M + 1S instead of n*(4M + 5S):
   * the intermediate values are kept in (X, W, Z) form and only the last step returns to (X, Z, U, T).
   */
  void mdouble(int n) {
    if (n < 2) {
      if (n == 1) {
        dbl();
      }
      return;
    }
    long[] xx = t6;
    long[] ww = t7;
    long[] zz = t8;
    Gfp5.mul(t1, z, t);
    Gfp5.mul(t2, t1, t);
    Gfp5.square(t9, t2);
    Gfp5.mul(t10, t1, u);
    Gfp5.square(t3, u);
    Gfp5.add(t4, x, z);
    Gfp5.dbl(t4, t4);
    Gfp5.mul(t4, t4, t3);
    Gfp5.sub(t4, t2, t4);
    // t9 = X1, t10 = Z1, t4 = W1
    Gfp5.square(t1, t4);
    Gfp5.square(t5, t10);
    Gfp5.square(xx, t5);
    Gfp5.mulSmallZ(xx, xx, 16 * B1);
    Gfp5.dbl(ww, t9);
    Gfp5.mulSmall(t2, t5, 4);
    Gfp5.sub(ww, ww, t2);
    Gfp5.sub(ww, ww, t1);
    Gfp5.add(zz, t4, t10);
    Gfp5.square(zz, zz);
    Gfp5.sub(zz, zz, t1);
    Gfp5.sub(zz, zz, t5);
    for (int i = 2; i < n; i++) {
      Gfp5.square(t1, zz);
      Gfp5.square(t2, t1);
      Gfp5.square(t3, ww);
      Gfp5.square(t4, t3);
      Gfp5.add(t5, ww, zz);
      Gfp5.square(t5, t5);
      Gfp5.sub(t5, t5, t1);
      Gfp5.sub(t5, t5, t3);
      // Z = t5 * (2(X + t1) - t3)
      Gfp5.add(t9, xx, t1);
      Gfp5.dbl(t9, t9);
      Gfp5.sub(t9, t9, t3);
      Gfp5.mul(zz, t5, t9);
      // X = 16b * t2 * t4
      Gfp5.mul(xx, t2, t4);
      Gfp5.mulSmallZ(xx, xx, 16 * B1);
      // W = -t4 - (4b - 4) * t2
      Gfp5.mulSmall(t9, t2, 4);
      Gfp5.mulSmallZ(t10, t2, 4 * B1);
      Gfp5.sub(t9, t9, t10);
      Gfp5.sub(ww, t9, t4);
    }
    Gfp5.square(t1, ww);
    Gfp5.square(t2, zz);
    Gfp5.add(t3, ww, zz);
    Gfp5.square(t3, t3);
    Gfp5.sub(t3, t3, t1);
    Gfp5.sub(t3, t3, t2);
    // W1 = t1 - 2(X + t2)
    Gfp5.add(t4, xx, t2);
    Gfp5.dbl(t4, t4);
    Gfp5.sub(t4, t1, t4);
    Gfp5.square(x, t3);
    Gfp5.mulSmallZ(x, x, B1);
    Gfp5.square(z, t4);
    Gfp5.mul(u, t3, t4);
    // T = 2 t1 (t1 - 2 t2) - Z
    Gfp5.dbl(t2, t2);
    Gfp5.sub(t2, t1, t2);
    Gfp5.dbl(t1, t1);
    Gfp5.mul(t, t1, t2);
    Gfp5.sub(t, t, z);
  }

  /** The canonical encoding w = 1/u = T/U (0 for the neutral). */
  long[] encode() {
    long[] w = new long[5];
    Gfp5.inverse(w, u);
    Gfp5.mul(w, w, t);
    return w;
  }

  /**
   * Decodes an encoding w (canonical limbs), or returns null when w is not the encoding of a group element.
   */
  static EcPoint decode(long[] w) {
    EcPoint p = new EcPoint();
    if (Gfp5.isZero(w)) {
      return p;
    }
    // y = w x turns the curve equation into x^2 - (w^2 - a) x + b = 0; keep the root that is not a square.
    long[] e = new long[5];
    Gfp5.square(e, w);
    Gfp5.sub(e, e, A);
    long[] delta = new long[5];
    Gfp5.square(delta, e);
    Gfp5.sub(delta, delta, B_MUL4);
    long[] r = new long[5];
    if (!Gfp5.sqrt(r, delta)) {
      return null;
    }
    long[] x1 = new long[5];
    Gfp5.add(x1, e, r);
    Gfp5.half(x1, x1);
    if (Gfp5.legendre(x1) == 1) {
      Gfp5.sub(x1, e, r);
      Gfp5.half(x1, x1);
    }
    Gfp5.copy(p.x, x1);
    p.z[0] = 1;
    p.u[0] = 1;
    Gfp5.copy(p.t, w);
    return p;
  }

  /** Variable-base multiplication by a scalar given as limbs (signed 5-bit windows; not constant-time). */
  static EcPoint multiply(EcPoint base, long[] scalarLimbs) {
    final int window = 5;
    EcPoint[] multiples = new EcPoint[1 << (window - 1)];
    multiples[0] = base.copy();
    for (int i = 1; i < multiples.length; i++) {
      multiples[i] = multiples[i - 1].copy();
      multiples[i].add(base);
    }
    int[] digits = Scalar.recodeSigned(scalarLimbs, window);
    EcPoint acc = new EcPoint();
    EcPoint term = new EcPoint();
    for (int i = digits.length - 1; i >= 0; i--) {
      acc.mdouble(window);
      int digit = digits[i];
      if (digit != 0) {
        term.set(multiples[Math.abs(digit) - 1]);
        if (digit < 0) {
          term.negate();
        }
        acc.add(term);
      }
    }
    return acc;
  }
}
