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
import java.util.stream.Stream;

/** A journal in a temporary directory for one benchmark trial, on its own Vert.x; removed with its files. */
record BenchJournal(Vertx vertx, Path dataDir, Journal journal) {

  static BenchJournal open() throws IOException {
    return open(new LeaseBook("bench", Duration.ofMinutes(1)));
  }

  /** A journal whose fence answers from {@code leases}, for benchmarks that write orders. */
  static BenchJournal open(LeaseBook leases) throws IOException {
    Vertx vertx = Vertx.vertx();
    Path dataDir = Files.createTempDirectory("journal-bench");
    return new BenchJournal(vertx, dataDir, join(Journal.open(vertx, dataDir, Clock.systemUTC(), leases)));
  }

  void close() throws IOException {
    join(journal.close());
    join(vertx.close());
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  static <T> T join(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
