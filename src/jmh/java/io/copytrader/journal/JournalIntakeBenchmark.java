package io.copytrader.journal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable intake: requests journaled per second (each one committed and fsynced before its future
 * completes), one at a time and with {@value #IN_FLIGHT} in flight, as HTTP intake produces under load.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JournalIntakeBenchmark {

  private static final int IN_FLIGHT = 256;

  private final AtomicLong sequence = new AtomicLong();
  private BenchJournal bench;
  private Journal journal;

  @Setup(Level.Trial)
  public void open() throws IOException {
    // Requests only: no order is written, so no lease needs holding.
    bench = BenchJournal.open();
    journal = bench.journal();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    bench.close();
  }

  @Benchmark
  public InsertOutcome oneAtATime() {
    return BenchJournal.join(journal.insertRequest(next()));
  }

  @Benchmark
  @OperationsPerInvocation(IN_FLIGHT)
  public Object concurrent() {
    List<Future<InsertOutcome>> inserts = new ArrayList<>(IN_FLIGHT);
    for (int i = 0; i < IN_FLIGHT; i++) {
      inserts.add(journal.insertRequest(next()));
    }
    return BenchJournal.join(Future.all(inserts));
  }

  private NewRequest next() {
    long id = sequence.incrementAndGet();
    JsonObject body = new JsonObject()
      .put("account_index", id % 8)
      .put("market_id", 0)
      .put("symbol", "ETH")
      .put("action", "long")
      .put("reference_position_ratio", "0.5")
      .put("client_request_id", "bench-" + id);
    return NewRequest.of("bench-" + id, id % 8, RequestKind.TRADE, body, "bench-" + id, null, null);
  }
}
