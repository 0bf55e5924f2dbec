import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One webhook signal fanned out by the service to every account of its signal source, for bench/fanout.sh: each
 * round sends one {@code POST /api/webhook/{token}} (ETH, long then close, so every round's order is one
 * account-order per account) and waits until {@code copytrade_requests_total} has counted every account's request
 * finished, polling {@code /metrics} every {@code <poll ms>}. It writes one line per measured round (and for the
 * first warm-up round), {@code <signal id>
 * <epoch ms just before the POST>}, to the rounds file, for the script to join with the journal's order times, and
 * prints how many times it read {@code /metrics} ({@code scrapes <n>}, for the script to take their CPU off the
 * service's) and the driver's own wall time from the POST to seeing every request finished (p50, p99, max).
 *
 * <p>A signal goes no sooner than {@code <spacing ms>} after the one before it: every account-order is a {@code sendTx}
 * against the rate budget of the accounts' one L1 address (4,000 a minute at the premium tier), and signals sent back
 * to back would measure how long the service waits for room in it rather than how fast it fans out.
 *
 * <p>A read of {@code /metrics} is not free for the service: its text grows with the accounts (6.3 ms of CPU each
 * at 1,000; at 200, a third of the garbage the service made during the rounds), and reads during a round compete
 * with the round itself, which a Prometheus scraping every few seconds would not. The script polls every 50 ms
 * up to 200 accounts and every N / 4 ms above (250 ms at 1,000).
 *
 * <p>Usage: {@code java bench/FanOutDriver.java <service url> <api key> <webhook token> <accounts> <warm-up rounds>
 * <measured rounds> <rounds file> <spacing ms> <poll ms>}. JDK only. One HTTP/1.1 connection: the fan-out is the
 * service's.
 */
public final class FanOutDriver {

  private static final Pattern FINISHED = Pattern.compile("^copytrade_requests_total\\{[^}]*\\} ([0-9.eE+-]+)$",
    Pattern.MULTILINE);
  private static final long TIMEOUT_MS = 300_000;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String service;
  private final String apiKey;
  private final String token;
  private final int accounts;
  private final long pollMs;
  private int scrapes;

  private FanOutDriver(String service, String apiKey, String token, int accounts, long pollMs) {
    this.service = service;
    this.apiKey = apiKey;
    this.token = token;
    this.accounts = accounts;
    this.pollMs = pollMs;
  }

  public static void main(String[] args) throws Exception {
    FanOutDriver driver = new FanOutDriver(args[0], args[1], args[2], Integer.parseInt(args[3]),
      Long.parseLong(args[8]));
    int warmUp = Integer.parseInt(args[4]);
    int measured = Integer.parseInt(args[5]);
    long spacingMs = Long.parseLong(args[7]);
    long lastSignalNanos = System.nanoTime() - spacingMs * 1_000_000;
    List<String> rounds = new ArrayList<>();
    List<Double> wall = new ArrayList<>();
    for (int round = 0; round < warmUp + measured; round++) {
      boolean measuring = round >= warmUp;
      String id = (measuring ? "m-" : "w-") + round;
      long waitMs = spacingMs - (System.nanoTime() - lastSignalNanos) / 1_000_000;
      if (waitMs > 0) {
        Thread.sleep(waitMs);
      }
      lastSignalNanos = System.nanoTime();
      long sentMillis = System.currentTimeMillis();
      double ms = driver.round(id, round % 2 == 0 ? "long" : "close");
      // The first warm-up round too: the first signal after the start, while its protection reads may still run.
      if (measuring || round == 0) {
        rounds.add(id + " " + sentMillis);
      }
      if (measuring) {
        wall.add(ms);
      }
    }
    Files.write(Path.of(args[6]), rounds);
    System.out.println("scrapes " + driver.scrapes);
    if (wall.isEmpty()) {
      return;
    }
    wall.sort(null);
    System.out.printf("accounts=%d rounds=%d POST -> every request finished (driver, %d ms polling) ms: p50 %.0f,"
      + " p99 %.0f, max %.0f%n", driver.accounts, measured, driver.pollMs, at(wall, 0.50), at(wall, 0.99),
      wall.get(wall.size() - 1));
  }

  private static double at(List<Double> sorted, double quantile) {
    return sorted.get(Math.max(0, (int) Math.ceil(quantile * sorted.size()) - 1));
  }

  /** One signal to every account; the wall time in ms until every account's request has finished. */
  private double round(String id, String tradeType) throws Exception {
    double before = finished();
    long started = System.nanoTime();
    String body = "{\"symbol\":\"ETH\",\"trade_type\":\"" + tradeType + "\",\"id\":\"" + id + "\""
      + (tradeType.equals("long") ? ",\"reference_position_ratio\":0.01" : "") + "}";
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service + "/api/webhook/" + token))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
      HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 202) {
      throw new IllegalStateException("signal " + id + " answered " + answer.statusCode() + ": " + answer.body());
    }
    while (finished() < before + accounts) {
      if ((System.nanoTime() - started) / 1_000_000 > TIMEOUT_MS) {
        throw new IllegalStateException("signal " + id + ": not every request finished in " + TIMEOUT_MS + " ms");
      }
      Thread.sleep(pollMs);
    }
    return (System.nanoTime() - started) / 1e6;
  }

  /** Requests finished so far, every kind and state. */
  private double finished() throws Exception {
    scrapes++;
    String text = http.send(HttpRequest.newBuilder(URI.create(service + "/metrics")).header("X-API-Key", apiKey)
      .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    double total = 0;
    Matcher sample = FINISHED.matcher(text);
    while (sample.find()) {
      total += Double.parseDouble(sample.group(1));
    }
    return total;
  }
}
