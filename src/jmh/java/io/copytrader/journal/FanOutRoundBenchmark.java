package io.copytrader.journal;

import io.copytrader.Side;
import io.copytrader.cluster.LeaseBook;
import io.copytrader.rails.Rail;
import io.copytrader.rails.RailVerdict;
import io.copytrader.rails.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal's share of one signal fanned out to every account: the writes an account's request makes, issued as
 * the account executor issues them (BENCHMARKS.md section 6), all accounts at once, on a journal that already holds
 * {@value #HISTORY_ROUNDS} such rounds. An entry round is the request's insert, then the equity marks' fold and the
 * day's entries read side by side, the rails' verdicts, the entry's row with its attached stop-loss's (durable before
 * the send), their send outcome, the fill and the request's end; a close round is the insert, the close's row, its
 * outcome, the fill and the end. The score is the time of one round, the two kinds averaged; printed at the end of
 * the trial: each kind's median time from the round's start to its last order row being durable (when the last order
 * may leave), and the writer thread's CPU time per account-order.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@State(Scope.Benchmark)
public class FanOutRoundBenchmark {

  static final int HISTORY_ROUNDS = 16;
  private static final String NODE = "bench";
  private static final BigDecimal EQUITY = new BigDecimal("10000.00");
  private static final List<RailVerdict> VERDICTS = List.of(
    new RailVerdict(Rail.KILL_SWITCH, Verdict.PASS, "off"),
    new RailVerdict(Rail.MAX_ORDERS_PER_DAY, Verdict.PASS, "3 of 1000000 today"),
    new RailVerdict(Rail.MAX_POSITION, Verdict.PASS, "1234.56 of 1000000 USD"));

  /** The rails' default dedupe window (README.md, "Risk rails"). */
  private static final Duration DEDUPE_WINDOW = Duration.ofSeconds(60);

  @Param({"1000"})
  public int accounts;

  private BenchJournal bench;
  private Journal journal;
  private long[] epochs;
  private Context context;
  private long round;
  private long clientOrderIndex;
  /** The time to each round's last durable order row, entry rounds and close rounds apart. */
  private final List<Long> entryRounds = new ArrayList<>();
  private final List<Long> closeRounds = new ArrayList<>();
  /** The journal writer's CPU time when the rounds after the history began. */
  private long writerCpuAtStart;

  @Setup(Level.Trial)
  public void open() throws IOException {
    LeaseBook leases = new LeaseBook(NODE, Duration.ofHours(1));
    bench = BenchJournal.open(leases);
    journal = bench.journal();
    LeaseJournal ledger = new LeaseJournal(journal, Duration.ofHours(1));
    epochs = new long[accounts + 1];
    for (int account = 1; account <= accounts; account++) {
      epochs[account] = BenchJournal.join(ledger.acquire(account, NODE)).orElseThrow();
      leases.held(account, epochs[account], System.nanoTime());
    }
    context = bench.vertx().getOrCreateContext();
    for (int i = 0; i < HISTORY_ROUNDS; i++) {
      runRound();
    }
    entryRounds.clear();
    closeRounds.clear();
    writerCpuAtStart = writerCpuNanos();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    long orders = (long) accounts * (entryRounds.size() + closeRounds.size());
    System.out.printf("%naccounts %d, round start -> last order row durable: entry rounds %s, close rounds %s;"
        + " journal writer CPU %.1f µs per account-order%n", accounts, median(entryRounds), median(closeRounds),
      (writerCpuNanos() - writerCpuAtStart) / 1e3 / Math.max(1, orders));
    bench.close();
  }

  /** One entry round and one close round, as the fan-out benchmark's signals alternate. */
  @Benchmark
  @OperationsPerInvocation(2)
  public long entryAndCloseRounds() {
    return runRound() + runRound();
  }

  /** Runs the next round for every account on the bench's context; answers the time its last order was durable. */
  private long runRound() {
    long number = round++;
    Promise<Long> done = Promise.promise();
    context.runOnContext(ignored -> {
      long start = System.nanoTime();
      List<Future<Long>> accountsDone = new ArrayList<>(accounts);
      for (long account = 1; account <= accounts; account++) {
        accountsDone.add(number % 2 == 0 ? entry(number, account, start) : close(number, account, start));
      }
      Future.all(accountsDone).map(all -> {
        long last = 0;
        for (Future<Long> one : accountsDone) {
          last = Math.max(last, one.result());
        }
        return last;
      }).onComplete(done);
    });
    long last = BenchJournal.join(done.future());
    (number % 2 == 0 ? entryRounds : closeRounds).add(last);
    return last;
  }

  /** The CPU time of the journal's writer thread so far. */
  private static long writerCpuNanos() {
    Thread writer = Thread.getAllStackTraces().keySet().stream()
      .filter(thread -> thread.getName().startsWith("journal-writer")).findFirst().orElseThrow();
    return ManagementFactory.getThreadMXBean().getThreadCpuTime(writer.getId());
  }

  private static String median(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return sorted.isEmpty() ? "none" : String.format("p50 %.1f ms (%d rounds)", sorted.get(sorted.size() / 2) / 1e6,
      sorted.size());
  }

  private Future<Long> entry(long number, long account, long start) {
    String requestId = requestId(number, account);
    long entryIndex = ++clientOrderIndex;
    long stopIndex = ++clientOrderIndex;
    NewRequest request = request(requestId, account, "long", number);
    return journal.insertRequestStaged(request, epochs[(int) account], true).applied()
      .compose(inserted -> Future.all(journal.observeEquity(account, EQUITY, BigDecimal.ZERO).applied(),
        journal.openingActivity(account), journal.previousIdenticalSignal(requestId, DEDUPE_WINDOW)))
      .compose(checked -> {
        journal.recordRailVerdicts(requestId, VERDICTS);
        return journal.insertOrder(order(requestId, 0, OrderPurpose.ENTRY, account, entryIndex, Side.BUY),
          order(requestId, 1, OrderPurpose.STOP_LOSS_PLACE, account, stopIndex, Side.SELL));
      })
      .map(journaled -> System.nanoTime() - start)
      .compose(leaving -> outcomes(requestId, List.of(0, 1)).map(leaving));
  }

  private Future<Long> close(long number, long account, long start) {
    String requestId = requestId(number, account);
    long closeIndex = ++clientOrderIndex;
    return journal.insertRequestStaged(request(requestId, account, "close", number), epochs[(int) account],
        true).applied()
      .compose(inserted -> journal.insertOrder(order(requestId, 0, OrderPurpose.CLOSE, account, closeIndex,
        Side.SELL)))
      .map(journaled -> System.nanoTime() - start)
      .compose(leaving -> outcomes(requestId, List.of(0)).map(leaving));
  }

  /** What follows the send: its outcome on every row of the transaction, the first row's fill, the request's end. */
  private Future<Void> outcomes(String requestId, List<Integer> rows) {
    return journal.updateOrders(requestId, rows, OrderUpdate.sent(hash(requestId)))
      .compose(sent -> journal.updateOrder(requestId, 0, OrderUpdate.fill(OrderState.FILLED,
        new BigDecimal("0.0123"), new BigDecimal("3012.45"), "filled")))
      .compose(filled -> journal.finish(requestId, RequestState.FILLED, null, null))
      .mapEmpty();
  }

  private static String requestId(long number, long account) {
    return String.format("%013d-%05x%03x", 1_796_650_000_000L + number * 16_667, account, number % 4096);
  }

  private static NewRequest request(String requestId, long account, String action, long number) {
    String key = "webhook:bench:r-" + number;
    JsonObject body = new JsonObject()
      .put("account_index", account)
      .put("market_id", 0)
      .put("symbol", "ETH")
      .put("action", action)
      .put("reference_position_ratio", "0.5")
      .put("client_request_id", key);
    return NewRequest.of(requestId, account, RequestKind.TRADE, body, key, null, null);
  }

  private static NewOrder order(String requestId, int ordinal, OrderPurpose purpose, long account, long index,
                                Side side) {
    // A signed transaction's JSON is about 500 characters, as the service journals it.
    String txInfo = "{\"AccountIndex\":" + account + ",\"ClientOrderIndex\":" + index + ",\"Sig\":\""
      + "ab".repeat(220) + "\"}";
    return new NewOrder(requestId, ordinal, purpose, 0, index, index, 3, 28, null, txInfo, side,
      new BigDecimal("0.0123"), new BigDecimal("3012.45"), purpose == OrderPurpose.STOP_LOSS_PLACE
      ? new BigDecimal("2900.00") : null);
  }

  private static String hash(String requestId) {
    return String.format("%080x", requestId.hashCode() & 0xffffffffL);
  }
}
