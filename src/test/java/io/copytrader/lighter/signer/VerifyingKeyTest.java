package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyingKeyTest {

  private static final long[] MESSAGE_HASH = {1, 2, 3, 4, 5};

  static Stream<Arguments> unusableKeys() {
    byte[] nonCanonical = ApiKey.parse("01" + "00".repeat(39)).publicKey();
    long shifted = 4 + Goldilocks.P;
    for (int i = 0; i < 8; i++) {
      nonCanonical[i] = (byte) (shifted >>> (8 * i));
    }
    return Stream.of(
      Arguments.of("missing", null),
      Arguments.of("too short", new byte[39]),
      Arguments.of("too long", new byte[41]),
      Arguments.of("the neutral, for which anyone can sign", new byte[40]),
      Arguments.of("a limb not below p", nonCanonical));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableKeys")
  void unusableKeyIsRefused(String what, byte[] publicKey) {
    assertThat(VerifyingKey.decode(publicKey)).isEmpty();
  }

  @Test
  void encodingOfNoGroupElementIsRefused() {
    int refused = 0;
    for (long w = 1; w <= 32; w++) {
      byte[] publicKey = Gfp5.toBytes(new long[] {w, 0, 0, 0, 0});
      boolean point = EcPoint.decode(new long[] {w, 0, 0, 0, 0}) != null;
      assertThat(VerifyingKey.decode(publicKey).isPresent()).as("w = %d", w).isEqualTo(point);
      refused += point ? 0 : 1;
    }
    assertThat(refused).isPositive();
  }

  @Test
  void malformedMessageOrSignatureIsRejectedWithoutException() {
    ApiKey signer = ApiKey.parse("01" + "00".repeat(39));
    VerifyingKey key = VerifyingKey.decode(signer.publicKey()).orElseThrow();
    byte[] signature = Schnorr.sign(signer, MESSAGE_HASH);
    assertThat(key.verify(MESSAGE_HASH, signature)).isTrue();
    assertThat(key.verify(null, signature)).isFalse();
    assertThat(key.verify(new long[4], signature)).isFalse();
    assertThat(key.verify(MESSAGE_HASH, null)).isFalse();
    assertThat(key.verify(MESSAGE_HASH, new byte[79])).isFalse();
  }

  @Test
  void scalarNotBelowTheGroupOrderIsRejected() {
    ApiKey signer = ApiKey.parse("01" + "00".repeat(39));
    VerifyingKey key = VerifyingKey.decode(signer.publicKey()).orElseThrow();
    byte[] signature = Schnorr.sign(signer, MESSAGE_HASH);
    byte[] shiftedS = signature.clone();
    Scalar.toLeBytes(Scalar.fromLeBytes(signature, 0).add(Scalar.N), shiftedS, 0);
    assertThat(key.verify(MESSAGE_HASH, shiftedS)).isFalse();
  }
}
