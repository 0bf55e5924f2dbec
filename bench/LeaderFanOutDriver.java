import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One leader change fanned out to every follower, for bench/leader-fanout.sh: each round moves the leader's ETH
 * position through the paper exchange's control ({@code POST /paper/accounts/{leader}/position}, long then short:
 * every round after the first is a flip) and waits until every follower's
 * {@code copytrade_leader_event_to_sendtx_seconds} histogram, which counts a target's first order, counted one more. A round's latency is the largest increase of a follower's histogram sum in that round: from the service
 * hearing the leader's change to the last follower's entry order leaving as sendTx (the service's nanosecond clock;
 * one first order per follower per round: the opening from flat, the reduce-only close of a flip). The driver also reports its own wall time from the control call to seeing every
 * follower done (it includes the stream's delivery and its 10 ms polling). Prints p50, p99 and max over the measured
 * rounds.
 *
 * <p>Usage: {@code java bench/LeaderFanOutDriver.java <service url> <paper url> <leader index> <followers>
 * <warm-up rounds> <measured rounds> <leader size>}. JDK only.
 */
public final class LeaderFanOutDriver {

  private static final String METRIC = "copytrade_leader_event_to_sendtx_seconds";
  private static final Pattern SAMPLE = Pattern.compile(
    "^" + METRIC + "_(count|sum)\\{follower=\"(\\d+)\"[^}]*\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
  private static final long TIMEOUT_MS = 60_000;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String service;
  private final String paper;
  private final long leader;
  private final int followers;

  private LeaderFanOutDriver(String service, String paper, long leader, int followers) {
    this.service = service;
    this.paper = paper;
    this.leader = leader;
    this.followers = followers;
  }

  public static void main(String[] args) throws Exception {
    LeaderFanOutDriver driver = new LeaderFanOutDriver(args[0], args[1], Long.parseLong(args[2]),
      Integer.parseInt(args[3]));
    int warmUp = Integer.parseInt(args[4]);
    int measured = Integer.parseInt(args[5]);
    String size = args[6];
    List<Double> service = new ArrayList<>();
    List<Double> wall = new ArrayList<>();
    for (int round = 0; round < warmUp + measured; round++) {
      double[] latency = driver.round(round % 2 == 0 ? size : "-" + size);
      if (round >= warmUp) {
        service.add(latency[0]);
        wall.add(latency[1]);
      }
    }
    System.out.printf("followers=%d rounds=%d heard->last sendTx ms: %s; control->all done (driver) ms: %s%n",
      driver.followers, measured, summary(service), summary(wall));
  }

  /** One leader change; the service's heard → last sendTx and the driver's wall time, in ms. */
  private double[] round(String position) throws IOException, InterruptedException {
    Map<String, double[]> before = histograms();
    long started = System.nanoTime();
    HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create(paper + "/paper/accounts/" + leader
        + "/position")).header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString("{\"market_id\":0,\"position\":\"" + position + "\"}")).build(),
      HttpResponse.BodyHandlers.ofString());
    if (moved.statusCode() != 200) {
      throw new IllegalStateException("the leader could not move: " + moved.body());
    }
    while (true) {
      Map<String, double[]> now = histograms();
      int done = 0;
      double slowest = 0;
      for (Map.Entry<String, double[]> follower : now.entrySet()) {
        double[] previous = before.getOrDefault(follower.getKey(), new double[2]);
        if (follower.getValue()[0] > previous[0]) {
          done++;
          slowest = Math.max(slowest, follower.getValue()[1] - previous[1]);
        }
      }
      if (done >= followers) {
        return new double[] {slowest * 1000, (System.nanoTime() - started) / 1e6};
      }
      if ((System.nanoTime() - started) / 1_000_000 > TIMEOUT_MS) {
        throw new IllegalStateException(done + " of " + followers + " followers sent within " + TIMEOUT_MS + " ms");
      }
      Thread.sleep(10);
    }
  }

  /** Per follower: {count, sum in seconds} of its leader event → sendTx histogram. */
  private Map<String, double[]> histograms() throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(URI.create(service + "/metrics")).timeout(Duration.ofSeconds(10))
      .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    Map<String, double[]> byFollower = new HashMap<>();
    Matcher sample = SAMPLE.matcher(text);
    while (sample.find()) {
      double[] values = byFollower.computeIfAbsent(sample.group(2), follower -> new double[2]);
      values[sample.group(1).equals("count") ? 0 : 1] = Double.parseDouble(sample.group(3));
    }
    return byFollower;
  }

  private static String summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format("p50 %.1f, p99 %.1f, max %.1f", percentile(sorted, 0.50), percentile(sorted, 0.99),
      sorted.get(sorted.size() - 1));
  }

  private static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
