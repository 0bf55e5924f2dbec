package io.copytrader.campaign;

import static io.copytrader.testing.Polling.eventually;
import static io.copytrader.testing.Polling.until;
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
 * SIGSTOP of the node owning the first account right after a burst for its accounts was accepted, held past its lease:
 * another node takes the accounts over and trades them; then SIGCONT. The frozen node wakes with requests in its
 * queue and a lease it no longer holds: it must send nothing for those accounts after the takeover (its own
 * {@link SendTap} shows every transaction it sent) and give them up ({@code /health}), while requests keep arriving
 * at it too. And the guarantees hold (ClusterFailureCase).
 */
class OwnerFrozenIT extends ClusterFailureCase {

  private static final int BURST = 8;
  private static final Duration TAKEOVER_WAIT = Duration.ofSeconds(30);

  /** Per round: the transactions the woken node sent for an account it had lost, after the takeover. */
  private final List<SendTap.Send> staleSends = new ArrayList<>();
  /** Per round: whether the woken node gave its lost accounts up. */
  private final List<Boolean> gaveUp = new ArrayList<>();
  private final List<Long> takeoverMillis = new ArrayList<>();

  @Override
  String name() {
    return "owner-frozen";
  }

  @Override
  void play(Round round) {
    ClusterHarness cluster = round.target().cluster();
    Owner trading = tradingOwnerAfterBurst(round, BURST);
    ClusterNode owner = trading.node();
    List<Long> owned = trading.accounts();
    long frozenAt = System.nanoTime();
    owner.freeze();
    List<Long> accounts = ClusterTarget.accountIndexes();
    eventually("another node owning " + owned + " by /health and the journal", TAKEOVER_WAIT, () -> {
      Map<Long, ClusterNode> owners = cluster.ownersByHealth(accounts);
      return owned.stream().allMatch(account -> owners.containsKey(account) && owners.get(account) != owner
        && cluster.leaseHolder(account).filter(owners.get(account).id()::equals).isPresent());
    });
    long takenOverAt = System.nanoTime();
    takeoverMillis.add(Duration.ofNanos(takenOverAt - frozenAt).toMillis());
    List<ClusterNode> others = cluster.nodes().stream().filter(node -> node != owner).toList();
    eventually("the new owners trading " + owned, TRADING, () -> owned.stream().allMatch(account ->
      others.stream().anyMatch(node -> !node.tap().sendsAfter(takenOverAt, account).isEmpty())));
    owner.thaw();
    long thawedAt = System.nanoTime();
    gaveUp.add(until(TAKEOVER_WAIT, () -> owner.health().map(ClusterNode::ownedAccounts)
      .map(still -> owned.stream().noneMatch(still::contains)).orElse(false), Boolean::booleanValue));
    awaitMoreAccepted(round, 12, "the thaw");
    owned.forEach(account -> staleSends.addAll(owner.tap().sendsAfter(takenOverAt, account)));
    System.out.println("FAILOVER owner-frozen round " + round.number() + ": froze " + owner.id() + " owning " + owned
      + ", taken over after " + takeoverMillis.get(takeoverMillis.size() - 1) + " ms, thawed "
      + Duration.ofNanos(thawedAt - takenOverAt).toMillis() + " ms after the takeover; its sends after the takeover: "
      + staleSends);
  }

  @Test
  void theWokenOwnerSendsNothingForTheAccountsItLost() {
    assertThat(staleSends).isEmpty();
  }

  @Test
  void theWokenOwnerGivesTheAccountsUp() {
    assertThat(gaveUp).isNotEmpty().containsOnly(true);
  }

  @Test
  void anotherNodeTakesOverWithinTwentySeconds() {
    assertThat(takeoverMillis).isNotEmpty().allSatisfy(millis ->
      assertThat(millis).isLessThanOrEqualTo(OwnerKilledIT.RESUME_BOUND.toMillis()));
  }
}
