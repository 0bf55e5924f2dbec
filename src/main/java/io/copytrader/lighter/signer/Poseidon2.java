package io.copytrader.lighter.signer;

import static io.copytrader.lighter.signer.Goldilocks.add;
import static io.copytrader.lighter.signer.Goldilocks.mul;

/**
 * Poseidon2 over Goldilocks as used by Lighter (poseidon_crypto v0.0.15): width 12, rate 8, x^7 S-box,
 * 4 + 4 full rounds around 22 partial rounds, and the no-padding overwrite-mode sponge ({@code HashNToMNoPad}).
 */
public final class Poseidon2 {

  public static final int WIDTH = 12;
  public static final int RATE = 8;
  private static final int HALF_FULL_ROUNDS = 4;
  private static final int PARTIAL_ROUNDS = 22;

  private Poseidon2() {
  }

  /** Permutes a 12-element state in place; elements are taken mod p and left canonical. */
  public static void permute(long[] state) {
    if (state.length != WIDTH) {
      throw new IllegalArgumentException("Poseidon2 state must have 12 elements");
    }
    for (int i = 0; i < WIDTH; i++) {
      state[i] = Goldilocks.canonical(state[i]);
    }
    permuteCanonical(state);
  }

  static void permuteCanonical(long[] s) {
    externalLinearLayer(s);
    for (int r = 0; r < HALF_FULL_ROUNDS; r++) {
      fullRound(s, Poseidon2Constants.EXTERNAL[r]);
    }
    long[] diag = Poseidon2Constants.DIAG;
    long[] internal = Poseidon2Constants.INTERNAL;
    for (int r = 0; r < PARTIAL_ROUNDS; r++) {
      s[0] = sbox(add(s[0], internal[r]));
      internalLinearLayer(s, diag);
    }
    for (int r = HALF_FULL_ROUNDS; r < 2 * HALF_FULL_ROUNDS; r++) {
      fullRound(s, Poseidon2Constants.EXTERNAL[r]);
    }
  }

  private static void fullRound(long[] s, long[] constants) {
    for (int i = 0; i < WIDTH; i++) {
      s[i] = sbox(add(s[i], constants[i]));
    }
    externalLinearLayer(s);
  }

  private static long sbox(long x) {
    long x2 = mul(x, x);
    long x3 = mul(x2, x);
    long x4 = mul(x2, x2);
    return mul(x3, x4);
  }

  /** Applies circ(2*M4, M4, M4): M4 on each 4-block, then adds the column sums over the three blocks. */
  private static void externalLinearLayer(long[] s) {
    for (int c = 0; c < WIDTH; c += 4) {
      long a = s[c];
      long b = s[c + 1];
      long cc = s[c + 2];
      long d = s[c + 3];
      // M4 = [[2,3,1,1],[1,2,3,1],[1,1,2,3],[3,1,1,2]]
      long ab = add(a, b);
      long cd = add(cc, d);
      long total = add(ab, cd);
      s[c] = add(add(total, a), add(b, b));
      s[c + 1] = add(add(total, b), add(cc, cc));
      s[c + 2] = add(add(total, cc), add(d, d));
      s[c + 3] = add(add(total, d), add(a, a));
    }
    for (int k = 0; k < 4; k++) {
      long sum = add(add(s[k], s[k + 4]), s[k + 8]);
      s[k] = add(s[k], sum);
      s[k + 4] = add(s[k + 4], sum);
      s[k + 8] = add(s[k + 8], sum);
    }
  }

  private static void internalLinearLayer(long[] s, long[] diag) {
    // The sum of the 12 lanes is accumulated exactly (lo word plus carry count) and reduced once.
    long lo = 0;
    long carries = 0;
    for (int i = 0; i < WIDTH; i++) {
      long x = s[i];
      long next = lo + x;
      carries += ((lo & x) | ((lo | x) & ~next)) >>> 63;
      lo = next;
    }
    long sum = Goldilocks.reduce128(carries, lo);
    for (int i = 0; i < WIDTH; i++) {
      s[i] = Goldilocks.mulAdd(s[i], diag[i], sum);
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
        state[j - start] = Goldilocks.canonical(inputs[j]);
      }
      permuteCanonical(state);
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
      permuteCanonical(state);
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
