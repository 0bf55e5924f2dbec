package io.copytrader.intake;

import io.copytrader.Addresses;
import io.copytrader.config.JournalSettings;
import io.copytrader.journal.Journal;
import io.copytrader.journal.JournalChannels;
import io.copytrader.rails.KillSwitchWire;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other nodes tell this one through the shared PostgreSQL journal (docs/ARCHITECTURE.md "Several nodes"),
 * heard on a connection of its own ({@code LISTEN}, reconnecting every {@value #RECONNECT_MS} ms when lost): a
 * request journaled for an account is relayed to {@link Addresses#accountIntake}, where the account's owner, if it
 * is this node, claims it; a kill switch change has the kill switch read again from the journal and published on
 * {@link Addresses#KILL_SWITCH_CHANGED}, as it is at every (re)connection, since a change may have been missed
 * while the connection was down. A lost request notice costs at most the owner's backstop interval.
 */
public final class JournalListener extends VerticleBase {

  static final long RECONNECT_MS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(JournalListener.class);

  private final JournalSettings settings;
  private final Journal journal;
  private PgSubscriber subscriber;

  private JournalListener(JournalSettings settings, Journal journal) {
    this.settings = settings;
    this.journal = journal;
  }

  /** Deploys the listener on a PostgreSQL journal; a SQLite journal has one node, which has nothing to hear. */
  public static Future<?> deploy(Vertx vertx, JournalSettings settings, Journal journal) {
    return settings.postgresql() ? vertx.deployVerticle(new JournalListener(settings, journal))
      : Future.succeededFuture();
  }

  @Override
  public Future<?> start() {
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
    return subscriber.close();
  }

  private void relay(String payload) {
    long accountIndex;
    try {
      accountIndex = Long.parseLong(payload);
    } catch (NumberFormatException notAnAccount) {
      LOG.warn("Ignoring an intake notice that names no account");
      return;
    }
    vertx.eventBus().publish(Addresses.accountIntake(accountIndex), new JsonObject());
  }

  private void rereadKillSwitch() {
    journal.killSwitch()
      .onSuccess(current -> vertx.eventBus().publish(Addresses.KILL_SWITCH_CHANGED,
        new JsonObject(KillSwitchWire.toWire(current)).copy()))
      .onFailure(failure -> LOG.error("The kill switch another node changed cannot be read: {}", failure.toString()));
  }
}
