import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signal-to-send load for bench/signal-latency.sh: one thread per account sends trade signals one after
 * another (long, then close, alternating on ETH), each only after the previous request of that account has
 * reached a final state (one shared poller reads the newest requests), so no request ever waits in its
 * account's queue. After a warm-up phase it scrapes {@code /metrics}, runs the measured phase and scrapes
 * again; the difference of the {@code copytrade_accepted_to_sent_seconds} histogram is the measured phase
 * alone.
 *
 * <p>Two patterns: {@code rounds}, a leader's signal fanned out to every account: all threads send their
 * n-th signal together, and the next round starts when every account has finished the previous one; and
 * {@code continuous}, each account sends its next signal as soon as its previous one has finished, so the
 * accounts' trades overlap at every stage (fills, stop-losses, notices) and the service runs saturated.
 *
 * <p>Usage: {@code java bench/SignalDriver.java <service url> <accounts> <warm-up per account> <measured per
 * account> [rounds|continuous]} (default {@code continuous}). Measured requests carry
 * {@code client_request_id} {@code m-<account>-<n>}, warm-up ones {@code w-<account>-<n>}, so the journal
 * can tell them apart. JDK only, no dependencies.
 */
public final class SignalDriver {

  private static final Pattern REQUEST_ID = Pattern.compile("\"request_id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern LISTED = Pattern.compile(
    "\"request_id\"\\s*:\\s*\"([^\"]+)\".*?\"state\"\\s*:\\s*\"([^\"]+)\"");
  private static final String ACCEPTED_TO_SENT = "copytrade_accepted_to_sent_seconds";
  private static final String SIGNAL_TO_SEND = "copytrade_signal_to_send_seconds";
  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]+)\"");
  private static final long POLL_MS = 20;
  private static final long SLOW_MS = 300;
  private static final long REQUEST_TIMEOUT_MS = 30_000;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String serviceUrl;
  /** Each account has at most one request in flight, so the newest few hold most of those being waited for. */
  private final int page;
  private final Map<String, Integer> finalStates = new ConcurrentHashMap<>();
  private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
  /** Every account's thread waits here before each signal in the rounds pattern; null when continuous. */
  private final CyclicBarrier round;

  /** A thread waiting for a request's final state, since when. */
  private record Waiter(CompletableFuture<String> done, long since) {
  }

  private SignalDriver(String serviceUrl, int accounts, boolean rounds) {
    this.serviceUrl = serviceUrl;
    this.page = accounts + 5;
    this.round = rounds ? new CyclicBarrier(accounts) : null;
  }

  public static void main(String[] args) throws Exception {
    String pattern = args.length == 5 ? args[4] : "continuous";
    if (args.length < 4 || args.length > 5 || !List.of("rounds", "continuous").contains(pattern)) {
      System.err.println("usage: java SignalDriver.java <service url> <accounts> <warm-up per account>"
        + " <measured per account> [rounds|continuous]");
      System.exit(64);
    }
    int accounts = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int measured = Integer.parseInt(args[3]);
    System.out.println("pattern: " + pattern);
    new SignalDriver(args[0], accounts, pattern.equals("rounds")).run(accounts, warmup, measured);
  }

  private void run(int accounts, int warmup, int measured) throws Exception {
    AtomicReference<String> before = new AtomicReference<>();
    AtomicReference<Long> measuredFrom = new AtomicReference<>();
    CyclicBarrier warm = new CyclicBarrier(accounts, () -> {
      before.set(scrape());
      measuredFrom.set(System.currentTimeMillis());
    });
    Thread poller = new Thread(this::pollFinalStates, "poller");
    poller.setDaemon(true);
    poller.start();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int n = 0; n < accounts; n++) {
      long account = 1001 + n;
      Thread thread = new Thread(() -> {
        try {
          signals(account, "w", warmup);
          warm.await();
          signals(account, "m", measured);
        } catch (Exception e) {
          synchronized (failures) {
            failures.add(e);
          }
          warm.reset();
          if (round != null) {
            round.reset();
          }
        }
      }, "account-" + account);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("load failed: " + failures.get(0), failures.get(0));
    }
    long seconds = (System.currentTimeMillis() - measuredFrom.get()) / 1000;
    String after = scrape();
    System.out.println("accounts: " + accounts + ", warm-up signals per account: " + warmup
      + ", measured signals per account: " + measured + " (" + seconds + " s)");
    System.out.println("final states (warm-up and measured): " + new TreeMap<>(finalStates));
    report(ACCEPTED_TO_SENT, histogram(ACCEPTED_TO_SENT, before.get()), histogram(ACCEPTED_TO_SENT, after),
      sum(ACCEPTED_TO_SENT, after) - sum(ACCEPTED_TO_SENT, before.get()));
    report(SIGNAL_TO_SEND, histogram(SIGNAL_TO_SEND, before.get()), histogram(SIGNAL_TO_SEND, after),
      sum(SIGNAL_TO_SEND, after) - sum(SIGNAL_TO_SEND, before.get()));
  }

  /** Sends {@code count} signals for one account, each after the previous one has finished. */
  private void signals(long account, String phase, int count) throws Exception {
    for (int n = 0; n < count; n++) {
      if (round != null) {
        round.await(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
      String type = n % 2 == 0 ? "long" : "close";
      String body = "{\"account_index\":" + account + ",\"symbol\":\"ETH\",\"trade_type\":\"" + type + "\","
        + "\"reference_position_ratio\":0.01,\"client_request_id\":\"" + phase + "-" + account + "-" + n + "\"}";
      HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/api/trade"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
      if (accepted.statusCode() != 202) {
        throw new IllegalStateException("POST /api/trade answered " + accepted.statusCode() + ": " + accepted.body());
      }
      String requestId = match(REQUEST_ID, accepted.body());
      CompletableFuture<String> done = new CompletableFuture<>();
      waiting.put(requestId, new Waiter(done, System.currentTimeMillis()));
      finalStates.merge(awaitFinal(requestId, done), 1, Integer::sum);
    }
  }

  /**
   * Final states for every request a thread is waiting for. One poll of the newest requests
   * ({@code GET /api/trades}) finds most of them; one that has waited longer than {@value #SLOW_MS} ms and
   * is not on that page (other accounts may have finished several requests since) is read by its id.
   */
  private void pollFinalStates() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (!waiting.isEmpty()) {
          Map<String, String> states = new HashMap<>();
          Matcher entry = LISTED.matcher(get("/api/trades?limit=" + page));
          while (entry.find()) {
            states.put(entry.group(1), entry.group(2));
          }
          long now = System.currentTimeMillis();
          for (Map.Entry<String, Waiter> waiter : waiting.entrySet()) {
            String state = states.get(waiter.getKey());
            if (state == null && now - waiter.getValue().since() > SLOW_MS) {
              state = match(STATE, get("/api/trade/" + waiter.getKey()));
            }
            if (state != null && !state.equals("queued") && !state.equals("executing")) {
              waiter.getValue().done().complete(state);
            }
          }
        }
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        waiting.values().forEach(waiter -> waiter.done().completeExceptionally(e));
      }
    }
  }

  private String get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(serviceUrl + path)).GET().build(),
      HttpResponse.BodyHandlers.ofString()).body();
  }

  private String awaitFinal(String requestId, CompletableFuture<String> done) throws InterruptedException {
    try {
      return done.get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("request " + requestId + " did not finish: " + e, e);
    } finally {
      waiting.remove(requestId);
    }
  }

  private String scrape() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("GET /metrics failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Cumulative bucket counts by upper bound in seconds. */
  private static TreeMap<Double, Double> histogram(String name, String metrics) {
    Pattern pattern = Pattern.compile("^" + name + "_bucket\\{le=\"([^\"]+)\"[^}]*\\} ([0-9.eE+]+)$");
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      Matcher bucket = pattern.matcher(line);
      if (bucket.matches()) {
        String bound = bucket.group(1);
        buckets.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
          Double.parseDouble(bucket.group(2)));
      }
    }
    return buckets;
  }

  private static double sum(String name, String metrics) {
    Pattern pattern = Pattern.compile("^" + name + "_sum(?:\\{[^}]*\\})? ([0-9.eE+]+)$");
    return Arrays.stream(metrics.split("\n")).map(pattern::matcher).filter(Matcher::matches)
      .mapToDouble(sum -> Double.parseDouble(sum.group(1))).findFirst().orElse(0);
  }

  private static void report(String name, TreeMap<Double, Double> before, TreeMap<Double, Double> after,
                             double seconds) {
    TreeMap<Double, Double> measured = new TreeMap<>();
    after.forEach((bound, count) -> measured.put(bound, count - before.getOrDefault(bound, 0.0)));
    double total = measured.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
    System.out.printf("%s over the measured phase: %.0f sends, mean %.2f ms%n", name,
      total, total == 0 ? 0 : seconds * 1000 / total);
    for (double quantile : new double[] {0.5, 0.9, 0.99}) {
      double wanted = Math.ceil(quantile * total);
      double bound = measured.entrySet().stream().filter(entry -> entry.getValue() >= wanted)
        .map(Map.Entry::getKey).findFirst().orElse(Double.NaN);
      System.out.printf("  p%.0f <= %s ms (smallest histogram bucket holding %.0f%% of sends)%n", quantile * 100,
        Double.isInfinite(bound) ? "+Inf" : String.format("%.3f", bound * 1000), quantile * 100);
    }
    System.out.println("  cumulative buckets where the count grows (upper bound in ms: sends):");
    StringBuilder row = new StringBuilder("   ");
    double previous = 0;
    for (Map.Entry<Double, Double> entry : measured.entrySet()) {
      if (entry.getValue() == previous) {
        continue;
      }
      previous = entry.getValue();
      row.append(String.format(" %s:%.0f", entry.getKey().isInfinite() ? "+Inf"
        : String.format("%.3f", entry.getKey() * 1000), entry.getValue()));
    }
    System.out.println(row);
  }

  private static String match(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new IllegalStateException("unexpected answer: " + text);
    }
    return matcher.group(1);
  }
}
