package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The constant-time lookup of every window and digit, for the generator's window and a public key's. */
class FixedBaseTableTest {

  /**
   * For every window i and digit d: (d * 2^(w i) mod n) * G and (-d * 2^(w i) mod n) * G through the table equal
   * d * 2^(w i) * G and its negation built by doublings and additions, which do not use the table.
   */
  @ParameterizedTest
  @ValueSource(ints = {FixedBaseTable.KEY_WINDOW, FixedBaseTable.GENERATOR_WINDOW})
  void everyDigitOfEveryWindowGivesItsMultiple(int window) {
    FixedBaseTable table = window == FixedBaseTable.GENERATOR_WINDOW
        ? FixedBaseTable.generator() : FixedBaseTable.of(EcPoint.generator(), window);
    int digitsPerWindow = 1 << (window - 1);
    EcPoint power = EcPoint.generator();
    for (int i = 0; i < (Scalar.BITS + window) / window; i++) {
      EcPoint multiple = new EcPoint();
      for (int d = 1; d <= digitsPerWindow; d++) {
        multiple.add(power);
        BigInteger k = BigInteger.valueOf(d).shiftLeft(window * i).mod(Scalar.N);
        assertThat(table.multiply(Scalar.limbs(k)).encode()).as("window %d digit %d", i, d)
            .containsExactly(multiple.encode());
        EcPoint negated = multiple.copy();
        negated.negate();
        assertThat(table.multiply(Scalar.limbs(Scalar.N.subtract(k))).encode()).as("window %d digit -%d", i, d)
            .containsExactly(negated.encode());
      }
      power.mdouble(window);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {FixedBaseTable.KEY_WINDOW, FixedBaseTable.GENERATOR_WINDOW})
  void zeroGivesTheNeutral(int window) {
    assertThat(FixedBaseTable.of(EcPoint.generator(), window).multiply(new long[5]).encode())
        .containsExactly(0, 0, 0, 0, 0);
  }
}
