package io.copytrader.campaign;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.campaign.ClusterVerdicts.Verdict;
import io.copytrader.campaign.Violation.Guarantee;
import io.copytrader.testing.ClusterHarness;
import io.copytrader.testing.ClusterNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One failure played against three nodes under load ({@link ClusterTarget}, {@link ClusterLoad}), once per round
 * ({@code -Dfailover.rounds}, default 1; each round on a fresh cluster, journal and exchange), then judged by
 * {@link ClusterVerdicts}. A subclass plays its failure in {@link #play} and checks what is its own; the guarantees
 * every failure must keep are checked here. The figures of each round are printed (bench/failover-campaign.sh
 * collects them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterFailureCase {

  /** One request every this long, the accounts and the live nodes in turn. */
  static final Duration LOAD_PERIOD = Duration.ofMillis(400);

  private final List<Violation> violations = new ArrayList<>();
  private final Map<String, Integer> states = new TreeMap<>();
  private final Map<String, Integer> outcomes = new TreeMap<>();

  /** The round's cluster, its owners once every account had one, and the load already running. */
  record Round(int number, ClusterTarget target, Map<Long, ClusterNode> owners, ClusterLoad load) {
  }

  /** How long the cluster may take to trade what a test waits for before it breaks something. */
  static final Duration TRADING = Duration.ofSeconds(30);

  /** The node owning the first account, and every account it owns. */
  record Owner(ClusterNode node, List<Long> accounts) {
  }

  /**
   * The owner of the first account, once it has sent a transaction for each of its accounts, after a burst of
   * {@code burst} requests for its accounts (round-robin to the live nodes) was answered: the moment to break it.
   */
  static Owner tradingOwnerAfterBurst(Round round, int burst) {
    ClusterNode node = round.owners().get(ClusterTarget.CLUSTER_ACCOUNTS.get(0).index());
    List<Long> owned = round.owners().entrySet().stream().filter(entry -> entry.getValue() == node)
      .map(Map.Entry::getKey).toList();
    eventually(node.id() + " trading for " + owned, TRADING,
      () -> owned.stream().allMatch(account -> node.tap().lastSend(account).isPresent()));
    round.load().burst(ClusterTarget.CLUSTER_ACCOUNTS.stream().filter(account -> owned.contains(account.index()))
      .toList(), burst);
    return new Owner(node, owned);
  }

  /** Waits until some node has sent a transaction for every account. */
  static void awaitEveryAccountTrading(ClusterHarness cluster) {
    eventually("every account trading", TRADING, () -> ClusterTarget.accountIndexes().stream().allMatch(account ->
      cluster.nodes().stream().anyMatch(node -> node.tap().lastSend(account).isPresent())));
  }

  /** Waits until the load has had {@code count} more requests accepted, {@code after} what. */
  static void awaitMoreAccepted(Round round, int count, String after) {
    long target = round.load().accepted().size() + (long) count;
    eventually(count + " more requests accepted after " + after, TRADING,
      () -> round.load().accepted().size() >= target);
  }

  /** Plays the failure while the load runs; the load is stopped and the guarantees checked after it returns. */
  abstract void play(Round round);

  /** A name for the round's directory under target/cluster/. */
  abstract String name();

  static int rounds() {
    return Integer.getInteger("failover.rounds", 1);
  }

  @BeforeAll
  void playEveryRound() {
    for (int number = 1; number <= rounds(); number++) {
      try (ClusterTarget target = new ClusterTarget(name() + "-" + number)) {
        Map<Long, ClusterNode> owners = target.awaitOwners();
        Verdict verdict;
        Map<String, Integer> posts;
        try (ClusterLoad load = ClusterLoad.start(target.cluster(), ClusterTarget.CLUSTER_ACCOUNTS, LOAD_PERIOD)) {
          try {
            play(new Round(number, target, owners, load));
          } catch (RuntimeException | AssertionError broken) {
            System.out.println("FAILOVER " + name() + " round " + number + " broke off: " + broken.getMessage()
              + "; posts so far " + load.outcomes() + ", by account and node " + load.outcomesByAccountAndNode()
              + "; journal sessions:\n" + target.cluster().sessions());
            target.cluster().liveNodes().forEach(node -> {
              node.dumpThreads();
              System.out.println("  " + node.id() + " /health: " + node.health().map(Object::toString).orElse("none"));
            });
            throw broken;
          }
          load.stop();
          posts = load.outcomes();
          verdict = ClusterVerdicts.check(target, load.accepted(), number);
        }
        posts.forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum));
        violations.addAll(verdict.violations());
        verdict.states().forEach((state, count) -> states.merge(state, count, Integer::sum));
        System.out.println("FAILOVER " + name() + " round " + number + ": posts " + posts + ", final states "
          + verdict.states() + ", violations " + verdict.violations().size());
        verdict.violations().forEach(violation -> System.out.println("  " + violation));
      }
    }
    System.out.println("FAILOVER " + name() + " rounds " + rounds() + ": violations " + violations.size()
      + ", final states " + states);
  }

  private List<Violation> of(Guarantee guarantee) {
    return violations.stream().filter(violation -> violation.guarantee() == guarantee).toList();
  }

  @Test
  void everyAcceptedRequestEndsFinal() {
    assertThat(of(Guarantee.ALWAYS_FINAL)).isEmpty();
  }

  @Test
  void noRequestExecutesTwice() {
    assertThat(of(Guarantee.AT_MOST_ONCE)).isEmpty();
  }

  @Test
  void everyPositionKeepsOneStopLoss() {
    assertThat(of(Guarantee.ALWAYS_PROTECTED)).isEmpty();
  }

  @Test
  void noExitExpiresAndNoRequestIsReportedTwice() {
    assertThat(of(Guarantee.EXITS_NEVER_DROPPED)).isEmpty();
    assertThat(of(Guarantee.REPORTED_ONCE)).isEmpty();
  }

  @Test
  void theLoadWasAcceptedAndFilled() {
    assertThat(outcomes.getOrDefault("202", 0)).as("accepted posts, of %s", outcomes)
      .isGreaterThanOrEqualTo(10 * rounds());
    assertThat(states.getOrDefault("filled", 0)).as("filled requests, of %s", states)
      .isGreaterThanOrEqualTo(5 * rounds());
  }
}
