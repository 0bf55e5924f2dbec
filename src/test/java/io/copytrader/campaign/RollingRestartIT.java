package io.copytrader.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ClusterHarness;
import io.copytrader.testing.ClusterNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade under load, as README.md "Running in production" describes it: each node in turn stopped with
 * SIGTERM (it finishes its current requests and hands its leases back), started again, and given the time for every
 * account to have one owner again before the next; zero requests lost or doubled (ClusterFailureCase).
 */
class RollingRestartIT extends ClusterFailureCase {

  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final List<Integer> exitStatuses = new ArrayList<>();
  private final List<Long> ownedAgainMillis = new ArrayList<>();

  @Override
  String name() {
    return "rolling-restart";
  }

  @Override
  void play(Round round) {
    ClusterHarness cluster = round.target().cluster();
    awaitEveryAccountTrading(cluster);
    for (ClusterNode node : cluster.nodes()) {
      long stoppedAt = System.nanoTime();
      exitStatuses.add(node.stop(STOP_WAIT));
      node.start();
      node.awaitReady(ClusterHarness.STARTUP);
      round.target().awaitOwners();
      ownedAgainMillis.add(Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis());
      awaitMoreAccepted(round, 4, "restarting " + node.id());
    }
    int from = exitStatuses.size() - cluster.nodes().size();
    System.out.println("FAILOVER rolling-restart round " + round.number() + ": exit statuses "
      + exitStatuses.subList(from, exitStatuses.size()) + ", every account owned again after (ms, SIGTERM to owners) "
      + ownedAgainMillis.subList(from, ownedAgainMillis.size()));
  }

  @Test
  void everyNodeStopsGracefully() {
    assertThat(exitStatuses).hasSize(ClusterTarget.NODES * rounds()).allSatisfy(status ->
      assertThat(status).isIn(0, 143));
  }
}
