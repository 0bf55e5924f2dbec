package io.copytrader.lighter.signer;

import java.math.BigInteger;
import java.util.function.Function;

/**
 * Schnorr signatures over ECgFp5 with Poseidon2 challenges, as poseidon_crypto's {@code schnorr} package:
 * r = w(k G), e = H5(r || hm) mod n, s = k - e sk mod n, signature = s (LE40) || e (LE40).
 */
public final class Schnorr {

  public static final int SIGNATURE_BYTES = 80;

  private Schnorr() {
  }

  /**
   * Signs a pre-hashed message (5 field limbs) with a uniformly random nonce never used before, made ahead of time
   * when one is ready ({@link NonceStock}).
   */
  public static byte[] sign(ApiKey key, long[] messageHash) {
    requireMessageHash(messageHash);
    return signWith(key, messageHash, NonceStock.shared().take());
  }

  /** Signs with a caller-supplied nonce k in [1, n - 1]; reusing a nonce reveals the key, so tests only. */
  static byte[] signWithNonce(ApiKey key, long[] messageHash, BigInteger k) {
    requireMessageHash(messageHash);
    if (k.signum() <= 0 || k.compareTo(Scalar.N) >= 0) {
      throw new IllegalArgumentException("nonce must be in [1, n - 1]");
    }
    return signWith(key, messageHash, NonceStock.make(k));
  }

  private static byte[] signWith(ApiKey key, long[] messageHash, NonceStock.Nonce nonce) {
    BigInteger e = challenge(nonce.commitment(), messageHash);
    BigInteger s = nonce.k().subtract(e.multiply(key.secret())).mod(Scalar.N);
    byte[] signature = new byte[SIGNATURE_BYTES];
    Scalar.toLeBytes(s, signature, 0);
    Scalar.toLeBytes(e, signature, Scalar.BYTES);
    return signature;
  }

  /**
   * Strict verification: false (never an exception) for malformed input, a public key that is not the
   * canonical encoding of a group element other than the neutral, or s or e not below n. For a key that
   * verifies many signatures, {@link VerifyingKey} is about three times faster.
   */
  public static boolean verify(byte[] publicKey, long[] messageHash, byte[] signature) {
    EcPoint pk = decodePublicKey(publicKey);
    return pk != null && verifyWith(e -> EcPoint.multiply(pk, e), messageHash, signature);
  }

  /** The point of a public key, or null when it is not the canonical encoding of a non-neutral element. */
  static EcPoint decodePublicKey(byte[] publicKey) {
    if (publicKey == null || publicKey.length != Gfp5.BYTES) {
      return null;
    }
    long[] w = Gfp5.rawLimbs(publicKey, 0);
    // w = 0 is the neutral element, the public key of sk = 0, for which anyone can produce signatures.
    if (!Gfp5.isCanonical(w) || Gfp5.isZero(w)) {
      return null;
    }
    return EcPoint.decode(w);
  }

  /** Checks s G + e pk against e, given how to multiply the public key by a scalar's limbs. */
  static boolean verifyWith(Function<long[], EcPoint> publicKeyTimes, long[] messageHash, byte[] signature) {
    if (messageHash == null || messageHash.length != Gfp5.LIMBS || signature == null
        || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    BigInteger s = Scalar.fromLeBytes(signature, 0);
    BigInteger e = Scalar.fromLeBytes(signature, Scalar.BYTES);
    if (s.compareTo(Scalar.N) >= 0 || e.compareTo(Scalar.N) >= 0) {
      return false;
    }
    EcPoint rv = FixedBaseTable.generator().multiply(Scalar.limbs(s));
    rv.add(publicKeyTimes.apply(Scalar.limbs(e)));
    return challenge(rv.encode(), messageHash).equals(e);
  }

  private static BigInteger challenge(long[] r, long[] messageHash) {
    long[] input = new long[2 * Gfp5.LIMBS];
    System.arraycopy(r, 0, input, 0, Gfp5.LIMBS);
    System.arraycopy(messageHash, 0, input, Gfp5.LIMBS, Gfp5.LIMBS);
    return Scalar.fromGfp5(Poseidon2.hashToQuinticExtension(input));
  }

  private static void requireMessageHash(long[] messageHash) {
    if (messageHash == null || messageHash.length != Gfp5.LIMBS) {
      throw new IllegalArgumentException("message hash must have 5 limbs");
    }
  }
}
