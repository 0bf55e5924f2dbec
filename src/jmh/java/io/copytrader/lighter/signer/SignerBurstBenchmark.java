package io.copytrader.lighter.signer;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One signal to a thousand accounts after a quiet time: a thousand CreateOrders signed in a row, each drawing its
 * nonce from the stock made ahead ({@link NonceStock}), full when the burst starts. The score is per order; compare
 * with {@link SignerBenchmark#createOrder}, whose back-to-back signing never leaves the stock the quiet time it
 * refills in, so each of its nonces is made on the spot.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
@State(Scope.Thread)
public class SignerBurstBenchmark {

  private static final int ORDERS = 1000;

  private final TxSigner signer = new TxSigner(TxSigner.MAINNET_CHAIN_ID);
  private final ApiKey key = ApiKey.parse(
      "0x61c72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f73182e");
  private long nonce;

  /** Waits, outside the measurement, until the stock is full again. */
  @Setup(Level.Iteration)
  public void fullStock() throws InterruptedException {
    NonceStock stock = NonceStock.shared();
    while (stock.available() < stock.capacity()) {
      Thread.sleep(10);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ORDERS)
  public long createOrderBurst() {
    long hashes = 0;
    for (int order = 0; order < ORDERS; order++) {
      hashes += signer.sign(key, SignerBenchmark.benchmarkOrder(nonce++)).txHashHex().length();
    }
    return hashes;
  }
}
