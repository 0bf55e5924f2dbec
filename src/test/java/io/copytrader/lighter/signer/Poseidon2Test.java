package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the vectors do not cover: inputs that are not canonical, which the permutation takes mod p. */
class Poseidon2Test {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void wordsAtOrAboveThePermuteAsTheirValueModP(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // Words in [p, 2^64): the 2^32 - 1 values that a 64-bit input can exceed p by, and their canonical values.
    long[] raw = LongStream.range(0, Poseidon2.WIDTH)
        .map(i -> Goldilocks.P + random.nextLong(Goldilocks.EPSILON)).toArray();
    long[] reduced = LongStream.of(raw).map(Goldilocks::canonical).toArray();
    Poseidon2.permute(raw);
    Poseidon2.permute(reduced);
    assertThat(raw).containsExactly(reduced);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1L, Goldilocks.P - 1})
  void outputIsCanonicalForExtremeLanes(long lane) {
    long[] state = LongStream.generate(() -> lane).limit(Poseidon2.WIDTH).toArray();
    Poseidon2.permute(state);
    assertThat(LongStream.of(state)).allMatch(v -> Long.compareUnsigned(v, Goldilocks.P) < 0);
  }
}
