package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.journal.Journal;
import io.copytrader.journal.JournalException;
import io.copytrader.journal.OrderRecord;
import io.copytrader.journal.RequestDetail;
import io.copytrader.journal.RequestRecord;
import io.copytrader.journal.RequestState;
import io.copytrader.notify.Notice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an account's unfinished requests back from the journal as its queue carries them: at start, and when the
 * journal's unavailability interrupted one. One that was executing carries what the journal knew of its entry
 * order, so the executor reconciles with the exchange before sending again.
 */
final class RequestResumer {

  private static final Logger LOG = LoggerFactory.getLogger(RequestResumer.class);
  /** How often an interrupted request asks whether the journal is back. */
  private static final Duration JOURNAL_RETRY = Duration.ofMillis(500);

  private final Vertx vertx;
  private final Journal journal;
  private final long accountIndex;
  private final HeldNotices heldNotices;
  private final LongSupplier epoch;

  RequestResumer(Vertx vertx, Journal journal, long accountIndex, HeldNotices heldNotices, LongSupplier epoch) {
    this.vertx = vertx;
    this.journal = journal;
    this.accountIndex = accountIndex;
    this.heldNotices = heldNotices;
    this.epoch = epoch;
  }

  /** A journaled request found unfinished at start, ready to queue in its original order. */
  Future<QueuedRequest> resume(RequestRecord record) {
    LOG.info("Account {}: resuming {} request {} from the journal", accountIndex, record.state().wire(),
      record.requestId());
    if (record.state() != RequestState.EXECUTING) {
      return Future.succeededFuture(resumed(record, List.of()));
    }
    return journal.getRequest(record.requestId())
      .map(detail -> resumed(record, detail.map(RequestDetail::orders).orElse(List.of())));
  }

  /**
   * A request the journal's unavailability ({@code cause}) interrupted, read back once the journal answers again:
   * empty when it ended meanwhile (its final state was written after all), when its insert never committed, or when
   * the account stops first (the next start resumes it). A restart would resume it the same way; a stop-loss whose
   * journal row could not be written was not placed, so the account's protection runs after it. The request's held
   * notice ({@link HeldNotices}) is published only when its end was written under this owner's epoch, and dropped
   * otherwise: an unfinished request is reported by the run that ends it.
   */
  Future<Optional<QueuedRequest>> takeUpAgain(String requestId, Throwable cause, BooleanSupplier stopping) {
    LOG.warn("Account {}: request {} interrupted: {}", accountIndex, requestId, cause.getMessage());
    return readBack(requestId, stopping);
  }

  /**
   * Asks every {@link #JOURNAL_RETRY} until both of the journal's connections are up and it answers, or the account
   * stops. Never at once: a journal that reads but cannot write (its writer without a connection) would otherwise
   * have the request fail and come back in a tight loop.
   */
  private Future<Optional<QueuedRequest>> readBack(String requestId, BooleanSupplier stopping) {
    return Pause.of(vertx, JOURNAL_RETRY.toMillis()).compose(waited -> {
      if (stopping.getAsBoolean()) {
        heldNotices.take(requestId);
        return Future.succeededFuture(Optional.empty());
      }
      if (!journal.reachable()) {
        return readBack(requestId, stopping);
      }
      return journal.getRequest(requestId).transform(read -> {
        if (read.failed() && JournalException.outOfReach(read.cause())) {
          return readBack(requestId, stopping);
        }
        if (read.failed()) {
          LOG.error("Account {}: request {} left for the next start: {}", accountIndex, requestId,
            read.cause().toString());
          heldNotices.take(requestId);
          return Future.succeededFuture(Optional.empty());
        }
        if (read.result().filter(detail -> detail.request().state().isFinal()).isPresent()
          && heldNotices.holds(requestId)) {
          return reportHeld(requestId, stopping);
        }
        heldNotices.take(requestId);
        Optional<RequestDetail> unfinished = read.result().filter(detail -> !detail.request().state().isFinal());
        unfinished.ifPresent(detail -> LOG.info("Account {}: the journal is back; taking up {} request {} again",
          accountIndex, detail.request().state().wire(), requestId));
        return Future.succeededFuture(unfinished.map(detail -> resumed(detail.request(), detail.orders())));
      });
    });
  }

  /** A request found ended: its held notice goes out when the end was written under this owner's epoch. */
  private Future<Optional<QueuedRequest>> reportHeld(String requestId, BooleanSupplier stopping) {
    return journal.claimedEpoch(requestId).transform(claimed -> {
      if (claimed.failed() && JournalException.outOfReach(claimed.cause())) {
        return readBack(requestId, stopping);
      }
      Optional<Notice> notice = heldNotices.take(requestId);
      if (claimed.succeeded() && claimed.result().orElse(-1) == epoch.getAsLong()) {
        LOG.info("Account {}: request {} had ended after all; reporting it", accountIndex, requestId);
        notice.ifPresent(held -> vertx.eventBus().publish(Addresses.NOTIFY, held.toJson()));
      }
      return Future.succeededFuture(Optional.empty());
    });
  }

  private static QueuedRequest resumed(RequestRecord record, List<OrderRecord> orders) {
    TradeRequest request = TradeRequest.fromJson(record.bodyJson());
    if (record.state() != RequestState.EXECUTING) {
      return QueuedRequest.fresh(record.requestId(), request, record.createdAt().toEpochMilli());
    }
    Optional<OrderRecord> entry = EntryState.decisive(orders.stream()
      .filter(order -> order.order().purpose().isEntry()).toList());
    int nextOrdinal = orders.stream().mapToInt(order -> order.order().ordinal()).max().orElse(-1) + 1;
    return QueuedRequest.resumed(record.requestId(), request, record.createdAt().toEpochMilli(),
      new QueuedRequest.Recovery(entry.orElse(null), nextOrdinal));
  }
}
