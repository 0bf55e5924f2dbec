package io.copytrader.lighter.signer;

import java.util.Arrays;

/**
 * Fixed-base multiplication of a point P: for every signed window position i and digit d in 1..2^(w-1), the
 * affine point d * 2^(w i) * P is precomputed, so k * P costs one affine addition per window and no doubling,
 * about a fifth of a variable-base multiplication. Building a table costs about as much as a few dozen
 * multiplications, so it pays for the generator and for a public key that verifies many signatures.
 *
 * <p>For G, k is a signing nonce, and a few leaked bits per signature are enough to recover the key from many
 * signatures, so the lookup reads every entry of every window and the addition is done for every window after the
 * first, zero digits included: the sequence of operations and of memory accesses does not depend on k.
 */
final class FixedBaseTable {

  /**
   * Window of the generator's table (46 windows of 64 digits, 235 KB): k * G is the nonce's commitment in every
   * signature, and against 6 bits (54 windows of 32) the 8 additions saved are worth more than the longer scan.
   */
  static final int GENERATOR_WINDOW = 7;
  /** Window of a public key's table, one per key a paper exchange verifies: 54 windows of 32 digits, 138 KB. */
  static final int KEY_WINDOW = 6;
  /** Per point: x (5 limbs) then u (5 limbs). */
  private static final int STRIDE = 10;

  private final int window;
  /**
   * entries[d - 1] holds d * 2^(w i) * P for every window i in turn, STRIDE limbs each: a scan for the digit d reads
   * one array at the same index as the windows' magnitudes and the selected limbs, a loop the JIT vectorizes.
   */
  private final long[][] entries;

  private FixedBaseTable(int window, long[][] entries) {
    this.window = window;
    this.entries = entries;
  }

  /** The table of G, built once, on first use (class initialisation is the lazy holder). */
  static FixedBaseTable generator() {
    return Generator.TABLE;
  }

  /** The table of {@code base}, which must not be the neutral. */
  static FixedBaseTable of(EcPoint base) {
    return of(base, KEY_WINDOW);
  }

  /** The table of {@code base} (not the neutral) for signed windows of {@code window} bits. */
  static FixedBaseTable of(EcPoint base, int window) {
    return new FixedBaseTable(window, toAffine(multiples(base, window), 1 << (window - 1)));
  }

  /** k * P for a scalar k below n, given as limbs. */
  EcPoint multiply(long[] scalarLimbs) {
    int[] digits = Scalar.recodeSigned(scalarLimbs, window);
    long[] selected = select(digits);
    EcPoint acc = new EcPoint();
    long[] x = new long[5];
    long[] u = new long[5];
    for (int i = 0; i < digits.length; i++) {
      int offset = i * STRIDE;
      long negative = digits[i] >> 31;
      for (int limb = 0; limb < 5; limb++) {
        x[limb] = selected[offset + limb];
        u[limb] = negateIf(selected[offset + 5 + limb], negative);
      }
      if (i == 0) {
        // The first window's point (the affine neutral (0, 0) included) is the sum so far: no addition needed.
        acc.setAffine(x, u);
      } else {
        acc.addAffine(x, u);
      }
    }
    return acc;
  }

  /**
   * For every window i, the limbs of |digit_i| * 2^(w i) * P, or zeros (the affine neutral) for a zero digit. Every
   * entry of every window is read and masked, whatever the digits.
   */
  private long[] select(int[] digits) {
    long[] magnitudes = new long[digits.length * STRIDE];
    for (int i = 0; i < digits.length; i++) {
      int digit = digits[i];
      int sign = digit >> 31;
      Arrays.fill(magnitudes, i * STRIDE, (i + 1) * STRIDE, (digit ^ sign) - sign);
    }
    long[] selected = new long[magnitudes.length];
    // Four digits a pass: 32 and 64 digits a window are multiples of four. Eight would not be vectorized.
    for (int d = 1; d <= entries.length; d += 4) {
      accumulate(selected, entries[d - 1], entries[d], entries[d + 1], entries[d + 2], magnitudes, d);
    }
    return selected;
  }

  /**
   * ORs into selected the limbs of the entries of digits d..d+3 whose window's magnitude is that digit. All arrays
   * share their index, so the JIT vectorizes the loop; four digits a pass read and write selected a quarter as often.
   */
  private static void accumulate(long[] selected, long[] e0, long[] e1, long[] e2, long[] e3, long[] magnitudes,
      long d) {
    long d1 = d + 1;
    long d2 = d + 2;
    long d3 = d + 3;
    for (int k = 0; k < selected.length; k++) {
      // (digit ^ magnitude) - 1 is negative exactly when they are equal: the mask is then all ones.
      long m = magnitudes[k];
      selected[k] |= (e0[k] & (((d ^ m) - 1) >> 63)) | (e1[k] & (((d1 ^ m) - 1) >> 63))
          | (e2[k] & (((d2 ^ m) - 1) >> 63)) | (e3[k] & (((d3 ^ m) - 1) >> 63));
    }
  }

  /** -limb mod p when mask is all ones, limb when it is zero, without a branch. */
  private static long negateIf(long limb, long mask) {
    long negated = (Goldilocks.P - limb) & ((limb | -limb) >> 63);
    return limb ^ ((limb ^ negated) & mask);
  }

  /** d * 2^(w i) * P for every window i and digit d, window by window. */
  private static EcPoint[] multiples(EcPoint point, int window) {
    int digitsPerWindow = 1 << (window - 1);
    int windows = (Scalar.BITS + window) / window;
    EcPoint[] points = new EcPoint[windows * digitsPerWindow];
    EcPoint base = point.copy();
    for (int i = 0; i < windows; i++) {
      int first = i * digitsPerWindow;
      points[first] = base.copy();
      for (int j = 1; j < digitsPerWindow; j++) {
        EcPoint next = points[first + j - 1].copy();
        next.add(base);
        points[first + j] = next;
      }
      base = points[first + digitsPerWindow - 1].copy();
      base.dbl();
    }
    return points;
  }

  /** x = X/Z and u = U/T for all points with a single inversion (Montgomery's trick on the products Z*T). */
  private static long[][] toAffine(EcPoint[] points, int digitsPerWindow) {
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
    long[][] table = new long[digitsPerWindow][count / digitsPerWindow * STRIDE];
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
      long[] entry = table[i % digitsPerWindow];
      int offset = i / digitsPerWindow * STRIDE;
      Gfp5.mul(coordinate, p.x, p.t);
      Gfp5.mul(coordinate, coordinate, ztInverse);
      System.arraycopy(coordinate, 0, entry, offset, 5);
      Gfp5.mul(coordinate, p.u, p.z);
      Gfp5.mul(coordinate, coordinate, ztInverse);
      System.arraycopy(coordinate, 0, entry, offset + 5, 5);
    }
    return table;
  }

  private static final class Generator {

    static final FixedBaseTable TABLE = of(EcPoint.generator(), GENERATOR_WINDOW);
  }
}
