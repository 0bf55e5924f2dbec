package io.copytrader.journal;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Requests journaled by one node for an account another node owns, and their claiming by the owner
 * (docs/ARCHITECTURE.md "Several nodes"): a request journaled without an owner's epoch waits, {@code queued} with
 * {@code claimed_epoch} NULL, until the owner claims it under its epoch and queues it.
 */
final class IntakeStore {

  /** The kinds an account's queue runs; a protection run's row is never queued for it. */
  private static final String QUEUED_KINDS = "kind IN ('trade', 'adjust', 'position', 'follow')";
  /**
   * Waiting for an owner: journaled by another node, or claimed under an epoch older than the account's lease, which
   * no owner runs any more (each owner claims every unfinished request as it starts; this catches any claim made
   * under a lost epoch after that).
   */
  private static final String UNCLAIMED = "(claimed_epoch IS NULL OR claimed_epoch < (SELECT lease.epoch FROM"
    + " account_leases lease WHERE lease.account_index = requests.account_index))";
  /** Oldest first, as the account's queue takes them. */
  private static final Comparator<RequestRecord> CREATED_ORDER = Comparator.comparing(RequestRecord::createdAt)
    .thenComparing(RequestRecord::requestId);

  private IntakeStore() {
  }

  /**
   * Journals a request for an account owned elsewhere, unclaimed, and tells the owner's listener in the same
   * transaction; a repeat is answered with its original. Empty when {@code capacity} requests of the account wait.
   */
  static Optional<InsertOutcome> insertUnclaimed(SqlSession session, NewRequest request, int capacity, long now,
                                                 long windowMillis) throws SQLException {
    Optional<InsertOutcome> repeat = JournalStore.repeatOf(session, request, now, windowMillis);
    if (repeat.isPresent()) {
      return repeat;
    }
    if (queued(session, request.accountIndex()) >= capacity) {
      return Optional.empty();
    }
    InsertOutcome outcome = JournalStore.insertRequest(session, request, now, windowMillis, null, false);
    if (outcome instanceof InsertOutcome.Inserted) {
      notify(session, JournalChannels.INTAKE, Long.toString(request.accountIndex()));
    }
    return Optional.of(outcome);
  }

  /**
   * Journals a request its account's owner accepted: claimed under its {@code epoch} while the owner {@code holds}
   * the account; with {@code start} (the owner runs it next) executing, its first attempt counted, as
   * {@link Journal#markExecuting} would leave it. Where the owner no longer holds it (taken over), it is journaled
   * unclaimed with the new owner told, as another node journals it: a claim under a lost epoch no owner would run.
   */
  static InsertOutcome insertByOwner(SqlSession session, NewRequest request, long now, long windowMillis, long epoch,
                                     boolean start, boolean holds) throws SQLException {
    if (holds) {
      return JournalStore.insertRequest(session, request, now, windowMillis, epoch, start);
    }
    InsertOutcome outcome = JournalStore.insertRequest(session, request, now, windowMillis, null, false);
    if (outcome instanceof InsertOutcome.Inserted) {
      notify(session, JournalChannels.INTAKE, Long.toString(request.accountIndex()));
    }
    return outcome;
  }

  /** How many requests of the account wait {@code queued}, whichever node journaled them. */
  static long queued(SqlSession session, long accountIndex) throws SQLException {
    return session.first("SELECT count(*) FROM requests WHERE account_index = ? AND state = 'queued' AND "
      + QUEUED_KINDS, row -> row.longValue(1), accountIndex).orElse(0L);
  }

  /** The accounts with a request waiting unclaimed, for the owners' backstop ({@code requests_unclaimed}). */
  static List<Long> unclaimedAccounts(SqlSession session) throws SQLException {
    return session.query("SELECT DISTINCT account_index FROM requests WHERE state = 'queued' AND " + UNCLAIMED
      + " AND " + QUEUED_KINDS, row -> row.longValue(1));
  }

  /**
   * Claims the account's unclaimed queued requests under {@code epoch}; those claimed, oldest first. Only for an
   * owner the fence passes: a stale owner's claim would hide them from the new owner.
   */
  static List<RequestRecord> claimQueued(SqlSession session, long accountIndex, long epoch) throws SQLException {
    List<RequestRecord> claimed = session.query("UPDATE requests SET claimed_epoch = ? WHERE request_id IN"
        + " (SELECT request_id FROM requests WHERE account_index = ? AND state = 'queued' AND " + UNCLAIMED
        + " AND " + QUEUED_KINDS + " ORDER BY created_at, request_id" + session.dialect().skipLocked() + ")"
        + " RETURNING " + JournalRows.REQUEST_COLUMNS, JournalRows::request, epoch, accountIndex);
    return claimed.stream().sorted(CREATED_ORDER).toList();
  }

  /**
   * Claims every unfinished request of the account under {@code epoch}, as an owner does when it starts: executing
   * first (reconciled before anything is sent), then queued, each oldest first. Only for an owner the fence passes
   * under {@code epoch}: one that lost the account before its start claimed them claims none.
   */
  static List<RequestRecord> claimUnfinished(SqlSession session, long accountIndex, long epoch) throws SQLException {
    List<RequestRecord> claimed = session.query("UPDATE requests SET claimed_epoch = ? WHERE account_index = ?"
        + " AND state IN ('queued', 'executing') AND " + QUEUED_KINDS + " RETURNING " + JournalRows.REQUEST_COLUMNS,
      JournalRows::request, epoch, accountIndex);
    return claimed.stream().sorted(Comparator.comparing((RequestRecord record) -> record.state()
      == RequestState.QUEUED).thenComparing(CREATED_ORDER)).toList();
  }

  /** The epoch the request was last claimed under; empty for an unknown or unclaimed request. */
  static OptionalLong claimedEpoch(SqlSession session, String requestId) throws SQLException {
    return session.first("SELECT claimed_epoch FROM requests WHERE request_id = ? AND claimed_epoch IS NOT NULL",
      row -> row.longValue(1), requestId).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  /** Tells every node listening on {@code channel} once the transaction commits; nothing on SQLite. */
  static void notify(SqlSession session, String channel, String payload) throws SQLException {
    if (session.dialect().notifies()) {
      session.query("SELECT pg_notify(?, ?)", row -> null, channel, payload);
    }
  }
}
