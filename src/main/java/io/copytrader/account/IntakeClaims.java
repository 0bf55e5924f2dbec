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
 * The owner's side of "any node accepts" (docs/ARCHITECTURE.md "Any node accepts"): claims the requests other nodes
 * journaled for the account, unclaimed, whenever {@code intake/JournalListener} relays on
 * {@link Addresses#accountIntake} that one waits (its notice, or its backstop's scan of the journal), and hands them
 * over oldest first. One claim runs at a time; a relay heard meanwhile has another run after it.
 */
final class IntakeClaims {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeClaims.class);

  private final Vertx vertx;
  private final Journal journal;
  private final long accountIndex;
  private final LongSupplier epoch;
  private final Consumer<List<RequestRecord>> claimed;
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

  /** The consumer of the account's relays, for its owner to await and close. */
  MessageConsumer<JsonObject> listen() {
    return vertx.eventBus().localConsumer(Addresses.accountIntake(accountIndex), notice -> claim());
  }

  void stop() {
    stopped = true;
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
      .onFailure(failure -> LOG.warn("Account {}: claiming requests other nodes journaled failed (tried again at the"
        + " next relay): {}", accountIndex, failure.toString()))
      .onComplete(done -> {
        claiming = false;
        if (again) {
          again = false;
          claim();
        }
      });
  }
}
