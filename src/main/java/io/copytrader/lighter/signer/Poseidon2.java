package io.copytrader.lighter.signer;

/**
 * Poseidon2 over Goldilocks as used by Lighter (poseidon_crypto v0.0.15): width 12, rate 8, x^7 S-box,
 * 4 + 4 full rounds around 22 partial rounds, and the no-padding overwrite-mode sponge ({@code HashNToMNoPad}).
 */
public final class Poseidon2 {

  public static final int WIDTH = 12;
  public static final int RATE = 8;
  private static final int HALF_FULL_ROUNDS = 4;
  private static final int PARTIAL_ROUNDS = 22;
  private static final long LOW_HALF = 0xFFFFFFFFL;

  private Poseidon2() {
  }

  /** Permutes a 12-element state in place; elements are taken mod p and left canonical. */
  public static void permute(long[] state) {
    if (state.length != WIDTH) {
      throw new IllegalArgumentException("Poseidon2 state must have 12 elements");
    }
    permuteInPlace(state);
  }

  // Inside the permutation lanes are any 64-bit values congruent to the state mod p: the arithmetic accepts
  // them, so only the last step makes them canonical. This and the lazy reductions below save about a third of
  // the work of reducing every intermediate value to [0, p).

  /** Permutes 12 elements given as any 64-bit values (taken mod p), leaving them canonical. */
  static void permuteInPlace(long[] s) {
    externalLinearLayer(s);
    for (int r = 0; r < HALF_FULL_ROUNDS; r++) {
      fullRound(s, Poseidon2Constants.EXTERNAL[r]);
    }
    partialRounds(s);
    for (int r = HALF_FULL_ROUNDS; r < 2 * HALF_FULL_ROUNDS; r++) {
      fullRound(s, Poseidon2Constants.EXTERNAL[r]);
    }
    for (int i = 0; i < WIDTH; i++) {
      s[i] = Goldilocks.canonical(s[i]);
    }
  }

  private static void fullRound(long[] s, long[] constants) {
    for (int i = 0; i < WIDTH; i++) {
      s[i] = sbox(addConstant(s[i], constants[i]));
    }
    externalLinearLayer(s);
  }

  private static void partialRounds(long[] s) {
    long[] diag = Poseidon2Constants.DIAG;
    long[] internal = Poseidon2Constants.INTERNAL;
    for (int r = 0; r < PARTIAL_ROUNDS; r++) {
      long s0 = sbox(addConstant(s[0], internal[r]));
      // Internal layer s[i] = s[i] * DIAG[i] + sum(s). Lanes 1-11 are summed first, which does not wait for
      // the S-box, so only one addition of the sum follows it on the round's critical path.
      long sumLow = 0;
      long sumHigh = 0;
      for (int i = 1; i < WIDTH; i++) {
        sumLow += s[i] & LOW_HALF;
        sumHigh += s[i] >>> 32;
      }
      long sum = Goldilocks.fromHalves(sumLow + (s0 & LOW_HALF), sumHigh + (s0 >>> 32));
      s[0] = Goldilocks.mulAddLazy(s0, diag[0], sum);
      for (int i = 1; i < WIDTH; i++) {
        s[i] = Goldilocks.mulAddLazy(s[i], diag[i], sum);
      }
    }
  }

  /** x + c for any 64-bit x and a canonical constant c; a carry (worth EPSILON) cannot carry again. */
  private static long addConstant(long x, long c) {
    long sum = x + c;
    return sum + (Long.compareUnsigned(sum, c) < 0 ? Goldilocks.EPSILON : 0);
  }

  private static long sbox(long x) {
    long x2 = Goldilocks.mulLazy(x, x);
    long x3 = Goldilocks.mulLazy(x2, x);
    long x4 = Goldilocks.mulLazy(x2, x2);
    return Goldilocks.mulLazy(x3, x4);
  }

  /**
   * Applies circ(2*M4, M4, M4), M4 = [[2,3,1,1],[1,2,3,1],[1,1,2,3],[3,1,1,2]]. By linearity block j becomes
   * M4(x_j + X) with X the sum of the three blocks. Lanes are split into 32-bit halves: the weights of an
   * output add up to 28, so the halves' sums stay below 2^37 and need neither carries nor reductions until
   * each output is rebuilt once from its two halves.
   */
  private static void externalLinearLayer(long[] s) {
    long sumLow0 = (s[0] & LOW_HALF) + (s[4] & LOW_HALF) + (s[8] & LOW_HALF);
    long sumLow1 = (s[1] & LOW_HALF) + (s[5] & LOW_HALF) + (s[9] & LOW_HALF);
    long sumLow2 = (s[2] & LOW_HALF) + (s[6] & LOW_HALF) + (s[10] & LOW_HALF);
    long sumLow3 = (s[3] & LOW_HALF) + (s[7] & LOW_HALF) + (s[11] & LOW_HALF);
    long sumHigh0 = (s[0] >>> 32) + (s[4] >>> 32) + (s[8] >>> 32);
    long sumHigh1 = (s[1] >>> 32) + (s[5] >>> 32) + (s[9] >>> 32);
    long sumHigh2 = (s[2] >>> 32) + (s[6] >>> 32) + (s[10] >>> 32);
    long sumHigh3 = (s[3] >>> 32) + (s[7] >>> 32) + (s[11] >>> 32);
    for (int c = 0; c < WIDTH; c += 4) {
      long aLow = (s[c] & LOW_HALF) + sumLow0;
      long bLow = (s[c + 1] & LOW_HALF) + sumLow1;
      long cLow = (s[c + 2] & LOW_HALF) + sumLow2;
      long dLow = (s[c + 3] & LOW_HALF) + sumLow3;
      long aHigh = (s[c] >>> 32) + sumHigh0;
      long bHigh = (s[c + 1] >>> 32) + sumHigh1;
      long cHigh = (s[c + 2] >>> 32) + sumHigh2;
      long dHigh = (s[c + 3] >>> 32) + sumHigh3;
      long totalLow = aLow + bLow + cLow + dLow;
      long totalHigh = aHigh + bHigh + cHigh + dHigh;
      // Row i of M4 is the total plus lane i plus twice lane i + 1 (indices mod 4).
      s[c] = Goldilocks.fromHalves(totalLow + aLow + (bLow << 1), totalHigh + aHigh + (bHigh << 1));
      s[c + 1] = Goldilocks.fromHalves(totalLow + bLow + (cLow << 1), totalHigh + bHigh + (cHigh << 1));
      s[c + 2] = Goldilocks.fromHalves(totalLow + cLow + (dLow << 1), totalHigh + cHigh + (dHigh << 1));
      s[c + 3] = Goldilocks.fromHalves(totalLow + dLow + (aLow << 1), totalHigh + dHigh + (aHigh << 1));
    }
  }

  /**
   * {@code HashNToMNoPad}: absorbs the inputs 8 at a time by overwriting the rate lanes (other lanes keep their
   * value), then squeezes {@code outputs} elements. Inputs are raw 64-bit words taken mod p.
   */
  public static long[] hashNToM(long[] inputs, int outputs) {
    long[] state = new long[WIDTH];
    for (int start = 0; start < inputs.length; start += RATE) {
      int end = Math.min(start + RATE, inputs.length);
      for (int j = start; j < end; j++) {
        state[j - start] = inputs[j];
      }
      permuteInPlace(state);
    }
    long[] out = new long[outputs];
    int produced = 0;
    while (true) {
      for (int j = 0; j < RATE && produced < outputs; j++) {
        out[produced++] = state[j];
      }
      if (produced == outputs) {
        return out;
      }
      permuteInPlace(state);
    }
  }

  /** {@code HashToQuinticExtension}: the first 5 sponge outputs, read as a GF(p^5) element (H5). */
  public static long[] hashToQuinticExtension(long[] inputs) {
    return hashNToM(inputs, Gfp5.LIMBS);
  }

  /** {@code HashNoPad}: the first 4 sponge outputs. */
  public static long[] hashNoPad(long[] inputs) {
    return hashNToM(inputs, 4);
  }
}
