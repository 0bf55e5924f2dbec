package io.copytrader.journal;

import io.copytrader.cluster.LeaseBook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

  private Vertx vertx;
  private Path dataDir;
  private Journal journal;
  private LeaseJournal leases;
  private final Map<Long, Long> held = new HashMap<>();

  @Setup(Level.Trial)
  public void open() throws IOException {
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("lease-bench");
    journal = join(Journal.open(vertx, dataDir, Clock.systemUTC(), new LeaseBook("bench", Duration.ofMinutes(1))));
    leases = new LeaseJournal(journal, Duration.ofMinutes(10));
    for (long account = 1; account <= accounts; account++) {
      held.put(account, join(leases.acquire(account, "bench")).orElseThrow());
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    join(journal.close());
    join(vertx.close());
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  public Set<Long> renewAll() {
    return join(leases.renew("bench", held));
  }

  private static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
