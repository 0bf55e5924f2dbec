package io.copytrader.campaign;

import static io.copytrader.testing.Polling.eventually;
import static io.copytrader.testing.Polling.pause;
import static org.assertj.core.api.Assertions.assertThat;

import io.copytrader.testing.ClusterHarness;
import io.copytrader.testing.ClusterNode;
import io.copytrader.testing.SendTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under load ({@code pg_ctl stop -m fast}, down {@link #DOWN}, started again): the nodes can
 * neither renew their leases nor write an order row, so they fall silent within the lease's send window (no
 * transaction reaches the exchange from {@link #SILENT_AFTER} after the stop until the start), then reconnect and
 * trade every account again; nothing lost or doubled (ClusterFailureCase).
 */
class JournalRestartIT extends ClusterFailureCase {

  /** Longer than a lease, so that every lease expires while the journal is away. */
  static final Duration DOWN = Duration.ofSeconds(6);
  /**
   * A node sends within 70 % of the lease after the start of its last successful renewal (ClusterSettings), and the
   * last one started before the stop; half a second more for a send already on its way.
   */
  static final Duration SILENT_AFTER = ClusterTarget.LEASE_TTL.multipliedBy(7).dividedBy(10)
    .plus(Duration.ofMillis(500));
  private static final Duration RESUME_WAIT = Duration.ofSeconds(60);

  private final List<SendTap.Send> sentWhileDown = new ArrayList<>();
  private final List<Long> resumeMillis = new ArrayList<>();

  @Override
  String name() {
    return "journal-restart";
  }

  @Override
  void play(Round round) {
    ClusterHarness cluster = round.target().cluster();
    List<Long> accounts = ClusterTarget.accountIndexes();
    awaitEveryAccountTrading(cluster);
    long stoppedAt = System.nanoTime();
    long startedAt;
    try {
      cluster.postgres().stopServer();
      stoppedAt = System.nanoTime();
      pause(DOWN);
    } finally {
      cluster.postgres().startServer();
      startedAt = System.nanoTime();
    }
    long silentFrom = stoppedAt + SILENT_AFTER.toNanos();
    for (ClusterNode node : cluster.nodes()) {
      node.tap().sends().stream().filter(send -> send.nanos() - silentFrom > 0 && send.nanos() - startedAt < 0)
        .forEach(sentWhileDown::add);
    }
    long up = startedAt;
    Map<Long, Long> resumed = eventually("every account trading again", RESUME_WAIT, () -> SendTap.firstSendsAfter(
      cluster.nodes().stream().map(ClusterNode::tap).toList(), accounts, up), found -> found.size() == accounts.size());
    resumeMillis.addAll(resumed.values());
    awaitMoreAccepted(round, 12, "the restart");
    System.out.println("FAILOVER journal-restart round " + round.number() + ": PostgreSQL down "
      + Duration.ofNanos(startedAt - stoppedAt).toMillis() + " ms; sends while it was down (after the send window): "
      + sentWhileDown + "; accounts trading again after (ms) " + resumed);
  }

  @Test
  void noNodeSendsWhileTheJournalIsDown() {
    assertThat(sentWhileDown).isEmpty();
  }

  @Test
  void everyAccountTradesAgainAfterTheRestart() {
    assertThat(resumeMillis).hasSize(ClusterTarget.CLUSTER_ACCOUNTS.size() * rounds());
  }
}
