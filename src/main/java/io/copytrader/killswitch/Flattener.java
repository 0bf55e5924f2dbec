package io.copytrader.killswitch;

import io.copytrader.Addresses;
import io.copytrader.account.AccountRequests;
import io.copytrader.journal.Journal;
import io.copytrader.journal.KillSwitchEntry;
import io.copytrader.notify.KillSwitchNotices;
import io.copytrader.notify.Notice;
import io.copytrader.rails.KillMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flattens an account held in flatten mode: reads its positions, has each open one closed ({@link PositionCloser}),
 * reads them again and reports the account flat, or urgently what is still open. The account stays halted either
 * way: flatten refuses openings as halt does.
 *
 * <p>Any node flattens any account: the view and the closes go through {@code AccountRequests}, to the owner or to
 * this node's stand-ins, and a close's idempotency key is made of the flatten's journaled time, so the closes of two
 * nodes flattening one account are one request each. One pass runs per account at a time; a flatten asked for during a pass runs once more after it. A pass closes
 * what is left again, up to {@link PositionCloser#MAX_ROUNDS} times. Runs on the context of the verticle that owns
 * it.
 */
final class Flattener {

  private static final Logger LOG = LoggerFactory.getLogger(Flattener.class);
  private static final long VIEW_TIMEOUT_MS = 15_000;
  /** At start the accounts deploy after this; their view is waited for this long before the pass gives up. */
  private static final long ACCOUNT_WAIT_MS = 120_000;
  private static final long ACCOUNT_RETRY_MS = 500;

  private final Vertx vertx;
  private final Journal journal;
  private final PositionCloser closer;
  private final Set<Long> running = new HashSet<>();
  private final Set<Long> again = new HashSet<>();
  private boolean stopped;

  Flattener(Vertx vertx, Journal journal) {
    this.vertx = vertx;
    this.journal = journal;
    this.closer = new PositionCloser(vertx, journal);
  }

  /** Flattens the account if the kill switch still holds it in flatten mode when the pass starts. */
  void flatten(long accountIndex) {
    if (!running.add(accountIndex)) {
      again.add(accountIndex);
      return;
    }
    pass(accountIndex)
      .onFailure(failure -> {
        LOG.error("Account {}: flatten failed", accountIndex, failure);
        notify(KillSwitchNotices.flattenFailed(accountIndex, List.of(), "internal error: " + failure.getMessage()));
      })
      .onComplete(done -> {
        running.remove(accountIndex);
        if (again.remove(accountIndex)) {
          flatten(accountIndex);
        }
      });
  }

  private Future<Void> pass(long accountIndex) {
    return journal.killSwitchEntries().compose(entries -> {
      Optional<Long> flattenId = flattenId(entries, accountIndex);
      if (flattenId.isEmpty()) {
        return Future.succeededFuture();
      }
      return view(accountIndex, System.currentTimeMillis() + ACCOUNT_WAIT_MS)
        .compose(open -> closeAll(accountIndex, open, open, flattenId.get(), 1),
          failure -> {
            notify(KillSwitchNotices.flattenFailed(accountIndex, List.of(),
              "the account's positions could not be read: " + failure.getMessage()));
            return Future.succeededFuture();
          });
    });
  }

  /**
   * When the flatten that holds the account was set, epoch ms: the latest flatten setting for it or for all
   * accounts; empty when none holds it (it was resumed, or is only halted).
   */
  static Optional<Long> flattenId(List<KillSwitchEntry> entries, long accountIndex) {
    return entries.stream()
      .filter(entry -> entry.mode() == KillMode.FLATTEN)
      .filter(entry -> entry.accountIndex() == null || entry.accountIndex() == accountIndex)
      .map(entry -> entry.setAt().toEpochMilli())
      .max(Long::compare);
  }

  /**
   * Closes {@code open}, reads the positions again, and while some are left and rounds remain, closes those again
   * (each close's next round: the last one has ended). {@code flattening} is what the flatten found open.
   */
  private Future<Void> closeAll(long accountIndex, List<OpenPosition> flattening, List<OpenPosition> open,
                                long flattenId, int round) {
    if (!open.isEmpty()) {
      LOG.warn("Account {}: flattening {}", accountIndex, open.stream().map(OpenPosition::label).toList());
    }
    List<Future<PositionCloser.Outcome>> closes = open.stream()
      .map(position -> closer.close(accountIndex, position, flattenId))
      .toList();
    return Future.join(closes)
      .transform(ignored -> view(accountIndex, System.currentTimeMillis()))
      .transform(read -> {
        if (read.failed()) {
          notify(KillSwitchNotices.flattenFailed(accountIndex, List.of(), "closes: " + outcomes(closes)
            + "; the positions could not be read again: " + read.cause().getMessage()));
        } else if (read.result().isEmpty()) {
          notify(KillSwitchNotices.flattened(accountIndex, flattening.stream().map(OpenPosition::label).toList()));
        } else if (round < PositionCloser.MAX_ROUNDS && !stopped) {
          return journal.killSwitchEntries().compose(entries -> {
            if (flattenId(entries, accountIndex).equals(Optional.of(flattenId))) {
              return closeAll(accountIndex, flattening, read.result(), flattenId, round + 1);
            }
            LOG.warn("Account {}: the flatten was resumed or set again; this pass leaves {} open", accountIndex,
              read.result().stream().map(OpenPosition::label).toList());
            return Future.succeededFuture();
          });
        } else {
          notify(KillSwitchNotices.flattenFailed(accountIndex,
            read.result().stream().map(OpenPosition::label).toList(), outcomes(closes)));
        }
        return Future.succeededFuture();
      });
  }

  private static String outcomes(List<Future<PositionCloser.Outcome>> closes) {
    return closes.stream()
      .map(close -> close.succeeded() ? close.result().describe() : "close failed: " + close.cause().getMessage())
      .collect(Collectors.joining("; "));
  }

  /**
   * The account's open positions. Until {@code waitUntil} an account that is not on the bus yet (it deploys
   * after this verticle) or does not answer is asked again.
   */
  private Future<List<OpenPosition>> view(long accountIndex, long waitUntil) {
    return AccountRequests.view(vertx.eventBus(), accountIndex, new DeliveryOptions().setSendTimeout(VIEW_TIMEOUT_MS))
      .map(Message::body)
      .map(OpenPosition::of)
      .recover(failure -> {
        boolean notYet = failure instanceof ReplyException reply
          && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE;
        if (notYet && !stopped && System.currentTimeMillis() < waitUntil) {
          return vertx.timer(ACCOUNT_RETRY_MS, TimeUnit.MILLISECONDS).compose(tick -> view(accountIndex, waitUntil));
        }
        return Future.failedFuture(failure);
      });
  }

  /** The service is stopping: what a pass finds from now on is the stop's doing, and the next start finishes it. */
  void stop() {
    stopped = true;
  }

  private void notify(Notice notice) {
    if (stopped) {
      LOG.warn("Flatten interrupted by the stop; the next start finishes it ({})", notice.title());
      return;
    }
    vertx.eventBus().publish(Addresses.NOTIFY, notice.toJson());
  }
}
