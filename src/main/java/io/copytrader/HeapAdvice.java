package io.copytrader;

import java.util.Optional;

/**
 * Whether the JVM's heap suits the number of accounts the node trades for. The launcher's heap (at most 128 MiB)
 * suits tens of accounts; from about 500, each signal to all of them allocates more than its young generation holds,
 * and the collector runs inside the signal's burst (README.md "How many accounts one node carries").
 */
final class HeapAdvice {

  /** From this many accounts the launcher's heap costs a signal measurable time (BENCHMARKS.md section 6). */
  static final int LARGE_NODE_ACCOUNTS = 500;
  /**
   * The least maximum heap, as the JVM reports it, that counts as sized for a large node: {@code -Xmx256m
   * -Xmn96m} reports about 246 MiB (the heap less one survivor space), the launcher's 128 MiB about 123 MiB.
   */
  static final long LARGE_NODE_HEAP_BYTES = 200L << 20;

  private HeapAdvice() {
  }

  /** The warning to log at start, if the heap is too small for {@code accounts}. */
  static Optional<String> warning(int accounts, long maxHeapBytes) {
    if (accounts < LARGE_NODE_ACCOUNTS || maxHeapBytes >= LARGE_NODE_HEAP_BYTES) {
      return Optional.empty();
    }
    return Optional.of(accounts + " accounts on a heap of at most " + (maxHeapBytes >> 20) + " MiB: a signal to all"
      + " of them will wait for the garbage collector. Start with JAVA_HEAP_OPTS='-XX:+UseSerialGC -Xms256m -Xmx256m"
      + " -Xmn96m -Xss512k -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m' (README.md, \"How many accounts"
      + " one node carries\")");
  }
}
