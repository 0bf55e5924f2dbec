package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random keys and random valid transactions: every signature verifies, and any flipped bit breaks it. */
class SchnorrPropertyTest {

  private static final SecureRandom KEY_SOURCE = new SecureRandom();

  static Stream<Integer> seeds() {
    return IntStream.range(0, 24).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void signedTransactionVerifies(int seed) {
    Case c = new Case(seed);
    assertThat(Schnorr.verify(c.key.publicKey(), c.messageHash, c.signature)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void signedTransactionVerifiesWithThePreparedKey(int seed) {
    Case c = new Case(seed);
    assertThat(VerifyingKey.decode(c.key.publicKey()).orElseThrow().verify(c.messageHash, c.signature)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void preparedKeyRejectsFlippedSignatureBits(int seed) {
    Case c = new Case(seed);
    VerifyingKey key = VerifyingKey.decode(c.key.publicKey()).orElseThrow();
    for (int flip = 0; flip < 8; flip++) {
      byte[] tampered = c.signature.clone();
      int bit = c.random.nextInt(8 * tampered.length);
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(key.verify(c.messageHash, tampered)).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void preparedKeyOfAnotherKeyRejectsTheSignature(int seed) {
    Case c = new Case(seed);
    assertThat(VerifyingKey.decode(randomKey().publicKey()).orElseThrow().verify(c.messageHash, c.signature))
      .isFalse();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void flippedMessageBitFailsVerification(int seed) {
    Case c = new Case(seed);
    long[] tampered = c.messageHash.clone();
    int bit = c.random.nextInt(5 * 63);
    tampered[bit / 63] = Goldilocks.canonical(tampered[bit / 63] ^ (1L << (bit % 63)));
    assertThat(Schnorr.verify(c.key.publicKey(), tampered, c.signature)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void flippedSignatureBitFailsVerification(int seed) {
    Case c = new Case(seed);
    byte[] tampered = c.signature.clone();
    int bit = c.random.nextInt(8 * tampered.length);
    tampered[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThat(Schnorr.verify(c.key.publicKey(), c.messageHash, tampered)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void flippedPublicKeyBitFailsVerification(int seed) {
    Case c = new Case(seed);
    byte[] tampered = c.key.publicKey();
    int bit = c.random.nextInt(8 * tampered.length);
    tampered[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThat(Schnorr.verify(tampered, c.messageHash, c.signature)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void signatureOfAnotherKeyFailsVerification(int seed) {
    Case c = new Case(seed);
    ApiKey other = randomKey();
    assertThat(Schnorr.verify(other.publicKey(), c.messageHash, c.signature)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void txInfoSignatureVerifiesAgainstTheMessageHash(int seed) {
    Case c = new Case(seed);
    TxSigner signer = new TxSigner(seed % 2 == 0 ? TxSigner.MAINNET_CHAIN_ID : TxSigner.TESTNET_CHAIN_ID);
    SignedTx signed = signer.sign(c.key, c.tx);
    String sig = signed.txInfo().replaceAll(".*\"Sig\":\"([^\"]+)\".*", "$1");
    byte[] signature = java.util.Base64.getDecoder().decode(sig);
    assertThat(Schnorr.verify(c.key.publicKey(), signer.messageHash(c.tx), signature)).isTrue();
    assertThat(signed.txHashHex()).isEqualTo(TxSigner.txHashHex(signer.messageHash(c.tx)));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void malformedInputIsRejectedWithoutException(int seed) {
    Case c = new Case(seed);
    assertThat(Schnorr.verify(null, c.messageHash, c.signature)).isFalse();
    assertThat(Schnorr.verify(c.key.publicKey(), null, c.signature)).isFalse();
    assertThat(Schnorr.verify(c.key.publicKey(), c.messageHash, null)).isFalse();
    assertThat(Schnorr.verify(new byte[39], c.messageHash, c.signature)).isFalse();
    assertThat(Schnorr.verify(c.key.publicKey(), new long[4], c.signature)).isFalse();
    assertThat(Schnorr.verify(c.key.publicKey(), c.messageHash, new byte[79])).isFalse();
  }

  private static ApiKey randomKey() {
    byte[] secret = new byte[40];
    KEY_SOURCE.nextBytes(secret);
    return ApiKey.parse(HexFormat.of().formatHex(secret));
  }

  private static final class Case {
    final SplittableRandom random;
    final ApiKey key = randomKey();
    final LighterTx tx;
    final long[] messageHash;
    final byte[] signature;

    Case(int seed) {
      random = new SplittableRandom(seed);
      tx = randomTx(random);
      messageHash = new TxSigner(TxSigner.MAINNET_CHAIN_ID).messageHash(tx);
      signature = Schnorr.sign(key, messageHash);
    }
  }

  static LighterTx randomTx(SplittableRandom r) {
    long account = r.nextLong(0, (1L << 48) - 1);
    int apiKey = r.nextInt(0, 255);
    long expiredAt = r.nextLong(0, 1L << 48);
    long nonce = r.nextLong(0, Long.MAX_VALUE);
    TxAttributes attributes = r.nextBoolean() ? TxAttributes.skipNonce() : TxAttributes.none();
    int market = r.nextInt(0, 255);
    return switch (r.nextInt(4)) {
      case 0 -> new CreateOrderTx(account, apiKey, market, r.nextLong(1, 1L << 48), r.nextLong(1, 1L << 48),
          r.nextLong(1, 1L << 32), r.nextInt(2), CreateOrderTx.TYPE_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME,
          r.nextInt(2), 0, r.nextLong(1, Long.MAX_VALUE), expiredAt, nonce, attributes);
      case 1 -> new CancelOrderTx(account, apiKey, market, r.nextLong(1, 1L << 60), expiredAt, nonce, attributes);
      case 2 -> new CancelAllOrdersTx(account, apiKey, CancelAllOrdersTx.TIF_SCHEDULED, r.nextLong(1, 1L << 48),
          expiredAt, nonce, attributes);
      default -> new ModifyOrderTx(account, apiKey, market, r.nextLong(1, 1L << 60), r.nextLong(0, 1L << 48),
          r.nextLong(1, 1L << 32), r.nextLong(0, 1L << 32), expiredAt, nonce, attributes);
    };
  }
}
