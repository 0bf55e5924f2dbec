package io.copytrader.campaign;

import io.copytrader.campaign.CampaignTarget.Account;
import io.copytrader.testing.ClusterHarness;
import io.copytrader.testing.ClusterNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signal sources posting trades to a cluster while a test breaks it: one request every {@code period}, the accounts
 * in turn, each sent to the next live node in turn (round-robin), none waiting for another's answer. Each account
 * cycles through an ETH long, a BTC short and their closes. Every answer is kept: a 202's request id is a promise
 * the checks hold the cluster to.
 */
final class ClusterLoad implements AutoCloseable {

  /** One post and its answer; status 0 when none came (the node died, froze or refused the connection). */
  record Submission(long nanos, long accountIndex, String nodeId, int status, String requestId, String code) {

    boolean accepted() {
      return status == 202;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<JsonObject> CYCLE = List.of(
    new JsonObject().put("symbol", "ETH").put("trade_type", "long").put("reference_position_ratio", 0.05),
    new JsonObject().put("symbol", "BTC").put("trade_type", "short").put("reference_position_ratio", 0.05),
    new JsonObject().put("symbol", "ETH").put("trade_type", "close"),
    new JsonObject().put("symbol", "BTC").put("trade_type", "close"));

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final List<CompletableFuture<Submission>> pending = new CopyOnWriteArrayList<>();
  private final List<Submission> submissions = new CopyOnWriteArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final ClusterHarness cluster;
  private final List<Account> accounts;

  private ClusterLoad(ClusterHarness cluster, List<Account> accounts) {
    this.cluster = cluster;
    this.accounts = List.copyOf(accounts);
  }

  /** Starts posting, one request every {@code period}. */
  static ClusterLoad start(ClusterHarness cluster, List<Account> accounts, Duration period) {
    ClusterLoad load = new ClusterLoad(cluster, accounts);
    load.pacer.scheduleAtFixedRate(load::postNext, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return load;
  }

  private void postNext() {
    List<ClusterNode> live = cluster.liveNodes();
    long number = sent.getAndIncrement();
    if (live.isEmpty()) {
      return;
    }
    Account account = accounts.get((int) (number % accounts.size()));
    ClusterNode node = live.get((int) (number % live.size()));
    pending.add(post(account, node, CYCLE.get((int) ((number / accounts.size()) % CYCLE.size()))));
  }

  /**
   * Posts {@code count} requests at once for {@code burstAccounts} in turn, to the live nodes in turn, and waits for
   * their answers; they count among the load's submissions. Each account's burst opens, then closes, ETH.
   */
  List<Submission> burst(List<Account> burstAccounts, int count) {
    List<ClusterNode> live = cluster.liveNodes();
    List<CompletableFuture<Submission>> posts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      posts.add(post(burstAccounts.get(i % burstAccounts.size()), live.get(i % live.size()),
        CYCLE.get(2 * ((i / burstAccounts.size()) % 2))));
    }
    return posts.stream().map(CompletableFuture::join).toList();
  }

  private CompletableFuture<Submission> post(Account account, ClusterNode node, JsonObject trade) {
    JsonObject body = trade.copy().put("account_index", account.index());
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/api/trade")).timeout(TIMEOUT)
      .header("Content-Type", "application/json").header("X-API-Key", CampaignTarget.API_KEY)
      .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    long nanos = System.nanoTime();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
      .handle((response, failure) -> {
        Submission submission = failure != null
          ? new Submission(nanos, account.index(), node.id(), 0, null, String.valueOf(failure))
          : answered(nanos, account.index(), node.id(), response);
        submissions.add(submission);
        return submission;
      });
  }

  private static Submission answered(long nanos, long accountIndex, String nodeId, HttpResponse<String> response) {
    JsonObject body;
    try {
      body = new JsonObject(response.body());
    } catch (RuntimeException notJson) {
      body = new JsonObject();
    }
    return new Submission(nanos, accountIndex, nodeId, response.statusCode(), body.getString("request_id"),
      body.getString("code", ""));
  }

  /** Stops posting and waits for every post's answer (each bounded by its timeout). */
  void stop() {
    pacer.shutdown();
    try {
      if (!pacer.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the load's pacer did not stop");
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds() + 5,
        TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException("the load's posts did not end", e);
    }
  }

  List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  /** The requests accepted (202), as posted. */
  List<Submission> accepted() {
    return submissions.stream().filter(Submission::accepted).toList();
  }

  /** How many posts got each answer: "202", "503 SERVICE_UNAVAILABLE", "unanswered"… */
  Map<String, Integer> outcomes() {
    Map<String, Integer> counts = new TreeMap<>();
    submissions.forEach(submission -> counts.merge(outcome(submission), 1, Integer::sum));
    return counts;
  }

  /** {@link #outcomes} per account and node, for a test that broke off to say what the load met. */
  Map<String, Map<String, Integer>> outcomesByAccountAndNode() {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    submissions.forEach(submission -> counts.computeIfAbsent(submission.accountIndex() + "@" + submission.nodeId(),
      key -> new TreeMap<>()).merge(outcome(submission), 1, Integer::sum));
    return counts;
  }

  private static String outcome(Submission submission) {
    return submission.status() == 0 ? "unanswered"
      : submission.status() + (submission.code().isEmpty() ? "" : " " + submission.code());
  }

  @Override
  public void close() {
    pacer.shutdownNow();
  }
}
