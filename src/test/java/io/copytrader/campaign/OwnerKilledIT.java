package io.copytrader.campaign;

import static io.copytrader.testing.Polling.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ClusterNode;
import io.copytrader.testing.SendTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the node owning the first account right after a burst of requests for its accounts, sent round-robin to
 * every live node, was accepted, while the load goes on: the accounts it
 * owned resume on another node (its first transaction for each, through its own tap, after the kill) within
 * {@link #RESUME_BOUND}, and the guarantees hold (ClusterFailureCase). Measures the failover time per account and the
 * requests in flight at the kill (journaled for its accounts and not final).
 */
class OwnerKilledIT extends ClusterFailureCase {

  /** The bound: "its accounts resume on another node within 20 s". */
  static final Duration RESUME_BOUND = Duration.ofSeconds(20);
  /** How long the test waits to see a resumption at all, to measure one beyond the bound too. */
  private static final Duration RESUME_WAIT = Duration.ofSeconds(60);
  /** Requests posted at once for the owner's accounts right before the kill. */
  private static final int BURST = 8;

  private final List<Long> failoverMillis = new ArrayList<>();
  private final List<Integer> inFlight = new ArrayList<>();

  @Override
  String name() {
    return "owner-killed";
  }

  @Override
  void play(Round round) {
    Owner trading = tradingOwnerAfterBurst(round, BURST);
    ClusterNode owner = trading.node();
    List<Long> owned = trading.accounts();
    long killedAt = System.nanoTime();
    owner.kill();
    int unfinished = Integer.parseInt(round.target().cluster().sql("SELECT count(*) FROM requests WHERE account_index"
      + " IN (" + owned.stream().map(String::valueOf).collect(Collectors.joining(",")) + ") AND kind IN ('trade',"
      + " 'adjust') AND state IN ('queued', 'executing')"));
    List<SendTap> others = round.target().cluster().nodes().stream().filter(node -> node != owner)
      .map(ClusterNode::tap).toList();
    Map<Long, Long> resumed = eventually("the accounts of " + owner.id() + " trading on another node", RESUME_WAIT,
      () -> SendTap.firstSendsAfter(others, owned, killedAt), found -> found.size() == owned.size());
    inFlight.add(unfinished);
    failoverMillis.addAll(resumed.values());
    System.out.println("FAILOVER owner-killed round " + round.number() + ": killed " + owner.id() + " owning "
      + owned + ", in flight at the kill " + unfinished + ", resumed after (ms) " + resumed);
    awaitMoreAccepted(round, 10, "the failover");
  }

  @Test
  void theKilledOwnersAccountsResumeOnAnotherNodeWithinTwentySeconds() {
    System.out.println("FAILOVER owner-killed figures: failover ms p50 " + percentile(failoverMillis, 50) + " max "
      + percentile(failoverMillis, 100) + " over " + failoverMillis.size() + " account(s); in flight at the kill "
      + inFlight);
    assertThat(failoverMillis).isNotEmpty().allSatisfy(millis ->
      assertThat(millis).isLessThanOrEqualTo(RESUME_BOUND.toMillis()));
  }

  @Test
  void requestsWereInFlightAtTheKill() {
    assertThat(inFlight).as("requests queued or executing for the killed owner's accounts at the kill")
      .allSatisfy(count -> assertThat(count).isPositive());
  }

  static long percentile(List<Long> values, int percent) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }
}
