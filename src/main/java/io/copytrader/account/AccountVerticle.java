package io.copytrader.account;

import java.util.concurrent.TimeUnit;
import io.copytrader.Addresses;
import io.copytrader.FailureCode;
import io.copytrader.config.AccountConfig;
import io.copytrader.journal.IdempotencyHit;
import io.copytrader.journal.InsertOutcome;
import io.copytrader.journal.Journal;
import io.copytrader.journal.JournalException;
import io.copytrader.journal.NewRequest;
import io.copytrader.journal.RequestRecord;
import io.copytrader.journal.RequestState;
import io.copytrader.journal.StagedWrite;
import io.copytrader.lighter.TradingApi;
import io.copytrader.metrics.ServiceMetrics;
import io.copytrader.notify.Fanout;
import io.copytrader.rails.KillSwitchWire;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's serial queue. Lighter nonces are per (account, API key) and two transactions in flight
 * for one key fail, so requests run strictly one after another; accounts run concurrently. A request is
 * journaled before it is acknowledged, so a crash loses nothing that was accepted.
 *
 * <p>It answers on {@link Addresses#accountSubmit}, {@link Addresses#accountView}, {@link Addresses#accountRails}
 * and {@link Addresses#accountStatus}, and reports its queue depth as {@code copytrade_queue_depth{account}}. It
 * follows the kill switch: read from the journal before anything runs, then from every
 * {@link Addresses#KILL_SWITCH_CHANGED}.
 */
public final class AccountVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AccountVerticle.class);

  private final AccountConfig account;
  private final int capacity;
  private final Journal journal;
  private final TradingApi lighter;
  private final RequestExecutor executor;
  private final AccountViewer viewer;
  private final Duration shutdownGrace;
  private final ServiceMetrics metrics;
  /** The epoch under which this node owns the account: its inserts and claims carry it. */
  private final LongSupplier epoch;
  private final Deque<QueuedRequest> queue = new ArrayDeque<>();
  /** Submit and view: closed first at shutdown. */
  private final List<MessageConsumer<JsonObject>> intake = new ArrayList<>();
  private MessageConsumer<JsonObject> status;
  /** The kill switch and rails consumers: closed last, with status. */
  private final List<MessageConsumer<JsonObject>> railConsumers = new ArrayList<>();
  private final AccountKillSwitch killSwitch;
  private Context context;
  private RequestResumer resumer;
  private int admitting;
  private boolean running;
  private boolean stopping;
  private Promise<Void> idle;
  private volatile int depth;
  private ProtectionSupervisor protection;
  private IntakeClaims claims;
  private boolean protectionDue;
  private boolean protecting;

  public AccountVerticle(AccountConfig account, int capacity, Journal journal, TradingApi lighter,
                         RequestExecutor executor, AccountViewer viewer, Duration shutdownGrace,
                         AccountKillSwitch killSwitch, ServiceMetrics metrics, LongSupplier epoch) {
    this.account = account;
    this.capacity = capacity;
    this.journal = journal;
    this.lighter = lighter;
    this.executor = executor;
    this.viewer = viewer;
    this.shutdownGrace = shutdownGrace;
    this.metrics = metrics;
    this.killSwitch = killSwitch;
    this.epoch = epoch;
  }

  @Override
  public Future<?> start() {
    context = vertx.getOrCreateContext();
    resumer = new RequestResumer(vertx, journal, account.accountIndex(), executor.heldNotices(), epoch);
    return followKillSwitch()
      .compose(following -> journal.claimUnfinished(account.accountIndex(), epoch.getAsLong()))
      .compose(unfinished -> {
        Future<Void> resumed = Future.succeededFuture();
        for (RequestRecord record : unfinished) {
          resumed = resumed.compose(previous -> resume(record));
        }
        return resumed;
      })
      .compose(resumed -> {
        long index = account.accountIndex();
        EventBus bus = vertx.eventBus();
        intake.add(bus.localConsumer(Addresses.accountSubmit(index), this::submit));
        intake.add(bus.localConsumer(Addresses.accountView(index),
          msg -> viewer.view().onSuccess(msg::reply).onFailure(failure -> fail(msg, failure))));
        intake.add(bus.localConsumer(Addresses.accountProtect(index), this::protectNow));
        claims = new IntakeClaims(vertx, journal, index, epoch, this::claimed);
        intake.add(claims.listen());
        status = bus.localConsumer(Addresses.accountStatus(index),
          msg -> msg.reply(new JsonObject().put("queued", depth)));
        AccountRails rails = new AccountRails(account, journal, lighter, killSwitch);
        railConsumers.add(bus.localConsumer(Addresses.accountRails(index),
          msg -> rails.status().onSuccess(msg::reply).onFailure(failure -> fail(msg, failure))));
        return Future.all(status.completion(), Future.all(intake.stream().map(MessageConsumer::completion).toList()),
          Future.all(railConsumers.stream().map(MessageConsumer::completion).toList()));
      })
      .onSuccess(started -> {
        // Read at scrape time from another thread, hence the volatile depth.
        metrics.gauge("copytrade_queue_depth", "Requests waiting or running per account", "account",
          String.valueOf(account.accountIndex()), () -> depth);
        startProtection();
        drain();
      });
  }

  /** The first run follows the resumed requests; later ones come when the supervisor says, between requests. */
  private void startProtection() {
    if (protection != null) {
      protection.start(() -> {
        protectionDue = true;
        drain();
      });
    }
  }

  /**
   * Stops taking requests and lets the current one finish within the grace period; whatever is still
   * queued stays {@code queued} in the journal for the next start. Health hears from the account until then.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (protection != null) {
      protection.stop();
    }
    if (claims != null) {
      claims.stop();
    }
    Future<?> closed = Future.all(intake.stream().map(MessageConsumer::unregister).toList());
    Future<?> requestEnds = running ? currentRequestEnds() : Future.succeededFuture();
    return closed.compose(done -> requestEnds)
      .eventually(() -> status == null ? Future.succeededFuture() : status.unregister())
      .eventually(() -> Future.all(railConsumers.stream().map(MessageConsumer::unregister).toList()));
  }

  /**
   * Listens for kill switch changes, then reads the journal's: a change heard while the read runs is newer than
   * what the read returns, so it is kept.
   */
  private Future<Void> followKillSwitch() {
    MessageConsumer<JsonObject> changes = vertx.eventBus().localConsumer(Addresses.KILL_SWITCH_CHANGED, msg -> {
      try {
        killSwitch.changed(KillSwitchWire.fromWire(msg.body().getString("mode"),
          msg.body().getJsonObject("accounts").getMap()));
      } catch (RuntimeException e) {
        LOG.error("Account {}: ignoring a kill switch change it cannot read: {}", account.accountIndex(), e.toString());
      }
    });
    railConsumers.add(changes);
    return changes.completion()
      .compose(listening -> {
        long changesBefore = killSwitch.changes();
        return journal.killSwitch().onSuccess(stored -> killSwitch.read(stored, changesBefore));
      })
      .onSuccess(known -> LOG.info("Account {}: kill switch {}", account.accountIndex(), killSwitch.mode().wire()))
      .mapEmpty();
  }

  /** Completes when the running request ends or the grace period is over, whichever comes first. */
  private Future<?> currentRequestEnds() {
    idle = Promise.promise();
    Future<Void> finished = idle.future();
    // Vert.x refuses a zero-delay timer; SHUTDOWN_GRACE=0 means not waiting at all.
    Future<?> graceOver = shutdownGrace.isZero() ? Future.succeededFuture()
      : vertx.timer(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
    return Future.any(finished, graceOver)
      .onComplete(done -> {
        if (!finished.isComplete()) {
          LOG.warn("Account {}: the current request did not finish within {} s of shutdown",
            account.accountIndex(), shutdownGrace.toSeconds());
        }
      });
  }

  /** Has {@code supervisor} check the account's protection when no request runs; call before deploying. */
  public AccountVerticle protectedBy(ProtectionSupervisor supervisor) {
    this.protection = supervisor;
    return this;
  }

  /** Puts a journaled request back in the queue, in its original order ({@link RequestResumer}). */
  private Future<Void> resume(RequestRecord record) {
    return resumer.resume(record).map(resumed -> {
      queue.addLast(resumed);
      depth = queue.size();
      return null;
    });
  }

  /** Requests other nodes journaled for the account, now claimed by it: queued after those waiting. */
  private void claimed(List<RequestRecord> records) {
    if (stopping) {
      return;
    }
    Future<Void> queued = Future.succeededFuture();
    for (RequestRecord record : records) {
      queued = queued.compose(previous -> resume(record));
    }
    queued.onComplete(done -> drain());
  }

  private void submit(Message<JsonObject> msg) {
    if (stopping) {
      msg.fail(FailureCode.SHUTTING_DOWN.code(), "the service is shutting down; retry against the next instance");
      return;
    }
    TradeRequest request;
    try {
      request = TradeRequest.fromJson(msg.body());
    } catch (IllegalArgumentException e) {
      msg.fail(FailureCode.INVALID_REQUEST.code(), e.getMessage());
      return;
    }
    NewRequest entry = Admission.entry(request, account.accountIndex());
    // A repeat is answered from the journal before anything else that could refuse it: its original was
    // accepted, so neither a full queue nor a position its original has since closed may turn the repeat into
    // an error. Otherwise the insert finds the repeat itself, which saves a journal read on the way to the order.
    boolean mayRefuse = request.action().isAdjust() || queue.size() + admitting >= capacity;
    Future<Optional<IdempotencyHit>> earlier = request.clientRequestId() == null || !mayRefuse
      ? Future.succeededFuture(Optional.empty())
      : journal.findByIdempotencyKey(account.accountIndex(), request.clientRequestId());
    earlier.onSuccess(hit -> {
      if (hit.isPresent()) {
        Admission.answerRepeat(msg, request, hit.get().requestId(), hit.get().state(),
          hit.get().fingerprint().equals(entry.fingerprint()));
      } else {
        admit(msg, request, entry);
      }
    }).onFailure(failure -> fail(msg, failure));
  }

  private void admit(Message<JsonObject> msg, TradeRequest request, NewRequest entry) {
    if (stopping) {
      msg.fail(FailureCode.SHUTTING_DOWN.code(), "the service is shutting down; retry against the next instance");
      return;
    }
    if (queue.size() + admitting >= capacity) {
      msg.fail(FailureCode.QUEUE_FULL.code(), "account " + account.accountIndex() + " has " + capacity
        + " requests waiting; retry later");
      return;
    }
    admitting++;
    Admission.positionCheck(lighter, account.accountIndex(), request)
      .onFailure(failure -> {
        admitting--;
        fail(msg, failure);
      })
      .onSuccess(checked -> {
        // Nothing else of the account waits or runs: the journal takes the request in executing, which saves its
        // start a write of its own (not one already too old: that one is expired without starting). A protection
        // run coming due before the insert has run still goes first; the request then waits executing, as one
        // resumed after a restart would.
        boolean start = !running && queue.isEmpty() && admitting == 1 && !protectionDue
          && executor.inTime(request, System.currentTimeMillis());
        StagedWrite<InsertOutcome> insert = journal.insertRequestStaged(entry, epoch.getAsLong(), start);
        // Execution starts as soon as the insert has run: everything it writes before an order may leave
        // commits with or after the insert, and an order is refused for a request that is not in the journal.
        // The signal source hears "accepted" only once the insert is durable.
        insert.applied()
          .onComplete(applied -> admitting--)
          .onSuccess(outcome -> {
            if (outcome instanceof InsertOutcome.Inserted inserted) {
              enqueue(inserted.request(), request, msg);
            }
          });
        insert.committed()
          .onSuccess(outcome -> {
            RequestRecord record = outcome.request();
            if (outcome instanceof InsertOutcome.Duplicate duplicate) {
              Admission.answerRepeat(msg, request, record.requestId(), record.state(), duplicate.sameBody());
              return;
            }
            msg.reply(new JsonObject().put("request_id", record.requestId()));
            RequestEvents.publish(vertx.eventBus(), record.requestId(), record.accountIndex(), record.state());
            LOG.info("Account {}: accepted {} {} as request {}", account.accountIndex(), request.action().wireName(),
              request.symbol(), record.requestId());
          })
          .onFailure(failure -> fail(msg, failure));
      });
  }

  private void enqueue(RequestRecord record, TradeRequest request, Message<?> msg) {
    QueuedRequest fresh = QueuedRequest.fresh(record.requestId(), request, record.createdAt().toEpochMilli(),
      receivedNanos(msg)).inFanout(Fanout.fromHeaders(msg.headers()));
    queue.addLast(record.state() == RequestState.EXECUTING ? fresh.startedAtIntake() : fresh);
    depth = queue.size() + (running && !protecting ? 1 : 0);
    drain();
  }

  private static long receivedNanos(Message<?> msg) {
    String received = msg.headers().get(Addresses.RECEIVED_NANOS);
    return received == null ? 0 : Long.parseLong(received);
  }

  private void drain() {
    if (running || (queue.isEmpty() && !protectionDue) || stopping) {
      if (!running && idle != null) {
        idle.tryComplete();
      }
      return;
    }
    running = true;
    if (queue.isEmpty()) {
      runProtection();
      return;
    }
    QueuedRequest next = queue.pollFirst();
    executor.execute(next)
      .onComplete(outcome -> context.runOnContext(ignored -> {
        if (outcome.failed() && JournalException.outOfReach(outcome.cause())) {
          takeUpAgain(next, outcome.cause());
          return;
        }
        if (outcome.failed()) {
          LOG.error("Request {} ended with an unexpected failure", next.requestId(), outcome.cause());
        }
        running = false;
        depth = queue.size();
        drain();
      }));
  }

  /** Nothing else runs until the journal is back and the request is taken up again first; protection follows. */
  private void takeUpAgain(QueuedRequest interrupted, Throwable cause) {
    resumer.takeUpAgain(interrupted.requestId(), cause, () -> stopping).onComplete(read -> {
      read.result().ifPresent(queue::addFirst);
      if (protection != null) {
        protection.runSoon("journal back");
      }
      running = false;
      depth = queue.size();
      drain();
    });
  }

  /** An operator's protection run ({@code POST /api/protect}): it waits for the node's next turn and for room. */
  private void protectNow(Message<JsonObject> msg) {
    if (protection == null) {
      msg.fail(FailureCode.EXCHANGE_UNAVAILABLE.code(), "account " + account.accountIndex() + " is not protected");
      return;
    }
    LOG.info("Account {}: protection run asked for by the operator", account.accountIndex());
    protection.runSoon("operator");
    msg.reply(new JsonObject());
  }

  /** A protection run takes a turn only when no request waits, and one request arriving waits for it to end. */
  private void runProtection() {
    protectionDue = false;
    protecting = true;
    protection.run().onComplete(done -> context.runOnContext(ignored -> {
      protecting = false;
      running = false;
      drain();
    }));
  }

  private static void fail(Message<?> msg, Throwable failure) {
    Admission.fail(msg, failure);
  }
}
