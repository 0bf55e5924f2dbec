package io.copytrader.journal;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One renewal of every lease a node holds, as the node's lease keeper asks for it every TTL / 5: the time the
 * journal's writer spends on it (one transaction, committed and fsynced), which every write queued behind it waits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class LeaseRenewalBenchmark {

  @Param({"20", "1000"})
  public int accounts;

  private BenchJournal bench;
  private LeaseJournal leases;
  private final Map<Long, Long> held = new HashMap<>();

  @Setup(Level.Trial)
  public void open() throws IOException {
    bench = BenchJournal.open();
    leases = new LeaseJournal(bench.journal(), Duration.ofMinutes(10));
    for (long account = 1; account <= accounts; account++) {
      held.put(account, BenchJournal.join(leases.acquire(account, "bench")).orElseThrow());
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    bench.close();
  }

  @Benchmark
  public Set<Long> renewAll() {
    return BenchJournal.join(leases.renew("bench", held));
  }
}
