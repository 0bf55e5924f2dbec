package io.copytrader.journal;

import io.copytrader.cluster.LeaseBook;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * The check every order, start and end of a request passes in the writer's transaction: the account's lease row still
 * names this node under the epoch its {@link LeaseBook} holds (docs/ARCHITECTURE.md "Account ownership").
 */
record AccountFence(LeaseBook leases) {

  /** Fails with {@link LeaseLostException}, so that the caller's write rolls back, unless the account is ours. */
  void check(SqlSession session, long accountIndex) throws SQLException {
    OptionalLong epoch = leases.epoch(accountIndex);
    if (epoch.isEmpty()) {
      throw new LeaseLostException("node " + leases.nodeId() + " holds no lease on account " + accountIndex);
    }
    LeaseStore.fence(session, accountIndex, leases.nodeId(), epoch.getAsLong());
  }

  /**
   * Whether the account is this node's under {@code epoch}, as {@link #check} would find it: a verticle of an earlier
   * acquisition of the account holds it no more.
   */
  boolean holds(SqlSession session, long accountIndex, long epoch) throws SQLException {
    if (leases.epoch(accountIndex).orElse(-1) != epoch) {
      return false;
    }
    try {
      check(session, accountIndex);
      return true;
    } catch (LeaseLostException lost) {
      return false;
    }
  }
}
