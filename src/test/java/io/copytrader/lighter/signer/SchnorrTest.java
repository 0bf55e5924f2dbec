package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SchnorrTest {

  private static final long[] MESSAGE_HASH = {1, 2, 3, 4, 5};

  @Test
  void neutralPublicKeyIsRejected() {
    // For pk = 0 (sk = 0), s = k and e = H(w(kG) || m) satisfy s*G + e*pk = k*G for any k: a forgery.
    BigInteger k = BigInteger.valueOf(123456789);
    long[] r = FixedBaseTable.generator().multiply(Scalar.limbs(k)).encode();
    long[] input = new long[10];
    System.arraycopy(r, 0, input, 0, 5);
    System.arraycopy(MESSAGE_HASH, 0, input, 5, 5);
    BigInteger e = Scalar.fromGfp5(Poseidon2.hashToQuinticExtension(input));
    byte[] signature = new byte[80];
    Scalar.toLeBytes(k, signature, 0);
    Scalar.toLeBytes(e, signature, 40);
    assertThat(Schnorr.verify(new byte[40], MESSAGE_HASH, signature)).isFalse();
  }

  @Test
  void nonCanonicalPublicKeyLimbIsRejected() {
    ApiKey key = ApiKey.parse("01" + "00".repeat(39));
    byte[] signature = Schnorr.sign(key, MESSAGE_HASH);
    assertThat(Schnorr.verify(key.publicKey(), MESSAGE_HASH, signature)).isTrue();
    // pk(1) = w(G) = 4; the limb 4 + p has the same value mod p but is not the canonical encoding.
    long shifted = 4 + Goldilocks.P;
    byte[] publicKey = key.publicKey();
    for (int i = 0; i < 8; i++) {
      publicKey[i] = (byte) (shifted >>> (8 * i));
    }
    assertThat(Schnorr.verify(publicKey, MESSAGE_HASH, signature)).isFalse();
  }
}
