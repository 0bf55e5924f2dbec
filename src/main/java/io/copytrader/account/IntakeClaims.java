package io.copytrader.account;

import io.copytrader.Addresses;
import io.copytrader.journal.Journal;
import io.copytrader.journal.RequestRecord;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's side of "any node accepts" (docs/ARCHITECTURE.md "Several nodes"): claims the requests other nodes
 * journaled for the account, unclaimed, when the journal's listener relays their notice on
 * {@link Addresses#accountIntake} and every {@link #BACKSTOP_MS} in case a notice was lost, and hands them over
 * oldest first. One claim runs at a time; a notice heard meanwhile has another run after it, so nothing waits for
 * the backstop.
 */
final class IntakeClaims {

  /** How often the journal is asked even when no notice came: a lost notice delays a request by at most this. */
  static final long BACKSTOP_MS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(IntakeClaims.class);

  private final Vertx vertx;
  private final Journal journal;
  private final long accountIndex;
  private final LongSupplier epoch;
  private final Consumer<List<RequestRecord>> claimed;
  private long backstop = -1;
  private boolean claiming;
  private boolean again;
  private boolean stopped;

  IntakeClaims(Vertx vertx, Journal journal, long accountIndex, LongSupplier epoch,
               Consumer<List<RequestRecord>> claimed) {
    this.vertx = vertx;
    this.journal = journal;
    this.accountIndex = accountIndex;
    this.epoch = epoch;
    this.claimed = claimed;
  }

  /** Starts the backstop and returns the consumer of the account's notices, for its owner to await and close. */
  MessageConsumer<JsonObject> listen() {
    backstop = vertx.setPeriodic(BACKSTOP_MS, tick -> claim());
    return vertx.eventBus().localConsumer(Addresses.accountIntake(accountIndex), notice -> claim());
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(backstop);
  }

  private void claim() {
    if (stopped) {
      return;
    }
    if (claiming) {
      again = true;
      return;
    }
    claiming = true;
    journal.claimQueued(accountIndex, epoch.getAsLong())
      .onSuccess(records -> {
        if (!records.isEmpty() && !stopped) {
          LOG.info("Account {}: claimed {} request(s) another node journaled", accountIndex, records.size());
          claimed.accept(records);
        }
      })
      .onFailure(failure -> LOG.warn("Account {}: claiming requests other nodes journaled failed (next try in {} ms):"
        + " {}", accountIndex, BACKSTOP_MS, failure.toString()))
      .onComplete(done -> {
        claiming = false;
        if (again) {
          again = false;
          claim();
        }
      });
  }
}
