package io.copytrader.lighter.signer;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Signing nonces made ahead: each handed out once, each with its own commitment, refilled when quiet. */
class NonceStockTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration FILLED = Duration.ofSeconds(20);

  private static NonceStock stock(int capacity, Duration quiet) {
    return new NonceStock(capacity, quiet, () -> Scalar.random(RANDOM));
  }

  @Test
  void noNonceIsHandedOutTwiceToConcurrentSigners() throws Exception {
    Set<BigInteger> seen = ConcurrentHashMap.newKeySet();
    ExecutorService signers = Executors.newFixedThreadPool(4);
    try (NonceStock stock = stock(64, Duration.ofMillis(1))) {
      eventually("a full stock", FILLED, () -> stock.available() == 64);
      List<Future<Boolean>> takers = IntStream.range(0, 4).mapToObj(signer -> signers.submit(() ->
        IntStream.range(0, 40).allMatch(taken -> seen.add(stock.take().k())))).toList();
      for (Future<Boolean> taker : takers) {
        assertThat(taker.get()).as("every nonce taken was new").isTrue();
      }
    } finally {
      signers.shutdownNow();
    }
    assertThat(seen).hasSize(160);
  }

  @Test
  void everyNonceCarriesTheCommitmentOfItsOwnK() {
    try (NonceStock stock = stock(8, Duration.ofHours(1))) {
      eventually("a full stock", FILLED, () -> stock.available() == 8);

      List<NonceStock.Nonce> taken = IntStream.range(0, 12).mapToObj(index -> stock.take()).toList();

      assertThat(taken).allSatisfy(nonce ->
        assertThat(nonce.commitment()).isEqualTo(NonceStock.make(nonce.k()).commitment()));
    }
  }

  @Test
  void anEmptyStockMakesTheNonceOnTheSpot() {
    try (NonceStock stock = stock(0, Duration.ofHours(1))) {
      NonceStock.Nonce nonce = stock.take();

      assertThat(nonce.k()).isPositive().isLessThan(Scalar.N);
      assertThat(nonce.commitment()).isEqualTo(NonceStock.make(nonce.k()).commitment());
      assertThat(stock.available()).isZero();
    }
  }

  @Test
  void aStockBeingTakenFromIsNotRefilledBeforeTakingPauses() throws InterruptedException {
    try (NonceStock stock = stock(4, Duration.ofHours(1))) {
      eventually("a full stock", FILLED, () -> stock.available() == 4);

      stock.take();
      Thread.sleep(200);

      assertThat(stock.available()).isEqualTo(3);
    }
  }

  @Test
  void theStockIsRefilledOnceTakingPauses() {
    try (NonceStock stock = stock(16, Duration.ofMillis(10))) {
      eventually("a full stock", FILLED, () -> stock.available() == 16);

      IntStream.range(0, 20).forEach(index -> stock.take());

      eventually("the stock refilled", FILLED, () -> stock.available() == 16);
    }
  }

  @Test
  void aSignatureWithANonceFromTheStockVerifies() {
    ApiKey key = ApiKey.parse("ab".repeat(40));
    long[] message = {1, 2, 3, 4, 5};

    byte[] signature = Schnorr.sign(key, message);

    assertThat(Schnorr.verify(key.publicKey(), message, signature)).isTrue();
    assertThat(Schnorr.sign(key, message)).isNotEqualTo(signature);
  }
}
