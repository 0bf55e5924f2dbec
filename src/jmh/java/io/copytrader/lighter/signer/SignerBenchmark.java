package io.copytrader.lighter.signer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The signer's hot operations, comparable with the official Go signer's figures in BENCHMARKS.md. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SignerBenchmark {

  private static final String PRIVATE_KEY =
      "0x61c72c47fe93bbb772bdc0d280e773b79669d951d975e06c9e20b04f0054e1790a0b012f9f73182e";

  private final TxSigner signer = new TxSigner(TxSigner.MAINNET_CHAIN_ID);
  private ApiKey key;
  private List<OrderInfo> entryWithStopLoss;
  private long[] state;
  private long[] sixteen;
  private long[] messageHash;
  private byte[] publicKey;
  private VerifyingKey verifyingKey;
  private byte[] signature;
  private long nonce;

  @Setup
  public void setUp() throws InterruptedException {
    // Back to back, every signature makes its nonce and k*G on the spot. Left running, the shared stock would be
    // refilled whenever JMH pauses between iterations and serve part of the next one from nonces made ahead.
    NonceStock stock = NonceStock.shared();
    stock.close();
    Thread.sleep(NonceStock.QUIET.toMillis());
    while (stock.available() > 0) {
      stock.take();
    }
    key = ApiKey.parse(PRIVATE_KEY);
    publicKey = key.publicKey();
    verifyingKey = VerifyingKey.decode(publicKey).orElseThrow();
    // OTO: market IOC buy and a STOP_LOSS_LIMIT sell child of size 0, sized by the exchange from the fill.
    entryWithStopLoss = List.of(
        new OrderInfo(0, 0, 1000, 410000, 0, CreateOrderTx.TYPE_MARKET, CreateOrderTx.TIF_IMMEDIATE_OR_CANCEL, 0, 0,
            0),
        new OrderInfo(0, 0, 0, 370000, 1, CreateOrderTx.TYPE_STOP_LOSS_LIMIT, CreateOrderTx.TIF_GOOD_TILL_TIME, 1,
            380000, 1769644800000L));
    state = initialState();
    sixteen = new long[16];
    for (int i = 0; i < sixteen.length; i++) {
      sixteen[i] = 1_000_003L * i;
    }
    messageHash = signer.messageHash(benchmarkOrder(0));
    signature = Schnorr.sign(key, messageHash);
  }

  /** The order signed by {@link #createOrder}, also signed by the Go benchmark of bench/signer-vs-go.sh. */
  public static CreateOrderTx benchmarkOrder(long nonce) {
    return new CreateOrderTx(12345, 3, 0, 1, 1000, 50000, 0, CreateOrderTx.TYPE_LIMIT,
        CreateOrderTx.TIF_GOOD_TILL_TIME, 0, 0, 1769644800000L, 1767226199000L, nonce, TxAttributes.none());
  }

  /** The state {@link #poseidon2Permutation} starts from: 0, 1, ..., 11. */
  public static long[] initialState() {
    long[] initial = new long[Poseidon2.WIDTH];
    for (int i = 0; i < initial.length; i++) {
      initial[i] = i;
    }
    return initial;
  }

  @Benchmark
  public long[] poseidon2Permutation() {
    Poseidon2.permute(state);
    return state;
  }

  @Benchmark
  public long[] hashToQuinticExtension16() {
    return Poseidon2.hashToQuinticExtension(sixteen);
  }

  @Benchmark
  public String publicKeyDerivation() {
    return ApiKey.parse(PRIVATE_KEY).publicKeyHex();
  }

  @Benchmark
  public byte[] schnorrSign() {
    return Schnorr.sign(key, messageHash);
  }

  @Benchmark
  public boolean schnorrVerify() {
    return Schnorr.verify(publicKey, messageHash, signature);
  }

  @Benchmark
  public boolean schnorrVerifyPreparedKey() {
    return verifyingKey.verify(messageHash, signature);
  }

  /**
   * Validate + hash + sign (random nonce) + tx_info JSON, with a fresh nonce each time as in production, made on the
   * spot (the nonce stock is closed and empty, see setUp).
   */
  @Benchmark
  public SignedTx createOrder() {
    return signer.sign(key, benchmarkOrder(nonce++));
  }

  /** As {@link #createOrder} for an OTO group: entry plus stop-loss-limit child (3 order hashes more). */
  @Benchmark
  public SignedTx createGroupedOrders() {
    CreateGroupedOrdersTx tx = new CreateGroupedOrdersTx(12345, 3, CreateGroupedOrdersTx.GROUPING_OTO,
        entryWithStopLoss, 1767226199000L, nonce++, TxAttributes.none());
    return signer.sign(key, tx);
  }
}
