package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GF(p^5) and curve arithmetic against their definitions, on random elements. */
class Gfp5Test {

  static Stream<Integer> seeds() {
    return IntStream.range(0, 40).boxed();
  }

  private static long[] random(SplittableRandom r) {
    long[] a = new long[5];
    for (int i = 0; i < 5; i++) {
      a[i] = Goldilocks.canonical(r.nextLong());
    }
    return a;
  }

  /** Schoolbook product with the z^5 = 3 fold, one reduced base-field product at a time. */
  private static long[] referenceProduct(long[] a, long[] b) {
    long[] c = new long[5];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        long term = Goldilocks.mul(a[i], b[j]);
        if (i + j >= 5) {
          term = Goldilocks.mulSmall(term, 3);
        }
        c[(i + j) % 5] = Goldilocks.add(c[(i + j) % 5], term);
      }
    }
    return c;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void productMatchesSchoolbookDefinition(int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] a = random(r);
    long[] b = random(r);
    long[] product = new long[5];
    Gfp5.mul(product, a, b);
    assertThat(product).containsExactly(referenceProduct(a, b));
    long[] square = new long[5];
    Gfp5.square(square, a);
    assertThat(square).containsExactly(referenceProduct(a, a));
  }

  /** Limbs at the bounds of the signed and quarter forms the multiplication uses inside. */
  static Stream<long[]> extremeElements() {
    long p = Goldilocks.P;
    long[] limbs = {0, 1, 0x7FFFFFFFFFFFFFFFL, 0x8000000000000000L, p - 1, 0xFFFFFFFFL, 0x100000000L};
    Stream.Builder<long[]> elements = Stream.builder();
    for (long limb : limbs) {
      elements.add(new long[] {limb, limb, limb, limb, limb});
      elements.add(new long[] {limb, p - 1, limb, 0x8000000000000000L, limb});
    }
    return elements.build();
  }

  @ParameterizedTest
  @MethodSource("extremeElements")
  void productOfExtremeLimbsMatchesSchoolbookDefinition(long[] a) {
    long[] b = {Goldilocks.P - 1, 0x8000000000000000L, Goldilocks.P - 1, 0x7FFFFFFFFFFFFFFFL, Goldilocks.P - 1};
    long[] product = new long[5];
    Gfp5.mul(product, a, b);
    assertThat(product).containsExactly(referenceProduct(a, b));
    Gfp5.mul(product, a, a);
    assertThat(product).containsExactly(referenceProduct(a, a));
    Gfp5.square(product, a);
    assertThat(product).containsExactly(referenceProduct(a, a));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void inverseTimesElementIsOne(int seed) {
    long[] a = random(new SplittableRandom(seed));
    long[] inverse = new long[5];
    Gfp5.inverse(inverse, a);
    Gfp5.mul(inverse, inverse, a);
    assertThat(inverse).containsExactly(1, 0, 0, 0, 0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void squareRootOfASquareSquaresBack(int seed) {
    long[] a = random(new SplittableRandom(seed));
    long[] square = new long[5];
    Gfp5.square(square, a);
    long[] root = new long[5];
    assertThat(Gfp5.sqrt(root, square)).isTrue();
    Gfp5.square(root, root);
    assertThat(root).containsExactly(square);
    assertThat(Gfp5.legendre(square)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void repeatedDoublingMatchesSingleDoublings(int seed) {
    long k = new SplittableRandom(seed).nextLong(1, Long.MAX_VALUE);
    EcPoint p = FixedBaseTable.generator().multiply(new long[] {k, 0, 0, 0, 0});
    for (int n = 0; n <= 6; n++) {
      EcPoint one = p.copy();
      for (int i = 0; i < n; i++) {
        one.dbl();
      }
      EcPoint many = p.copy();
      many.mdouble(n);
      assertThat(many.encode()).containsExactly(one.encode());
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fixedBaseAndVariableBaseMultiplicationAgree(int seed) {
    long[] scalar = Scalar.limbs(new BigInteger(318, new Random(seed)));
    assertThat(FixedBaseTable.generator().multiply(scalar).encode())
        .containsExactly(EcPoint.multiply(EcPoint.generator(), scalar).encode());
  }
}
