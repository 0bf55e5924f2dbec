package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoldilocksTest {

  private static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

  static Stream<Arguments> operandPairs() {
    long p = Goldilocks.P;
    long[] edges = {0, 1, 2, p - 1, p - 2, 0xFFFFFFFFL, 0x100000000L, 0x7FFFFFFFFFFFFFFFL, 0x8000000000000000L};
    Stream.Builder<Arguments> pairs = Stream.builder();
    for (long a : edges) {
      for (long b : edges) {
        pairs.add(Arguments.of(a, b));
      }
    }
    SplittableRandom random = new SplittableRandom(42);
    LongStream.range(0, 200).forEach(i -> pairs.add(Arguments.of(
        Goldilocks.canonical(random.nextLong()), Goldilocks.canonical(random.nextLong()))));
    return pairs.build();
  }

  @ParameterizedTest
  @MethodSource("operandPairs")
  void arithmeticMatchesBigIntegerModP(long a, long b) {
    BigInteger x = unsigned(a);
    BigInteger y = unsigned(b);
    assertThat(unsigned(Goldilocks.add(a, b))).isEqualTo(x.add(y).mod(P));
    assertThat(unsigned(Goldilocks.sub(a, b))).isEqualTo(x.subtract(y).mod(P));
    assertThat(unsigned(Goldilocks.mul(a, b))).isEqualTo(x.multiply(y).mod(P));
    assertThat(unsigned(Goldilocks.neg(a))).isEqualTo(x.negate().mod(P));
    assertThat(unsigned(Goldilocks.mulSmall(a, b & 0x7FFFFFFFL)))
        .isEqualTo(x.multiply(BigInteger.valueOf(b & 0x7FFFFFFFL)).mod(P));
    BigInteger inverse = x.signum() == 0 ? BigInteger.ZERO : x.modInverse(P);
    assertThat(unsigned(Goldilocks.inverse(a))).isEqualTo(inverse);
  }

  @ParameterizedTest
  @MethodSource("operandPairs")
  void squareRootOfASquareSquaresBack(long a, long ignored) {
    long square = Goldilocks.square(a);
    assertThat(Goldilocks.square(Goldilocks.sqrt(square))).isEqualTo(square);
  }

  @ParameterizedTest
  @MethodSource("operandPairs")
  void rawWordsReduceModP(long a, long ignored) {
    assertThat(unsigned(Goldilocks.fromRaw(a))).isEqualTo(unsigned(a).mod(P));
    assertThat(unsigned(Goldilocks.fromRaw(-1L))).isEqualTo(BigInteger.ONE.shiftLeft(32).subtract(BigInteger.TWO));
  }

  /** Any two 64-bit words, most of them not canonical: the lazy operations accept values up to 2^64 - 1. */
  static Stream<Arguments> wordPairs() {
    long p = Goldilocks.P;
    long[] edges = {0, 1, p - 1, p, p + 1, -1L, -2L, 0xFFFFFFFFL, 0x8000000000000000L};
    Stream.Builder<Arguments> pairs = Stream.builder();
    for (long a : edges) {
      for (long b : edges) {
        pairs.add(Arguments.of(a, b, -1L - a));
      }
    }
    SplittableRandom random = new SplittableRandom(7);
    LongStream.range(0, 200).forEach(i -> pairs.add(Arguments.of(
        random.nextLong(), random.nextLong(), random.nextLong())));
    return pairs.build();
  }

  @ParameterizedTest
  @MethodSource("wordPairs")
  void lazyOperationsAreCongruentModPForAnyWords(long a, long b, long c) {
    BigInteger x = unsigned(a);
    BigInteger y = unsigned(b);
    assertThat(unsigned(Goldilocks.mulLazy(a, b)).mod(P)).isEqualTo(x.multiply(y).mod(P));
    assertThat(unsigned(Goldilocks.mulAddLazy(a, b, c)).mod(P)).isEqualTo(x.multiply(y).add(unsigned(c)).mod(P));
    BigInteger wide = x.shiftLeft(64).add(y);
    assertThat(unsigned(Goldilocks.reduce128Lazy(a, b)).mod(P)).isEqualTo(wide.mod(P));
    assertThat(unsigned(Goldilocks.reduce128(a, b))).isEqualTo(wide.mod(P));
  }

  private static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }
}
