package io.copytrader.killswitch;

import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.ServiceFailure;
import io.copytrader.journal.Journal;
import io.copytrader.notify.KillSwitchNotices;
import io.copytrader.rails.KillMode;
import io.copytrader.rails.KillSwitch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switch's owner and the rails' overview. Answers {@link Addresses#KILL_SWITCH_ENGAGE} and
 * {@link Addresses#KILL_SWITCH_RESUME} (journal first, then {@link Addresses#KILL_SWITCH_CHANGED} for the accounts,
 * an urgent notice, and the whole kill switch as the reply), has the accounts held in flatten mode flattened
 * ({@link Flattener}), and answers {@link Addresses#RAILS_STATUS} ({@link RailsStatus}).
 *
 * <p>Deployed before the accounts, so that an account's loss watch can engage the kill switch from its first
 * reading; at start it publishes the kill switch the journal holds and resumes any flatten a stop interrupted
 * (waiting for the accounts to come up).
 */
public final class RailsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RailsVerticle.class);

  private final Journal journal;
  private final List<Long> accountIndexes;
  private final Set<Long> configured;
  private Flattener flattener;
  private RailsStatus status;

  public RailsVerticle(Journal journal, Collection<Long> accountIndexes) {
    this.journal = journal;
    this.accountIndexes = List.copyOf(new LinkedHashSet<>(accountIndexes));
    this.configured = Set.copyOf(accountIndexes);
  }

  @Override
  public Future<?> start() {
    flattener = new Flattener(vertx, journal);
    status = new RailsStatus(vertx, journal);
    EventBus bus = vertx.eventBus();
    List<MessageConsumer<JsonObject>> consumers = List.of(
      bus.localConsumer(Addresses.KILL_SWITCH_ENGAGE, this::engage),
      bus.localConsumer(Addresses.KILL_SWITCH_RESUME, this::resume),
      bus.localConsumer(Addresses.RAILS_STATUS, this::status));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
      .compose(registered -> journal.killSwitch())
      .onSuccess(current -> {
        bus.publish(Addresses.KILL_SWITCH_CHANGED, KillCommand.toJson(current));
        if (!current.equals(KillSwitch.OFF)) {
          LOG.warn("Kill switch engaged (from the journal): {}", KillCommand.toJson(current).encode());
        }
        flattenWhereHeld(current, accountIndexes);
      });
  }

  @Override
  public Future<?> stop() {
    flattener.stop();
    return Future.succeededFuture();
  }

  private void engage(Message<JsonObject> msg) {
    KillCommand command = parsed(msg, KillCommand::engage);
    if (command == null) {
      return;
    }
    journal.engageKillSwitch(command.accountIndex(), command.mode(), command.reason())
      .onSuccess(engaged -> {
        LOG.warn("Kill switch engaged: {} for {} ({})", command.mode().wire(), scope(command.accountIndex()),
          command.reason());
        changed(msg, engaged);
        vertx.eventBus().publish(Addresses.NOTIFY,
          KillSwitchNotices.engaged(command.mode(), command.accountIndex(), command.reason()).toJson());
        if (command.mode() == KillMode.FLATTEN) {
          flattenWhereHeld(engaged, command.accountIndex() == null ? accountIndexes
            : List.of(command.accountIndex()));
        }
      })
      .onFailure(failure -> journalFailed(msg, failure, "the kill switch is unchanged"));
  }

  private void resume(Message<JsonObject> msg) {
    KillCommand command = parsed(msg, KillCommand::resume);
    if (command == null) {
      return;
    }
    journal.resumeKillSwitch(command.accountIndex())
      .onSuccess(resumed -> {
        LOG.warn("Kill switch cleared for {}", scope(command.accountIndex()));
        changed(msg, resumed);
        vertx.eventBus().publish(Addresses.NOTIFY,
          KillSwitchNotices.cleared(command.accountIndex(), resumed).toJson());
      })
      .onFailure(failure -> journalFailed(msg, failure, "the kill switch is unchanged"));
  }

  private void status(Message<JsonObject> msg) {
    Object filter = msg.body() == null ? null : msg.body().getValue("account_index");
    List<Long> accounts = accountIndexes;
    if (filter != null) {
      long index = filter instanceof Integer || filter instanceof Long ? ((Number) filter).longValue() : -1;
      if (!configured.contains(index)) {
        msg.fail(FailureCode.UNKNOWN_ACCOUNT.code(), "account " + filter + " is not configured");
        return;
      }
      accounts = List.of(index);
    }
    status.of(accounts)
      .onSuccess(msg::reply)
      .onFailure(failure -> journalFailed(msg, failure, "the kill switch cannot be read"));
  }

  /** The command in the message, or null when it was refused (the message is failed with the reason). */
  private KillCommand parsed(Message<JsonObject> msg, BiFunction<JsonObject, Set<Long>, KillCommand> parser) {
    try {
      return parser.apply(msg.body(), configured);
    } catch (ServiceFailure refused) {
      msg.fail(refused.code().code(), refused.getMessage());
      return null;
    }
  }

  /** Publishes the change to the accounts before the caller hears of it. */
  private void changed(Message<JsonObject> msg, KillSwitch now) {
    JsonObject wire = KillCommand.toJson(now);
    vertx.eventBus().publish(Addresses.KILL_SWITCH_CHANGED, wire);
    msg.reply(wire.copy());
  }

  private void flattenWhereHeld(KillSwitch killSwitch, List<Long> accounts) {
    accounts.stream()
      .filter(index -> killSwitch.effectiveMode(index) == KillMode.FLATTEN)
      .forEach(flattener::flatten);
  }

  private static void journalFailed(Message<JsonObject> msg, Throwable failure, String consequence) {
    LOG.error("The journal failed on the kill switch: {}", consequence, failure);
    msg.fail(FailureCode.EXCHANGE_UNAVAILABLE.code(), "the journal is unavailable: " + consequence);
  }

  private static String scope(Long accountIndex) {
    return accountIndex == null ? "all accounts" : "account " + accountIndex;
  }
}
