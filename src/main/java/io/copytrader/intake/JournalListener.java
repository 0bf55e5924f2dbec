package io.copytrader.intake;

import io.copytrader.Addresses;
import io.copytrader.config.JournalSettings;
import io.copytrader.journal.Journal;
import io.copytrader.journal.JournalChannels;
import io.copytrader.rails.KillSwitchWire;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other nodes tell this one through the shared journal (docs/ARCHITECTURE.md "Any node accepts"). A request
 * journaled for an account is relayed to {@link Addresses#accountIntake}, where the account's owner, if it is this
 * node, claims it: at once when PostgreSQL's notice is heard ({@code LISTEN} on a connection of its own, reconnecting
 * every {@value #RECONNECT_MS} ms when lost), and, for a notice lost or never sent (a SQLite journal notifies nothing;
 * its node journals for itself while an account is not deployed yet), every {@value #BACKSTOP_MS} ms for each account
 * the journal shows with a request waiting unclaimed: one read for all the accounts. A kill switch change has the
 * kill switch read again and published on {@link Addresses#KILL_SWITCH_CHANGED}, as it is at every (re)connection,
 * since a change may have been missed while the connection was down.
 */
public final class JournalListener extends VerticleBase {

  static final long RECONNECT_MS = 1_000;
  /** How long a request whose notice was lost waits at most for its owner to look. */
  static final long BACKSTOP_MS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(JournalListener.class);

  private final JournalSettings settings;
  private final Journal journal;
  private PgSubscriber subscriber;
  private long backstop;
  private boolean scanning;
  /** A journal out of reach fails every scan: its first failure is logged, not each second's. */
  private boolean scanFailing;

  public JournalListener(JournalSettings settings, Journal journal) {
    this.settings = settings;
    this.journal = journal;
  }

  @Override
  public Future<?> start() {
    backstop = vertx.setPeriodic(BACKSTOP_MS, tick -> relayUnclaimed());
    if (!settings.postgresql()) {
      return Future.succeededFuture();
    }
    subscriber = PgSubscriber.subscriber(vertx, settings.connectOptions())
      .reconnectPolicy(attempts -> RECONNECT_MS)
      .closeHandler(closed -> LOG.warn("Lost the journal's notice connection; reconnecting"));
    subscriber.channel(JournalChannels.INTAKE).handler(this::relay);
    subscriber.channel(JournalChannels.KILL_SWITCH)
      .handler(payload -> rereadKillSwitch())
      .subscribeHandler(listening -> rereadKillSwitch());
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(backstop);
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  private void relay(String payload) {
    try {
      relay(Long.parseLong(payload));
    } catch (NumberFormatException notAnAccount) {
      LOG.warn("Ignoring an intake notice that names no account");
    }
  }

  private void relay(long accountIndex) {
    vertx.eventBus().publish(Addresses.accountIntake(accountIndex), new JsonObject());
  }

  /** One scan at a time: a journal slower than the period skips ticks rather than piling reads up. */
  private void relayUnclaimed() {
    if (scanning) {
      return;
    }
    scanning = true;
    journal.unclaimedAccounts()
      .onSuccess(accounts -> {
        scanFailing = false;
        accounts.forEach(this::relay);
      })
      .onFailure(failure -> {
        if (!scanFailing) {
          LOG.warn("Looking for requests waiting unclaimed failed (said once until it works): {}", failure.toString());
        }
        scanFailing = true;
      })
      .onComplete(done -> scanning = false);
  }

  private void rereadKillSwitch() {
    journal.killSwitch()
      .onSuccess(current -> vertx.eventBus().publish(Addresses.KILL_SWITCH_CHANGED,
        new JsonObject(KillSwitchWire.toWire(current)).copy()))
      .onFailure(failure -> LOG.error("The kill switch another node changed cannot be read: {}", failure.toString()));
  }
}
